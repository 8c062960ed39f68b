"""Which rules run: `select`, `extend_select` and `ignore` resolved against the registry.

A selector is a rule ID (``CTR001``), a slug (``privileged-container``), an ID prefix such as a
family (``CTR``, ``CTR00``), or ``ALL``. Naming a rule by ID or slug enables it even when it is off
by default; a prefix brings in only the default-on rules under it; ``ALL`` brings in every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from linter.rule import Rule
from linter.severity import Severity

if TYPE_CHECKING:
    from linter.config import Config


class SelectionError(ValueError):
    pass


def match(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    """The rules a selector names; raises SelectionError when it names none."""
    token = selector.strip()
    upper = token.upper()
    if upper == "ALL":
        return list(rules)
    exact = [r for r in rules if r.id == upper or r.slug == token.lower()]
    if exact:
        return exact
    prefixed = [r for r in rules if r.id.startswith(upper) and r.default]
    if prefixed or any(r.id.startswith(upper) for r in rules):
        return prefixed
    raise SelectionError(f"unknown rule or family {selector!r} (see `gitops-lint rules`)")


def resolve(
    rules: Sequence[Rule], select: Iterable[str] | None, extend_select: Iterable[str], ignore: Iterable[str]
) -> list[Rule]:
    """The enabled rules, in registry order."""
    if select is None:
        chosen = {r.id for r in rules if r.default}
    else:
        chosen = {r.id for s in select for r in match(s, rules)}
    chosen |= {r.id for s in extend_select for r in match(s, rules)}
    removed = {r.id for s in ignore for r in _match_any(s, rules)}
    return [r for r in rules if r.id in chosen and r.id not in removed]


def _match_any(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    """For `ignore`, a prefix covers off-by-default rules too."""
    upper = selector.strip().upper()
    matched = [r for r in rules if r.id.startswith(upper) or r.slug == selector.strip().lower()]
    if upper == "ALL":
        return list(rules)
    if not matched:
        raise SelectionError(f"unknown rule or family {selector!r} (see `gitops-lint rules`)")
    return matched


def find_rule(key: str, rules: Sequence[Rule]) -> Rule | None:
    """A rule by exact ID or slug."""
    for rule in rules:
        if rule.id == key.strip().upper() or rule.slug == key.strip().lower():
            return rule
    return None


def resolve_selectors(
    selectors: Iterable[str], registry: Sequence[Rule], *, families_only: bool = False
) -> tuple[frozenset[str], list[str]]:
    """The rule IDs that IDs, slugs, ID prefixes (families such as ``CTR``, or ``CTR00``) or ``ALL``
    name, and the selectors that name no rule. Unlike `select`, a prefix covers off-by-default
    rules too: this is for naming rules (suppressions, severities), not for choosing which run.
    ``families_only`` accepts letters-only prefixes, so that a mistyped ID (``HOST01``) is unknown
    rather than a prefix."""
    prefix = re.compile(r"[A-Z]+" if families_only else r"[A-Z]+[0-9]{0,2}")
    found: set[str] = set()
    unknown: list[str] = []
    for selector in selectors:
        upper, lower = selector.strip().upper(), selector.strip().lower()
        if upper == "ALL":
            named = {rule.id for rule in registry}
        else:
            named = {rule.id for rule in registry if rule.id == upper or rule.slug == lower}
            if not named and prefix.fullmatch(upper):
                named = {rule.id for rule in registry if rule.id.startswith(upper)}
        if named:
            found |= named
        else:
            unknown.append(selector)
    return frozenset(found), unknown


def severity_by_rule(mapping: Mapping[str, Severity], registry: Sequence[Rule]) -> dict[str, Severity]:
    """Rule ID -> severity from a map keyed by IDs, slugs or prefixes; the most precise key wins
    (an ID or slug over a family, a family over ALL)."""
    out: dict[str, Severity] = {}
    for key in sorted(mapping, key=_precision):
        named, _ = resolve_selectors([key], registry)
        out.update(dict.fromkeys(named, mapping[key]))
    return out


def _precision(key: str) -> tuple[int, int]:
    upper = key.strip().upper()
    if upper == "ALL":
        return (0, 0)
    if re.fullmatch(r"[A-Z]+[0-9]{3}", upper) or "-" in key:
        return (2, 0)
    return (1, len(upper))


def check_rule_names(config: Config, registry: Sequence[Rule]) -> None:
    """Every rule name in the configuration must name a rule: a ConfigError naming where the
    setting came from, the key and the unknown name."""
    from linter.config import ConfigError

    named: list[tuple[str, str, Iterable[str]]] = [
        ("select", "select", config.select or ()),
        ("extend_select", "extend_select", config.extend_select),
        ("ignore", "ignore", config.ignore),
        ("severity", "severity", config.severity),
    ]
    for index, override in enumerate(config.overrides):
        named.append(("overrides", f"overrides entry {index} ignore", override.ignore))
        named.append(("overrides", f"overrides entry {index} severity", override.severity))
    for key, label, names in named:
        _, unknown = resolve_selectors(names, registry)
        if unknown:
            origin = config.origins.get(key, "configuration")
            raise ConfigError(
                f"{origin}: key {label!r}: unknown rule or family {unknown[0]!r} "
                "(allowed: rule IDs, slugs, family prefixes or ALL; see `gitops-lint rules`)"
            )
