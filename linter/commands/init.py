"""`gitops-lint init [PATH]`: write a commented starter configuration for the repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from linter.commands.common import EXIT_OK, UsageError, write


def register(commands: Any) -> None:
    parser = commands.add_parser("init", help="write a starter .gitops-lint.yaml for a repository")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="the repository (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing .gitops-lint.yaml")
    parser.add_argument("--stdout", action="store_true", help="print the configuration instead of writing it")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from linter.config import CONFIG_NAMES, Config, find_config
    from linter.discovery import discover
    from linter.repository import build_repository
    from linter.starter import detect, render

    root = Path(args.path)
    if not root.is_dir():
        raise UsageError(f"not a directory: {root}")
    target = root / CONFIG_NAMES[0]
    existing = [root / name for name in CONFIG_NAMES if (root / name).exists()]
    found = find_config(root.resolve())
    if found is not None and found.name == "pyproject.toml" and found.parent == root.resolve():
        existing.append(found)  # a [tool.gitops-lint] table: a new file would silently replace it
    if existing and not (args.force or args.stdout):
        raise UsageError(
            f"{existing[0]} already holds a gitops-lint configuration (--force writes {target} anyway; "
            "--stdout prints the starter)"
        )
    repo = build_repository(discover(root), Config())
    text = render(detect(repo), root.resolve().name)
    if args.stdout:
        write(text, None)
    else:
        write(text, str(target))
        print(f"gitops-lint: wrote {target}", file=sys.stderr)
    return EXIT_OK
