"""Per-path configuration (`overrides:`): rules not reported and severities changed under some paths.

A finding is under an override's paths when its file matches one of the globs, or when the
kustomization that rendered it does (so ``apps/*/overlays/dev/**`` also covers what the dev overlay
renders from a shared base). Entries apply in order; a later severity wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from linter.config import Override
from linter.finding import Finding
from linter.globs import matches_any
from linter.rule import Rule
from linter.selection import resolve_selectors, severity_by_rule
from linter.severity import Severity


@dataclass(frozen=True, slots=True)
class _Compiled:
    paths: tuple[str, ...]
    ignore: frozenset[str]
    severity: dict[str, Severity]


def apply_overrides(findings: list[Finding], overrides: Sequence[Override], registry: Sequence[Rule]) -> list[Finding]:
    if not overrides:
        return findings
    compiled = [_compile(override, registry) for override in overrides]
    kept: list[Finding] = []
    for finding in findings:
        places = [finding.span.path, *finding.extra.get("roots", ())]
        dropped = False
        for entry in compiled:
            if not any(matches_any(place, entry.paths) for place in places):
                continue
            if finding.rule_id in entry.ignore:
                dropped = True
                break
            severity = entry.severity.get(finding.rule_id)
            if severity is not None:
                finding.severity = severity
        if not dropped:
            kept.append(finding)
    return kept


def _compile(override: Override, registry: Sequence[Rule]) -> _Compiled:
    ignored, _ = resolve_selectors(override.ignore, registry)
    return _Compiled(override.paths, ignored, severity_by_rule(override.severity, registry))
