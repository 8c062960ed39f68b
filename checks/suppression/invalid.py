"""SUP004 suppression-invalid."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.suppress import Directive


@Rule(
    id="SUP004",
    slug="suppression-invalid",
    title="A suppression cannot be understood or is misplaced.",
    severity=Severity.LOW,
    nist=(),
    target=Target.SUPPRESSION,
    summary="""
        Reports suppression comments and `gitops-lint.io/` annotations that name an unknown rule,
        have an unreadable `until=` date or quoting, an unknown keyword or option, a scope in the
        wrong place (`ignore-file=` below the top of the file, `ignore-document=` below the first
        key, `ignore-stage=` away from a FROM line) or a container the pod does not have.
        """,
    rationale="""
        A suppression that does not parse does not suppress: the author believes a finding is
        accepted while the tool keeps reporting it, or a typo silently leaves the intended rule
        uncovered.
        """,
    fix="Correct the comment or annotation as the message says.",
    bad="""
        spec:
          hostPID: true  # gitops-lint: ignore=HOST01 reason="reads per-process metrics of the node"
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    good="""
        spec:
          hostPID: true  # gitops-lint: ignore=HOST001 reason="reads per-process metrics of the node"
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    notes="""
        Unknown rule names and options are reported while the rest of the suppression still
        applies; an unreadable date, quoting or keyword, or a misplaced scope, stops it from
        applying at all (so an expiry date cannot be lost to a typo).
        """,
)
def suppression_invalid(directive: Directive, ctx: Context) -> Iterator[Violation]:
    for problem in directive.problems:
        suffix = "; it does not apply" if directive.broken else ""
        yield Violation(f"{directive.describe()} {problem}{suffix}", at=directive.location(), evidence=problem)
