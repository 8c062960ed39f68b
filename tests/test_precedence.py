"""Rule precedence in the engine: "not reported when RULE fires", by `about` and by covered regions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from linter.audit import run_audit
from linter.config import Config
from linter.context import Context
from linter.location import FixedSpan, Span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile

DOCS = {"summary": "s", "rationale": "r", "fix": "f", "bad": "b", "good": "g"}


def _rule(rule_id: str, check: object, **extra: object) -> Rule:
    rule = Rule(
        id=rule_id,
        slug=rule_id.lower(),
        title=rule_id,
        severity=Severity.LOW,
        nist=(),
        target=Target.FILE,
        **DOCS,
        **extra,
    )  # type: ignore[arg-type]
    return rule(check)  # type: ignore[arg-type]


def _covering(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    region = FixedSpan(Span(source.path, 2, 3, 4, 1))
    yield Violation("the value on lines 2-3", at=FixedSpan(Span(source.path, 2, 1, 2, 5)), covers=(region,))


def _inner(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    yield Violation("inside", at=FixedSpan(Span(source.path, 3, 5, 3, 9)))
    yield Violation("outside", at=FixedSpan(Span(source.path, 5, 1, 5, 4)))
    yield Violation("straddles", at=FixedSpan(Span(source.path, 3, 5, 4, 9)))


def test_findings_inside_a_covered_region_are_folded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1\n2\n3\n4\n5\n")
    outer = _rule("AAA001", _covering)
    inner = _rule("BBB001", _inner, superseded_by=("AAA001",))
    audit = run_audit(tmp_path, Config(), rules=[outer, inner])
    assert sorted(f.message for f in audit.result.findings) == ["outside", "straddles", "the value on lines 2-3"]
    alone = run_audit(tmp_path, Config(), rules=[inner])
    assert len(alone.result.findings) == 3
