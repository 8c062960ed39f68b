"""What several commands share: the lint options, the scan root, settings, writing, exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.config import Config
    from linter.engine import RuleError
    from linter.finding import Finding
    from linter.reporting import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@dataclass(frozen=True, slots=True)
class OutputSpec:
    format: str
    path: str | None = None  # None: standard output


def output_spec(value: str) -> OutputSpec:
    """``FORMAT`` or ``FORMAT:FILE``; the name is checked against the formats when the command runs
    (importing them here would slow down every start)."""
    name, sep, path = value.partition(":")
    if sep and not path:
        raise argparse.ArgumentTypeError(f"{value!r}: no file after ':'")
    return OutputSpec(name.strip().lower(), None if path in ("", "-") else path)


def add_lint_options(parser: argparse.ArgumentParser) -> None:
    """Options of every command that lints: output, thresholds, rule selection, configuration."""
    parser.add_argument(
        "--format",
        action="append",
        dest="formats",
        type=output_spec,
        metavar="FORMAT[:FILE]",
        help="output format: text, json, sarif, github, markdown, gitlab or junit (default: text); "
        "repeat for several, each FORMAT:FILE written to FILE, e.g. --format github --format sarif:results.sarif",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the report (the format given without :FILE) to FILE"
    )
    parser.add_argument(
        "--fail-on", metavar="SEVERITY", help="exit 1 on findings at or above this severity (default: low)"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument(
        "--select",
        type=csv,
        metavar="IDS",
        help="only these rules: IDs, slugs, family prefixes (CTR) or ALL, comma-separated",
    )
    parser.add_argument(
        "--extend-select", type=csv, default=[], metavar="IDS", help="also run these rules (e.g. off-by-default ones)"
    )
    parser.add_argument("--ignore", type=csv, default=[], metavar="IDS", help="do not run these rules")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: nearest .gitops-lint.yaml or [tool.gitops-lint] in pyproject.toml)",
    )
    parser.add_argument("--no-color", action="store_true", help="never colour the text output")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")


def scan_root(paths: Sequence[Path]) -> Path:
    """The directory findings are relative to and cross-file references are resolved in."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve()
    cwd = Path.cwd().resolve()
    absolute = [p.absolute() for p in paths]
    if all(cwd == p or cwd in p.parents for p in absolute):
        return cwd
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute])).resolve()


def display_prefix(root: Path) -> str:
    """What to put before scan-root-relative paths so they read relative to the current directory."""
    rel = os.path.relpath(root, Path.cwd())
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def load_settings(args: argparse.Namespace, root: Path) -> Config:
    """The configuration file (explicit or found upwards from ``root``) with the command line on top."""
    from linter.config import find_config, load_config
    from linter.severity import Severity

    if args.config:
        config_path: Path | None = Path(args.config)
        if config_path is None or not config_path.is_file():
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


def outputs(args: argparse.Namespace) -> list[OutputSpec]:
    """Where each requested format goes. ``--output FILE`` is the file of the one format given
    without its own; at most one format can write to standard output."""
    from linter.reporting import FORMATS

    specs: list[OutputSpec] = list(args.formats or [OutputSpec("text")])
    for spec in specs:
        if spec.format not in FORMATS:
            raise UsageError(f"--format: unknown format {spec.format!r} (allowed: {', '.join(FORMATS)})")
    bare = [i for i, spec in enumerate(specs) if spec.path is None]
    if args.output:
        if len(bare) != 1:
            raise UsageError("--output needs exactly one --format without its own :FILE")
        specs[bare[0]] = OutputSpec(specs[bare[0]].format, args.output)
    elif len(bare) > 1:
        names = ", ".join(specs[i].format for i in bare)
        raise UsageError(f"only one format can go to standard output ({names}); give the others a file: FORMAT:FILE")
    paths = [spec.path for spec in specs if spec.path is not None]
    if len(paths) != len(set(paths)):
        raise UsageError("two formats would write the same file")
    return specs


def emit(report: Report, args: argparse.Namespace) -> None:
    """Render the report in every requested format, each to its destination."""
    from linter.reporting import renderer

    for spec in outputs(args):
        module = renderer(spec.format)
        color = spec.format == "text" and spec.path is None and use_color(args)
        write(module.render(report, color=color), spec.path)
        publish = getattr(module, "publish", None)  # side outputs, e.g. GitHub's job summary
        if publish is not None:
            publish(report)


def use_color(args: argparse.Namespace) -> bool:
    """Colour for text on standard output: a terminal, unless --no-color or NO_COLOR."""
    return not args.no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def print_errors(errors: Sequence[RuleError], *, debug: bool) -> None:
    """Rules that crashed: one line each on stderr (their traceback with --debug)."""
    for error in errors:
        print(
            f"gitops-lint: internal error in rule {error.rule_id} on {error.subject}: {error.message}", file=sys.stderr
        )
        if debug:
            print(error.trace, file=sys.stderr)


def exit_code(findings: Sequence[Finding], config: Config, *, exit_zero: bool) -> int:
    failing = any(f.severity >= config.fail_on for f in findings)
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK
