"""SUP002 suppression-expired."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.suppress import Directive


@Rule(
    id="SUP002",
    slug="suppression-expired",
    title="A suppression has passed its expiry date.",
    severity=Severity.LOW,
    nist=(),
    target=Target.SUPPRESSION,
    summary="""
        Reports suppressions whose `until=` date (or `gitops-lint.io/ignore-until` annotation) has
        passed. An expired suppression no longer applies: the findings it covered are reported
        again, next to this one.
        """,
    rationale="""
        Exceptions granted "until the next release" outlive the reason they were granted for unless
        something makes them visible again. The date is the last day the suppression applies.
        """,
    fix="Fix the findings and delete the suppression, or renew it with a new date and reason.",
    bad="""
        spec:
          # gitops-lint: ignore=HOST001 reason="debugging the migration" until=2020-01-31
          hostPID: true
          containers:
            - name: migrate
              image: ghcr.io/acme/migrate:1.4.0
        """,
    good="""
        spec:
          # gitops-lint: ignore=HOST001 reason="debugging the migration" until=2999-01-31
          hostPID: true
          containers:
            - name: migrate
              image: ghcr.io/acme/migrate:1.4.0
        """,
)
def suppression_expired(directive: Directive, ctx: Context) -> Iterator[Violation]:
    if directive.expired and directive.until is not None:
        names = ", ".join(directive.selectors)
        yield Violation(
            f"{directive.describe()} expired on {directive.until.isoformat()}, so {names} is reported "
            "again: fix the findings and delete it, or renew it with a new until= date and reason",
            at=directive.location(),
            evidence=directive.text,
        )
