"""`gitops-lint check --base REF [--head REF] [--all]`: check a pull request's commits.

Lints the trees at the merge-base and at head from git objects (the work tree, dirty or not, is
not read), runs the GIT rules over every commit and merge of ``merge-base..head``, and reports
the findings that are new at head (every finding at head with ``--all``), listing those fixed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.commands.common import (
    EXIT_ERROR,
    UsageError,
    add_lint_options,
    display_prefix,
    emit,
    exit_code,
    load_settings,
    print_errors,
)

if TYPE_CHECKING:
    from linter.baseline import Summary as BaselineSummary
    from linter.config import Config
    from linter.finding import Finding


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check a pull request: its new findings and every commit and merge in it",
        description="Lint the trees at merge-base(BASE, HEAD) and at HEAD from git objects, run the GIT rules "
        "over every commit of the range, and report the findings the range adds.",
    )
    parser.add_argument(
        "--base", required=True, metavar="REF", help="the branch the change goes into, e.g. origin/main"
    )
    parser.add_argument("--head", default="HEAD", metavar="REF", help="the change's last commit (default: HEAD)")
    parser.add_argument(
        "--all", action="store_true", dest="report_all", help="report every finding at head, not only new ones"
    )
    parser.add_argument("--repo", default=".", metavar="DIR", help="the repository (default: the current directory)")
    parser.add_argument(
        "--pr-author", metavar="LOGIN", help="the pull request's author, for code-owner checks (e.g. $GITHUB_ACTOR)"
    )
    add_lint_options(parser)
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not in this baseline (default: config `baseline`)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import gc

    from linter.audit import enabled_rules
    from linter.check import open_repository, repository_root, run_check
    from linter.history.collect import HistoryError
    from linter.history.range import RangeError
    from linter.history.signatures import SigningSetupError
    from linter.reporting import Report

    gc.disable()  # as in `audit`: the located trees are acyclic, the cyclic collector only costs time
    try:
        root = repository_root(open_repository(Path(args.repo)))
        config = load_settings(args, root)
        rules = enabled_rules(config)
        run = run_check(root, config, args.base, args.head, rules, report_all=args.report_all, pr_author=args.pr_author)
    except (RangeError, SigningSetupError, HistoryError) as exc:
        raise UsageError(str(exc)) from None
    history = run.history
    merges = sum(1 for commit in history.commits if commit.is_merge)
    findings, held_back = _apply_baseline(args, config, run.findings, {source.path for source in run.head.files})
    report = Report(
        command="check",
        root=root,
        display_prefix=display_prefix(root),
        findings=findings,
        baseline=held_back,
        rules=rules,
        files_scanned=len(run.head.files),
        objects=len(run.head.resources),
        errors=run.errors,
        fail_on=config.fail_on,
        new=frozenset(f.fingerprint for f in findings if f.extra.get("new")),
        fixed=run.fixed,
        comparison={
            "base_ref": args.base,
            "base": history.base,
            "merge_base": history.merge_base,
            "head": history.head,
            "commits": len(history.commits),
            "merges": merges,
            "description": f"Checked {len(history.commits)} commit(s), {merges} merge(s), from "
            f"{history.merge_base[:12]} (merge-base with {args.base}) to {history.head[:12]}",
        },
    )
    emit(report, args)
    print_errors(run.errors, debug=args.debug)
    if run.errors:
        return EXIT_ERROR
    return exit_code(findings, config, exit_zero=args.exit_zero)


def _apply_baseline(
    args: argparse.Namespace, config: Config, findings: list[Finding], present: set[str]
) -> tuple[list[Finding], BaselineSummary | None]:
    """Hold back the findings the baseline records (e.g. a secret in history whose rotation was
    recorded). Its entries that no longer occur are `audit`'s business, not a pull request's."""
    from linter import baseline

    path = Path(args.baseline) if args.baseline else config.resolve_path("baseline")
    if path is None:
        return findings, None
    try:
        entries = baseline.load(path)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from None
    compared = baseline.compare(findings, entries, present, partial=True)
    return compared.new, baseline.Summary(str(path), len(compared.known), [])
