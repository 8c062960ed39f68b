"""Where things start in a file's raw lines: its header, its YAML documents, its Dockerfile
instructions and stages. Suppression comments are placed relative to these.

Lines are 1-based. A *header* is a first line together with the comment and blank lines directly
above it, so a suppression may sit on the line itself or in the comment block just before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from linter.sourcefile import SourceFile

_DOC_START = re.compile(r"^---(?:\s|$)")
_DOC_END = re.compile(r"^\.\.\.(?:\s|$)")


@dataclass(slots=True)
class Region:
    """A YAML document (or a Dockerfile stage): its lines, its header, and its document index."""

    start: int
    end: int
    header: range
    doc: int | None = None  # YamlDoc.index of the document parsed from these lines


@dataclass(slots=True)
class Layout:
    lines: list[str]
    dockerfile: bool
    header: range = range(0)  # the file's header: everything up to its first content line
    regions: list[Region] = field(default_factory=list)  # YAML documents or Dockerfile stages
    statements: dict[int, range] = field(default_factory=dict)  # Dockerfile: line -> its instruction's lines

    def is_comment(self, line: int) -> bool:
        return self.text(line).lstrip().startswith("#")

    def is_blank(self, line: int) -> bool:
        return not self.text(line).strip()

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def target_of(self, line: int) -> range:
        """The lines a suppression on ``line`` covers: that line when it holds something else, else
        the line after the comment block it belongs to; a Dockerfile instruction as a whole."""
        target = line
        if self.is_comment(line):
            target = line + 1
            while target <= len(self.lines) and self.is_comment(target):
                target += 1
            if target > len(self.lines) or self.is_blank(target):
                return range(0)
        return self.statements.get(target, range(target, target + 1))

    def region_with_header(self, line: int) -> Region | None:
        for region in self.regions:
            if line in region.header:
                return region
        return None


def layout_of(source: SourceFile) -> Layout:
    lines = source.lines
    if source.dockerfile is not None:
        return _dockerfile_layout(source, lines)
    return _yaml_layout(source, lines)


def _header(layout: Layout, first: int, floor: int) -> range:
    """``first`` and the comment/blank lines directly above it, not above ``floor``."""
    start = first
    while start - 1 >= floor and (layout.is_comment(start - 1) or layout.is_blank(start - 1)):
        start -= 1
    return range(start, first + 1)


def _dockerfile_layout(source: SourceFile, lines: list[str]) -> Layout:
    layout = Layout(lines, dockerfile=True)
    dockerfile = source.dockerfile
    assert dockerfile is not None
    for instr in dockerfile.instructions:
        span = range(instr.line, instr.end_line + 1)
        for line in span:
            layout.statements[line] = span
    if dockerfile.instructions:
        layout.header = range(1, dockerfile.instructions[0].line + 1)
    else:
        layout.header = range(1, len(lines) + 1)
    stages = dockerfile.stages
    for i, stage in enumerate(stages):
        first = stage.from_instr.line
        end = stages[i + 1].from_instr.line - 1 if i + 1 < len(stages) else len(lines)
        layout.regions.append(Region(first, end, _header(layout, first, 1), doc=stage.index))
    return layout


def _yaml_layout(source: SourceFile, lines: list[str]) -> Layout:
    layout = Layout(lines, dockerfile=False)
    spans: list[tuple[int, int, int | None]] = []  # (start, end, first content line)
    start, content = 1, None
    for number, text in enumerate(lines, 1):
        if _DOC_START.match(text):
            if content is not None:
                spans.append((start, number - 1, content))
                start, content = number, None
            if text[3:].strip() and not text[3:].strip().startswith("#"):
                content = number  # `--- !tag` or flow content on the marker line
            continue
        if _DOC_END.match(text):
            if content is not None:
                spans.append((start, number, content))
                start, content = number + 1, None
            continue
        stripped = text.strip()
        if content is None and stripped and not stripped.startswith(("#", "%")):
            content = number
    spans.append((start, len(lines), content))
    first_content = next((c for _, _, c in spans if c is not None), None)
    layout.header = range(1, (first_content or len(lines)) + 1)
    for region_start, end, first in spans:
        header_end = first if first is not None else end
        layout.regions.append(Region(region_start, end, range(region_start, header_end + 1)))
    starts = [region.start for region in layout.regions]
    for doc in source.docs:
        index = bisect.bisect_right(starts, doc.line) - 1
        if index >= 0 and layout.regions[index].doc is None:
            layout.regions[index].doc = doc.index
    return layout
