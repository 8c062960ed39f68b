"""SUP003 suppression-unused."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.suppress import Directive


@Rule(
    id="SUP003",
    slug="suppression-unused",
    title="A suppression matches no finding.",
    severity=Severity.INFO,
    nist=(),
    target=Target.SUPPRESSION,
    summary="""
        Reports suppressions that covered no finding in this scan, although at least one of the
        rules they name ran. Suppressions that name only rules that did not run (turned off, not
        selected) are not judged.
        """,
    rationale="""
        A suppression left behind after the problem was fixed silently pre-approves the same
        problem when it comes back. Deleting stale suppressions keeps the list of accepted risks
        honest.
        """,
    fix="Delete the suppression (or the rule IDs in it that no longer match).",
    bad="""
        spec:
          # gitops-lint: ignore=HOST001 reason="reads per-process metrics of the node"
          hostNetwork: true
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    good="""
        spec:
          # gitops-lint: ignore=HOST001 reason="reads per-process metrics of the node"
          hostPID: true
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    example_config=(("extend_select", ["HOST001"]),),
    notes="""
        A suppression that names several rules is used when it covers a finding of any of them.
        Findings dropped by `overrides` never reach suppressions, so a suppression that only
        repeats an override is reported here.
        """,
    refs=("ruff unused-noqa (RUF100)", "eslint --report-unused-disable-directives"),
)
def suppression_unused(directive: Directive, ctx: Context) -> Iterator[Violation]:
    if directive.unused:
        names = ", ".join(directive.selectors)
        yield Violation(
            f"{directive.describe()} matches no finding of {names}: delete it",
            at=directive.location(),
            evidence=directive.text,
        )
