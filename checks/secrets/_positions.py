"""Where a piece of a string scalar is written in its file, for findings inside a value (an
embedded `key=value` line of a ConfigMap, a command in a CI `run:` block)."""

from __future__ import annotations

from linter.location import FixedSpan, Located, Span
from linter.sourcefile import SourceFile
from linter.yamlnodes import YScalar


def whole_file(source: SourceFile) -> FixedSpan:
    lines = source.lines
    return FixedSpan(Span(source.path, 1, 1, max(1, len(lines)), len(lines[-1]) + 1 if lines else 1))


def in_scalar(value: YScalar, source: SourceFile | None, start: int, end: int) -> Located:
    """``value.value[start:end]`` in the file: exact for literal block scalars (`|`) and one-line
    plain or single-quoted scalars without escapes; otherwise the scalar itself."""
    text = value.value if isinstance(value.value, str) else value.text
    if source is None or source.text is None:
        return value
    first = source.line_text(value.line)
    indicator = first[value.col - 1 : value.col]
    if indicator == "|":
        index = text.count("\n", 0, start)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        piece = text[line_start : line_end if line_end >= 0 else len(text)]
        number = value.line + 1 + index
        physical = source.line_text(number)
        if piece and physical.endswith(piece):
            col = len(physical) - len(piece) + 1 + (start - line_start)
            stop = min(end, line_end if line_end >= 0 else len(text))
            return FixedSpan(Span(value.src, number, col, number, col + max(1, stop - start)))
        return value
    if "\n" in text or value.line != value.end_line:
        return value
    shift = 1 if indicator in ("'", '"') else 0
    written = first[value.col - 1 + shift : value.col - 1 + shift + len(text)]
    if written != text:
        return value
    col = value.col + shift + start
    return FixedSpan(Span(value.src, value.line, col, value.line, col + max(1, end - start)))
