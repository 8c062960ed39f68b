"""Suppressions: comments and annotations that accept findings, applied to the findings of a scan.

This is a post-processing step of the engine, rule-agnostic: it runs after the rules and the
per-path configuration, and before rule precedence, so that "not reported when RULE fires" only
counts findings that are actually reported. Findings a suppression covers are set aside (with the
suppression that covered them), and every suppression learns whether it was used, for the rules of
target SUPPRESSION to report on (missing reason, expiry, unused, malformed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from linter.finding import Finding
from linter.repository import Repository
from linter.rule import Rule
from linter.suppress.annotations import annotation_directives
from linter.suppress.comments import comment_directives
from linter.suppress.directive import Directive, Scope, mark_expiry

__all__ = ["Directive", "Outcome", "Scope", "apply_suppressions", "collect_directives"]


@dataclass(slots=True)
class Outcome:
    reported: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)


def collect_directives(repo: Repository, findings: Iterable[Finding], registry: Sequence[Rule]) -> list[Directive]:
    """Every suppression comment and annotation of the scanned files and objects."""
    pointed = {f.span.path for f in findings}
    directives: list[Directive] = []
    for source in repo.files:
        # A file no parser or rule has read is searched only when a finding points into it.
        if source.text_is_read or source.path in pointed:
            directives.extend(comment_directives(source, registry))
    directives.extend(annotation_directives(repo.resources, registry))
    directives.sort(key=lambda d: (d.span.path, d.span.line, d.span.col))
    return directives


def apply_suppressions(
    findings: Iterable[Finding], directives: list[Directive], enabled: Iterable[str], today: date
) -> Outcome:
    """Split the findings into reported and suppressed; record on each directive what it did."""
    mark_expiry(directives, today)
    running = frozenset(enabled)
    by_path: dict[str, list[Directive]] = defaultdict(list)
    by_object: dict[int, list[Directive]] = defaultdict(list)
    for directive in directives:
        directive.evaluated = bool(directive.rules & running)
        if not directive.active:
            continue
        if directive.objects is not None:
            for key in directive.objects:
                by_object[key].append(directive)
        else:
            by_path[directive.path].append(directive)
    outcome = Outcome(directives=directives)
    for finding in findings:
        candidates = list(by_path.get(finding.span.path, ()))
        subject = finding.subject
        if subject is not None:
            if subject.src != finding.span.path:
                candidates.extend(by_path.get(subject.src, ()))
            candidates.extend(by_object.get(id(subject), ()))
        covering = [d for d in candidates if d.applies_to(finding)]
        if not covering:
            outcome.reported.append(finding)
            continue
        for directive in covering:
            directive.matched += 1
        finding.suppressed_by = min(covering, key=Directive.narrowness)
        outcome.suppressed.append(finding)
    return outcome
