"""A file of the scanned repository, read once: its kind, text, parsed documents and problems."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from linter import problems as P
from linter.problems import Problem

if TYPE_CHECKING:
    from linter.dockerfile import Dockerfile
    from linter.yamlload import YamlDoc


class FileKind(StrEnum):
    YAML = "yaml"
    JSON = "json"
    DOCKERFILE = "dockerfile"
    KUSTOMIZATION = "kustomization"
    HELM_CHART = "helm-chart"  # Chart.yaml
    HELM_VALUES = "helm-values"  # values*.yaml of a chart
    HELM_TEMPLATE = "helm-template"  # anything under a chart's templates/: Go templates, not YAML
    OTHER = "other"

    @property
    def is_yaml(self) -> bool:
        return self in _YAML_KINDS


_YAML_KINDS = frozenset(
    {FileKind.YAML, FileKind.JSON, FileKind.KUSTOMIZATION, FileKind.HELM_CHART, FileKind.HELM_VALUES}
)


@dataclass(slots=True)
class SourceFile:
    path: str  # relative to the scan root, POSIX separators
    kind: FileKind
    problems: list[Problem] = field(default_factory=list)
    docs: list[YamlDoc] = field(default_factory=list)
    dockerfile: Dockerfile | None = None
    size: int = 0
    role: str = ""  # set by the repository model, e.g. "kustomize-patch"
    _text: str | None = None
    _reader: Callable[[], bytes | None] | None = None  # reads files no parser needs, on first use
    _lines: list[str] | None = None

    @property
    def text(self) -> str | None:
        """The decoded content; None when the file is not text (or was not readable)."""
        if self._reader is not None:
            reader, self._reader = self._reader, None
            data = reader()
            # A binary asset that no parser needs is not a defect: it simply has no text.
            self._text = decode(data)[0] if data is not None else None
        return self._text

    @text.setter
    def text(self, value: str | None) -> None:
        self._text = value
        self._reader = None
        self._lines = None

    @property
    def text_is_read(self) -> bool:
        """Whether ``text`` is available without reading the file now."""
        return self._reader is None

    @property
    def fatal(self) -> bool:
        """True when the content could not be checked at all."""
        return any(p.fatal for p in self.problems)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = (self.text or "").splitlines()
        return self._lines

    def line_text(self, line: int) -> str:
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """Bytes to text, or a PARSE004-style problem saying where the file stops being text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, Problem(
                P.NOT_TEXT, "file starts with a UTF-16 byte order mark but is not valid UTF-16", fatal=True
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        return None, Problem(P.NOT_TEXT, "file contains NUL bytes (binary content), not checked", line, col, fatal=True)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        return None, Problem(
            P.NOT_TEXT,
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}), not checked",
            line,
            col,
            fatal=True,
            evidence="not-utf8",
        )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
