"""Where something is: a file path plus a 1-based line/column range."""

from __future__ import annotations

from typing import NamedTuple, Protocol


class Span(NamedTuple):
    """A region of a file. Lines and columns are 1-based; ``end_col`` is exclusive (as in SARIF).

    Columns count Unicode code points, which is what the YAML parser reports.
    """

    path: str
    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def at_line(cls, path: str, line: int, text_line: str = "") -> Span:
        """The whole of one line (or its start when the text is unknown)."""
        return cls(path, line, 1, line, len(text_line) + 1)


class Located(Protocol):
    """Anything a rule can point a finding at: a YAML node, a Dockerfile instruction, a span."""

    def span(self) -> Span: ...


class FixedSpan:
    """Adapts a ready-made span to the Located protocol."""

    __slots__ = ("_span",)

    def __init__(self, span: Span) -> None:
        self._span = span

    def span(self) -> Span:
        return self._span
