"""Command line: `gitops-lint audit|check|rules|explain|config|init|install-hook`.

Start-up time matters (pre-commit runs this on every commit), so only argparse and the small
command modules are imported here; each command imports what it needs when it runs.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or
internal error (one line on stderr; a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from linter.commands import audit, check, config, explain, init, install_hook, rules
from linter.commands.common import EXIT_ERROR, UsageError

COMMANDS = (audit, check, rules, explain, config, init, install_hook)


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
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.handler(args)
        return result
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
            f"gitops-lint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_ERROR
