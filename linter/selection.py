"""Which rules run: `select`, `extend_select` and `ignore` resolved against the registry.

A selector is a rule ID (``CTR001``), a slug (``privileged-container``), an ID prefix such as a
family (``CTR``, ``CTR00``), or ``ALL``. Naming a rule by ID or slug enables it even when it is off
by default; a prefix brings in only the default-on rules under it; ``ALL`` brings in every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linter.rule import Rule


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
