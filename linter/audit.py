"""One audit, start to finish: discover, read, model, lint. Used by the CLI and by tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.config import Config
from linter.discovery import discover, kustomizations_above
from linter.engine import Result, lint
from linter.repository import Repository, build_repository
from linter.rule import Rule
from linter.selection import check_rule_names, resolve


@dataclass(slots=True)
class Audit:
    root: Path
    repo: Repository
    rules: list[Rule]
    result: Result


def enabled_rules(config: Config, registry: Sequence[Rule] | None = None) -> list[Rule]:
    """The rules the configuration enables; raises ConfigError for a name that is no rule."""
    if registry is None:
        from checks import ALL_RULES

        registry = ALL_RULES
    check_rule_names(config, registry)
    select = config.select
    if select is None and config.profile is not None:
        from checks.profiles import profile_rules

        select = profile_rules(config.profile, registry)
    return resolve(registry, select, config.extend_select, config.ignore)


def run_audit(
    root: Path,
    config: Config,
    targets: Sequence[Path] | None = None,
    rules: Sequence[Rule] | None = None,
    *,
    file_local: bool = False,
) -> Audit:
    """Lint ``root`` (or only ``targets`` inside it) with ``rules`` (default: enabled by config).

    ``file_local`` judges each file on its own, fast, as a per-file pre-commit hook wants: objects
    as written (nothing rendered), no check that needs the rest of the repository. The
    kustomizations above the files are read only to recognise Kustomize patches."""
    chosen = list(rules) if rules is not None else enabled_rules(config)
    discovery = discover(root, targets, config.exclude)
    if not file_local:
        repo = build_repository(discovery, config)
        return Audit(discovery.root, repo, chosen, lint(repo, chosen, config, selection=targets is not None))
    linted = {entry.path for entry in discovery.files} | {link for link, _ in discovery.escaped_links}
    discovery.files.extend(kustomizations_above(discovery, config.exclude))
    repo = build_repository(discovery, config, render=False)
    repo.files = [source for source in repo.files if source.path in linted]
    return Audit(discovery.root, repo, chosen, lint(repo, chosen, config, file_local=True))
