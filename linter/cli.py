"""Command line: `gitops-lint audit|rules|explain`.

Start-up time matters (pre-commit runs this on every commit), so only argparse is imported at
module level; each command imports what it needs.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or
internal error (one line on stderr; a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.config import Config
    from linter.rule import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    from linter import __version__

    parser = argparse.ArgumentParser(
        prog="gitops-lint",
        description="Lint a GitOps repository against NIST SP 800-190 with exact file:line:column findings.",
    )
    parser.add_argument("--version", action="version", version=f"gitops-lint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    audit = commands.add_parser("audit", help="lint files or a whole repository")
    audit.add_argument("paths", nargs="*", metavar="PATH", help="directories or files (default: .)")
    audit.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    audit.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    audit.add_argument(
        "--fail-on", metavar="SEVERITY", help="exit 1 on findings at or above this severity (default: low)"
    )
    audit.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    audit.add_argument(
        "--select",
        type=_csv,
        metavar="IDS",
        help="only these rules: IDs, slugs, family prefixes (CTR) or ALL, comma-separated",
    )
    audit.add_argument(
        "--extend-select", type=_csv, default=[], metavar="IDS", help="also run these rules (e.g. off-by-default ones)"
    )
    audit.add_argument("--ignore", type=_csv, default=[], metavar="IDS", help="do not run these rules")
    audit.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: nearest .gitops-lint.yaml or [tool.gitops-lint] in pyproject.toml)",
    )
    audit.add_argument("--no-color", action="store_true", help="never colour the text output")
    audit.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    rules = commands.add_parser("rules", help="list the implemented rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="ID|SLUG")
    explain.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "audit":
            return _audit(args)
        if args.command == "rules":
            return _rules(args)
        return _explain(args)
    except UsageError as exc:
        print(f"gitops-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from linter.config import ConfigError
        from linter.selection import SelectionError

        if isinstance(exc, (ConfigError, SelectionError)):
            print(f"gitops-lint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if args.debug:
            raise
        print(
            f"gitops-lint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
        )
        return EXIT_ERROR


def _all_rules() -> list[Rule]:
    from checks import ALL_RULES

    return list(ALL_RULES)


def scan_root(paths: Sequence[Path]) -> Path:
    """The directory findings are relative to and cross-file references are resolved in."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve()
    cwd = Path.cwd().resolve()
    absolute = [p.absolute() for p in paths]
    if all(cwd == p or cwd in p.parents for p in absolute):
        return cwd
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute])).resolve()


def _display_prefix(root: Path) -> str:
    rel = os.path.relpath(root, Path.cwd())
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def load_settings(args: argparse.Namespace, root: Path) -> Config:
    from linter.config import find_config, load_config
    from linter.severity import Severity

    if args.config:
        config_path: Path | None = Path(args.config)
        if not config_path or not config_path.is_file():
            raise UsageError(f"config file not found: {args.config}")
    else:
        config_path = find_config(root)
    config = load_config(config_path)
    if args.select is not None:
        config.select = args.select
        config.origins["select"] = "command line"
    if args.extend_select:
        config.extend_select = [*config.extend_select, *args.extend_select]
    if args.ignore:
        config.ignore = [*config.ignore, *args.ignore]
    if args.fail_on:
        try:
            config.fail_on = Severity.parse(args.fail_on)
        except ValueError as exc:
            raise UsageError(f"--fail-on: {exc}") from None
        config.origins["fail_on"] = "command line"
    return config


def _audit(args: argparse.Namespace) -> int:
    import gc

    from linter.audit import enabled_rules, run_audit

    # The located trees are large and acyclic: reference counting frees them, and the cyclic
    # collector would only rescan them again and again while they are built (about 30% of a scan).
    gc.disable()
    from linter.reporting import Report, renderer

    paths = [Path(p) for p in (args.paths or ["."])]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or directory: {path}")
    root = scan_root(paths)
    config = load_settings(args, root)
    rules = enabled_rules(config)
    targets = None if len(paths) == 1 and paths[0].is_dir() else paths
    audit = run_audit(root, config, targets, rules)
    result = audit.result
    report = Report(
        command="audit",
        root=root,
        display_prefix=_display_prefix(root),
        findings=result.findings,
        rules=rules,
        files_scanned=len(audit.repo.files),
        objects=len(audit.repo.resources),
        errors=result.errors,
        fail_on=config.fail_on,
    )
    color = (
        args.format == "text"
        and not args.output
        and not args.no_color
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    output = renderer(args.format).render(report, color=color)
    _write(output, args.output)
    for error in result.errors:
        print(
            f"gitops-lint: internal error in rule {error.rule_id} on {error.subject}: {error.message}", file=sys.stderr
        )
        if getattr(args, "debug", False):
            print(error.trace, file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    failing = any(f.severity >= config.fail_on for f in result.findings)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _rules(args: argparse.Namespace) -> int:
    import json

    from linter import ruledocs

    rules = _all_rules()
    if args.format == "json":
        sys.stdout.write(json.dumps([ruledocs.as_dict(r) for r in rules], indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(ruledocs.markdown_table(rules))
    else:
        sys.stdout.write(ruledocs.table(rules))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    import json

    from linter import ruledocs
    from linter.selection import find_rule

    rule = find_rule(args.rule, _all_rules())
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r} (see `gitops-lint rules`)")
    if args.format == "json":
        sys.stdout.write(json.dumps(ruledocs.as_dict(rule), indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(ruledocs.as_markdown(rule))
    else:
        sys.stdout.write(ruledocs.as_text(rule))
    return EXIT_OK
