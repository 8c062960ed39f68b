"""`gitops-lint rules`: the implemented rules, from their metadata."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from linter.commands.common import EXIT_OK


def register(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list the implemented rules")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from checks import ALL_RULES
    from linter import ruledocs

    if args.format == "json":
        sys.stdout.write(json.dumps([ruledocs.as_dict(r) for r in ALL_RULES], indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(ruledocs.markdown_table(ALL_RULES))
    else:
        sys.stdout.write(ruledocs.table(ALL_RULES))
    return EXIT_OK
