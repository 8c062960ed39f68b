"""PARSE002 duplicate-mapping-key."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="PARSE002",
    slug="duplicate-mapping-key",
    title="A YAML mapping repeats a key.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.FILE,
    summary="Reports a key that appears twice in the same YAML mapping, at its second occurrence.",
    rationale="""
        Consumers disagree on duplicate keys: some reject the file, most keep the last value. A
        reviewer can read `privileged: false` while the cluster applies a later `privileged: true`.
        gitops-lint keeps the last value, like most consumers, so the other rules judge what is
        most likely applied.
        """,
    fix="Remove one of the duplicate keys.",
    bad="""
        securityContext:
          privileged: false
          runAsNonRoot: true
          privileged: true
        """,
    good="""
        securityContext:
          privileged: false
          runAsNonRoot: true
        """,
    refs=("yamllint key-duplicates",),
)
def duplicate_mapping_key(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, frozenset({P.DUPLICATE_KEY}))
