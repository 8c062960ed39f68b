"""A light YAML tree in which every node knows its file, line and column.

Rules navigate manifests through these nodes and hand a node back to the engine to say where a
finding is; they never count lines themselves. Every node carries the path of the file it came
from, so a tree assembled from several files (a Kustomize base plus an overlay patch) still points
each field at its own origin.

A value that sits under a mapping key remembers that key (``node.key``), so a finding on
``privileged: true`` spans from ``privileged`` to ``true``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from linter.location import Span

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class YNode:
    __slots__ = ("col", "end_col", "end_line", "key", "line", "src")

    def __init__(self, src: str, line: int, col: int, end_line: int, end_col: int) -> None:
        self.src = src
        self.line = line
        self.col = col
        self.end_line = end_line
        self.end_col = end_col
        self.key: YScalar | None = None

    def span(self) -> Span:
        """From the key (when the node is a mapping value) to the end of the value."""
        start = self.key if self.key is not None and self.key.src == self.src else self
        end_line, end_col = self.end_line, self.end_col
        if isinstance(self, (YMap, YSeq)) and start is self.key:
            # A block collection ends where the next token starts; point at the key line only.
            end_line, end_col = start.end_line, start.end_col
        return Span(self.src, start.line, start.col, end_line, end_col)

    def key_span(self) -> Span:
        """Only the key (or the node itself when it has none)."""
        start = self.key if self.key is not None else self
        return Span(start.src, start.line, start.col, start.end_line, start.end_col)

    def to_python(self) -> Any:
        raise NotImplementedError


class YScalar(YNode):
    """A scalar. ``value`` is resolved (int, float, bool, None or str); ``text`` is as written."""

    __slots__ = ("plain", "text", "value")

    def __init__(
        self,
        src: str,
        line: int,
        col: int,
        end_line: int,
        end_col: int,
        value: Any,
        text: str,
        plain: bool = True,
    ) -> None:
        # Assigned here rather than through super().__init__: scalars are most of every tree.
        self.src = src
        self.line = line
        self.col = col
        self.end_line = end_line
        self.end_col = end_col
        self.key = None
        self.value = value
        self.text = text
        self.plain = plain

    def to_python(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"YScalar({self.value!r} @{self.src}:{self.line}:{self.col})"


class YSeq(YNode):
    __slots__ = ("items",)

    def __init__(self, src: str, line: int, col: int, end_line: int, end_col: int) -> None:
        super().__init__(src, line, col, end_line, end_col)
        self.items: list[YNode] = []

    def __iter__(self) -> Iterator[YNode]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def maps(self) -> Iterator[YMap]:
        """The items that are mappings (others are ignored)."""
        for item in self.items:
            if isinstance(item, YMap):
                yield item

    def to_python(self) -> list[Any]:
        return [item.to_python() for item in self.items]

    def __repr__(self) -> str:
        return f"YSeq(len={len(self.items)} @{self.src}:{self.line}:{self.col})"


class YMap(YNode):
    """A mapping with string keys (non-string keys are kept under their written text)."""

    __slots__ = ("items",)

    def __init__(self, src: str, line: int, col: int, end_line: int, end_col: int) -> None:
        super().__init__(src, line, col, end_line, end_col)
        self.items: dict[str, YNode] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, key: str) -> YNode | None:
        return self.items.get(key)

    def map(self, key: str) -> YMap | None:
        node = self.items.get(key)
        return node if isinstance(node, YMap) else None

    def seq(self, key: str) -> YSeq | None:
        node = self.items.get(key)
        return node if isinstance(node, YSeq) else None

    def scalar(self, key: str) -> YScalar | None:
        node = self.items.get(key)
        return node if isinstance(node, YScalar) else None

    def value(self, key: str) -> Any:
        """The resolved value of a scalar child, or None when absent or not a scalar."""
        node = self.items.get(key)
        return node.value if isinstance(node, YScalar) else None

    def text(self, key: str) -> str | None:
        """A scalar child as a string (numbers and booleans as written), else None."""
        node = self.items.get(key)
        if isinstance(node, YScalar) and node.value is not None:
            return node.value if isinstance(node.value, str) else node.text
        return None

    def at(self, path: str) -> YNode | None:
        """The node at a dotted path such as ``spec.template.spec.containers[0].image``."""
        node: YNode | None = self
        for name, index in _PATH_PART.findall(path):
            if name:
                node = node.items.get(name) if isinstance(node, YMap) else None
            else:
                node = node.items[int(index)] if isinstance(node, YSeq) and int(index) < len(node) else None
            if node is None:
                return None
        return node

    def text_at(self, path: str) -> str | None:
        """The scalar at a dotted path as a string (numbers and booleans as written), else None."""
        node = self.at(path)
        if isinstance(node, YScalar) and node.value is not None:
            return node.value if isinstance(node.value, str) else node.text
        return None

    def nearest(self, path: str) -> YNode:
        """The node at ``path`` or, when part of it is missing, the deepest ancestor that exists."""
        node: YNode = self
        for name, index in _PATH_PART.findall(path):
            child: YNode | None
            if name:
                child = node.items.get(name) if isinstance(node, YMap) else None
            else:
                seq_ok = isinstance(node, YSeq) and int(index) < len(node)
                child = node.items[int(index)] if seq_ok and isinstance(node, YSeq) else None
            if child is None:
                return node
            node = child
        return node

    def to_python(self) -> dict[str, Any]:
        return {k: v.to_python() for k, v in self.items.items()}

    def __repr__(self) -> str:
        return f"YMap(keys={list(self.items)[:6]} @{self.src}:{self.line}:{self.col})"


def walk(node: YNode) -> Iterator[YNode]:
    """Every node below and including ``node``, depth first (aliases are visited once per use)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, YMap):
            stack.extend(reversed(list(current.items.values())))
        elif isinstance(current, YSeq):
            stack.extend(reversed(current.items))


def clone(node: YNode) -> YNode:
    """A copy of the containers of a tree; scalars are shared (they are never mutated).

    Renderers clone before they change a tree, so a base used by several overlays is never changed
    by one of them, while every leaf keeps pointing at the file and line it came from.
    """
    if isinstance(node, YMap):
        copy = YMap(node.src, node.line, node.col, node.end_line, node.end_col)
        copy.key = node.key
        copy.items = {name: clone(child) for name, child in node.items.items()}
        return copy
    if isinstance(node, YSeq):
        seq = YSeq(node.src, node.line, node.col, node.end_line, node.end_col)
        seq.key = node.key
        seq.items = [clone(child) for child in node.items]
        return seq
    return node


def scalar_like(origin: YNode, value: Any, text: str | None = None) -> YScalar:
    """A new scalar located where ``origin`` is (and under the same key): for values a renderer
    computes from something written at ``origin``."""
    scalar = YScalar(
        origin.src,
        origin.line,
        origin.col,
        origin.end_line,
        origin.end_col,
        value,
        text if text is not None else (value if isinstance(value, str) else str(value)),
    )
    scalar.key = origin.key
    return scalar


def map_like(origin: YNode) -> YMap:
    """A new empty mapping located where ``origin`` is (for containers a renderer has to create)."""
    created = YMap(origin.src, origin.line, origin.col, origin.end_line, origin.end_col)
    created.key = origin.key
    return created


def shift(node: YNode, lines: int, cols: int, src: str) -> None:
    """Move a tree parsed from an embedded string to where that string sits in its file."""
    seen: set[int] = set()
    for current in walk(node):
        for part in (current, current.key):
            if part is None or id(part) in seen:
                continue
            seen.add(id(part))
            part.src = src
            part.line += lines
            part.end_line += lines
            part.col += cols
            part.end_col += cols
