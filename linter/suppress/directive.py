"""A suppression: a comment or an annotation saying that a team accepts some findings.

Each directive knows where it is written, which rules it names, its reason and expiry, what is
wrong with it, and which findings it applies to (its matcher). Once the findings of a scan have
been matched against it, it also knows whether it was used: the SUPPRESSION rules report on that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from linter.location import FixedSpan, Span
from linter.rule import Rule, Target
from linter.selection import resolve_selectors

if TYPE_CHECKING:
    from linter.finding import Finding


class Scope(StrEnum):
    LINE = "line"  # the offending line (a comment on it or directly above it)
    CONTAINER = "container"  # one container of an object (annotation gitops-lint.io/ignore.<name>)
    STAGE = "stage"  # a Dockerfile stage (ignore-stage= at its FROM)
    DOCUMENT = "document"  # a YAML document (ignore-document= at its top)
    OBJECT = "object"  # a Kubernetes object (annotation gitops-lint.io/ignore)
    FILE = "file"  # a whole file (ignore-file= at its top)


# When several suppressions cover a finding, the narrowest one is shown as the one that applied.
_NARROWNESS = {scope: rank for rank, scope in enumerate(Scope)}

Matcher = Callable[["Finding"], bool]


@dataclass(eq=False, slots=True)
class Directive:
    origin: str  # "comment" or "annotation"
    scope: Scope
    span: Span  # where it is written
    text: str  # as written, without the comment marker
    selectors: tuple[str, ...] = ()  # rule IDs, slugs or family prefixes, as written
    rules: frozenset[str] = frozenset()  # the rule IDs they name
    reason: str | None = None
    until: date | None = None
    container: str | None = None  # for Scope.CONTAINER
    problems: list[str] = field(default_factory=list)  # what is wrong with it, for SUP004
    broken: bool = False  # a problem that stops it from suppressing anything
    matcher: Matcher | None = None
    objects: set[int] | None = None  # annotations: id() of the Resources (rendered copies) it is on
    # Set when the findings are matched against it:
    expired: bool = False
    evaluated: bool = False  # at least one rule it names ran in this scan
    matched: int = 0  # findings it covered

    @property
    def active(self) -> bool:
        """Whether it suppresses anything in this scan."""
        return not self.broken and not self.expired and self.matcher is not None and bool(self.rules)

    @property
    def unused(self) -> bool:
        return self.active and self.evaluated and self.matched == 0

    @property
    def path(self) -> str:
        return self.span.path

    def applies_to(self, finding: Finding) -> bool:
        return finding.rule_id in self.rules and self.matcher is not None and self.matcher(finding)

    def location(self) -> FixedSpan:
        return FixedSpan(self.span)

    def describe(self) -> str:
        """E.g. `suppression comment "ignore=CTR001"` or `annotation gitops-lint.io/ignore`."""
        if self.origin == "annotation":
            return f"annotation {self.text.partition(':')[0]}"
        keyword = self.text.split()[0] if self.text.split() else self.text
        return f'suppression comment "{keyword}"'

    def narrowness(self) -> int:
        return _NARROWNESS[self.scope]


def mark_expiry(directives: Iterable[Directive], today: date) -> None:
    """An expiry date is the last day a suppression applies."""
    for directive in directives:
        directive.expired = directive.until is not None and directive.until < today


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_until(text: str) -> date:
    """``YYYY-MM-DD``; raises ValueError with a message fit for the user."""
    value = text.strip()
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("not a date written as YYYY-MM-DD")


def split_selectors(text: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", text.strip()) if part]


def name_rules(directive: Directive, registry: Sequence[Rule], example: str) -> None:
    """Resolve the directive's selectors into rule IDs, noting what names no rule it can cover.
    Rules about suppressions run after suppressions are applied, so none can be suppressed."""
    if not directive.selectors:
        directive.problems.append(f"names no rule (write IDs, slugs or families, e.g. {example})")
        directive.broken = True
        return
    about_suppressions = {rule.id for rule in registry if rule.target is Target.SUPPRESSION}
    rules: set[str] = set()
    for selector in directive.selectors:
        named, unknown = resolve_selectors([selector], registry, families_only=True)
        if unknown:
            directive.problems.append(f"names unknown rule {selector!r} (see `gitops-lint rules`)")
        elif named <= about_suppressions:
            directive.problems.append(
                f"names {selector!r}, which reports on suppressions and cannot be suppressed "
                "(use `ignore` or `overrides` in the configuration)"
            )
        rules |= named - about_suppressions
    directive.rules = frozenset(rules)
    if not rules:
        directive.broken = True
