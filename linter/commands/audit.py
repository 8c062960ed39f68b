"""`gitops-lint audit [PATH...]`: lint a repository, directories or single files."""

from __future__ import annotations

import argparse
import sys
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
    scan_root,
)

if TYPE_CHECKING:
    from linter.audit import Audit
    from linter.baseline import Summary as BaselineSummary
    from linter.config import Config
    from linter.finding import Finding

DEFAULT_BASELINE = ".gitops-lint-baseline.json"


def register(commands: Any) -> None:
    parser = commands.add_parser("audit", help="lint files or a whole repository")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="directories or files (default: .)")
    parser.add_argument(
        "--file-local",
        action="store_true",
        help="judge each file on its own, fast (pre-commit's per-file hook): objects as written, "
        "no rendering, no rule that needs the rest of the repository",
    )
    add_lint_options(parser)
    parser.add_argument(
        "--show-suppressed", action="store_true", help="also list the findings suppressions cover, with their reasons"
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not in this baseline (default: config `baseline`)"
    )
    parser.add_argument(
        "--write-baseline",
        nargs="?",
        const="",
        metavar="FILE",
        help="record the current findings as accepted in FILE (default: config `baseline`, "
        f"else {DEFAULT_BASELINE}) and exit 0",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import gc

    from linter.audit import enabled_rules, run_audit
    from linter.reporting import Report

    # The located trees are large and acyclic: reference counting frees them, and the cyclic
    # collector would only rescan them again and again while they are built (about 30% of a scan).
    gc.disable()
    paths = [Path(p) for p in (args.paths or ["."])]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or directory: {path}")
    root = scan_root(paths)
    config = load_settings(args, root)
    rules = [rule for rule in enabled_rules(config) if not rule.target.needs_history]  # no history here
    targets = None if len(paths) == 1 and paths[0].is_dir() else paths
    audit = run_audit(root, config, targets, rules, file_local=args.file_local)
    result = audit.result
    findings, held_back = _apply_baseline(args, config, audit, partial=targets is not None)
    report = Report(
        command="audit",
        root=root,
        display_prefix=display_prefix(root),
        findings=findings,
        suppressed=result.suppressed,
        show_suppressed=args.show_suppressed,
        baseline=held_back,
        rules=rules,
        partial=frozenset(result.incomplete),
        files_scanned=len(audit.repo.files),
        objects=len(audit.repo.resources),
        errors=result.errors,
        notes=result.notes,
        fail_on=config.fail_on,
    )
    emit(report, args)
    print_errors(result.errors, debug=args.debug)
    if result.errors:
        return EXIT_ERROR
    return exit_code(findings, config, exit_zero=args.exit_zero or args.write_baseline is not None)


def _apply_baseline(
    args: argparse.Namespace, config: Config, audit: Audit, *, partial: bool
) -> tuple[list[Finding], BaselineSummary | None]:
    """Write the baseline, or hold back the findings it records; the findings left to report."""
    from linter import baseline

    findings = audit.result.findings
    configured = config.resolve_path("baseline")
    try:
        if args.write_baseline is not None:
            if audit.result.errors:  # a baseline of an incomplete scan would hide what it missed
                print("gitops-lint: baseline not written: some checks did not complete", file=sys.stderr)
                return findings, None
            target = Path(args.write_baseline) if args.write_baseline else configured or Path(DEFAULT_BASELINE)
            baseline.write(target, findings)
            print(f"gitops-lint: wrote {len(findings)} finding(s) to the baseline {target}", file=sys.stderr)
            return findings, None
        path = Path(args.baseline) if args.baseline else configured
        if path is None:
            return findings, None
        entries = baseline.load(path)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from None
    present = {source.path for source in audit.repo.files}
    compared = baseline.compare(findings, entries, present, partial=partial)
    return compared.new, baseline.Summary(str(path), len(compared.known), compared.stale)
