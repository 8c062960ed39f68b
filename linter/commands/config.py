"""`gitops-lint config --show [PATH]`: the effective configuration and where each value came from;
`gitops-lint config --keys`: every key with its type, default and meaning."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from linter.commands.common import EXIT_OK, UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser("config", help="show the effective configuration or the documented keys")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="the repository (default: .)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--show", action="store_true", help="print the effective configuration with each value's origin")
    what.add_argument("--keys", action="store_true", help="list every configuration key: type, default, help")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: found upwards from PATH)")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from linter.config import Config, find_config, key_docs, load_config, plain

    if args.keys:
        docs = key_docs()
        if args.format == "json":
            sys.stdout.write(json.dumps(docs, indent=2) + "\n")
        else:
            for doc in docs:
                sys.stdout.write(f"{doc['key']} ({doc['type']}, default {json.dumps(doc['default'])})\n")
                sys.stdout.write(f"    {doc['help']}\n")
        return EXIT_OK
    root = Path(args.path)
    if not root.exists():
        raise UsageError(f"no such file or directory: {root}")
    if args.config:
        path: Path | None = Path(args.config)
        if path is None or not path.is_file():
            raise UsageError(f"config file not found: {args.config}")
    else:
        path = find_config(root.resolve())
    config = load_config(path)
    from linter.audit import enabled_rules

    enabled = [rule.id for rule in enabled_rules(config)]
    keys: list[str] = Config.keys()
    values = {key: plain(getattr(config, key)) for key in keys}
    if args.format == "json":
        document = {
            "config_file": str(path) if path else None,
            "settings": {key: {"value": values[key], "origin": config.origins[key]} for key in values},
            "rules_enabled": enabled,
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return EXIT_OK
    sys.stdout.write(_as_yaml(values, config.origins, path, enabled))
    return EXIT_OK


def _as_yaml(values: dict[str, Any], origins: dict[str, str], path: Path | None, enabled: list[str]) -> str:
    import textwrap

    import yaml

    lines = [f"# Effective configuration ({f'file: {path}' if path else 'no configuration file: defaults'})."]
    lines.append("# Each value is followed by where it came from.")
    for key, value in values.items():
        flow = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10**6)
        lines.append(f"{key}: {flow.strip().removesuffix('...').strip()}  # {origins.get(key, 'default')}")
    listing = textwrap.wrap(", ".join(enabled), width=96)
    lines.append(f"# Rules enabled ({len(enabled)}):")
    lines.extend(f"#   {line}" for line in listing)
    return "\n".join(lines) + "\n"
