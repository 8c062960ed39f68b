"""Shared by the PARSE rules: turn the reading layer's problems into violations."""

from __future__ import annotations

from collections.abc import Iterator

from linter.location import FixedSpan, Span
from linter.problems import Problem
from linter.rule import Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


def problem_span(source: SourceFile, problem: Problem) -> Span:
    if problem.end_line:
        return Span(source.path, problem.line, problem.col, problem.end_line, problem.end_col)
    text = source.line_text(problem.line) if source.text is not None else ""
    end_col = max(len(text) + 1, problem.col + 1)
    return Span(source.path, problem.line, problem.col, problem.line, end_col)


def violations(
    source: SourceFile, kinds: frozenset[str], severity: dict[str, Severity] | None = None
) -> Iterator[Violation]:
    for problem in source.problems:
        if problem.kind in kinds:
            yield Violation(
                problem.message,
                at=FixedSpan(problem_span(source, problem)),
                severity=(severity or {}).get(problem.kind),
                evidence=problem.evidence or problem.message,
            )
