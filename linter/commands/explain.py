"""`gitops-lint explain ID|SLUG`: one rule's documentation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from linter.commands.common import EXIT_OK, UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser("explain", help="show a rule's documentation")
    parser.add_argument("rule", metavar="ID|SLUG")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from checks import ALL_RULES
    from linter import ruledocs
    from linter.selection import find_rule

    rule = find_rule(args.rule, ALL_RULES)
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r} (see `gitops-lint rules`)")
    if args.format == "json":
        sys.stdout.write(json.dumps(ruledocs.as_dict(rule), indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(ruledocs.as_markdown(rule))
    else:
        sys.stdout.write(ruledocs.as_text(rule))
    return EXIT_OK
