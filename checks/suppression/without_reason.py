"""SUP001 suppression-without-reason."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.suppress import Directive


@Rule(
    id="SUP001",
    slug="suppression-without-reason",
    title="A suppression does not say why the finding is accepted.",
    severity=Severity.LOW,
    nist=(),
    target=Target.SUPPRESSION,
    summary="""
        Reports suppression comments and `gitops-lint.io/ignore` annotations without a reason
        (`reason="..."`, or the `gitops-lint.io/ignore-reason` annotation). The suppression still
        applies; this finding asks for the reason.
        """,
    rationale="""
        An accepted risk nobody can explain is indistinguishable from one nobody looked at. The
        reason is what a reviewer, an auditor or the next maintainer reads to decide whether the
        exception still holds.
        """,
    fix='Add reason="..." to the comment, or a gitops-lint.io/ignore-reason annotation.',
    bad="""
        spec:
          hostPID: true  # gitops-lint: ignore=HOST001
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
        Not reported for a suppression that SUP003 reports as unused (removing it is the fix) or
        that SUP004 reports as not understood.
        """,
    refs=("Checkov skip comment (CKV_K8S_*:reason)", "ruff noqa without a code (PGH004)"),
)
def suppression_without_reason(directive: Directive, ctx: Context) -> Iterator[Violation]:
    if directive.reason is None and directive.active and not directive.unused:
        yield Violation(
            f"{directive.describe()} gives no reason: say why the finding is accepted "
            f'(reason="..." in the comment, or a gitops-lint.io/ignore-reason annotation)',
            at=directive.location(),
            evidence=directive.text,
        )
