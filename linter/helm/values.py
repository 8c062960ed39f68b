"""Helm values as one located tree: the chart's values.yaml overlaid by each source a consumer
gives (values files, inline values, `--set`-style parameters), in Helm's precedence order.

Maps merge key by key, lists and scalars are replaced and `null` removes a key (Helm's
coalescing), so every value still points at the file and line that decided it.
"""

from __future__ import annotations

import re
from typing import Any

from linter.kustomize.merge import Schema, apply_strategic_merge
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, clone, map_like, scalar_like

_VALUES = Schema(kind="values", builtin=False)  # no merge keys: lists are replaced
_SET_PART = re.compile(r"((?:\\.|[^.\[\]])+)|\[(\d+)\]")


def overlay(base: YMap, layer: YNode) -> YMap:
    """``base`` (changed in place) with ``layer`` on top."""
    if not isinstance(layer, YMap):
        return base
    merged = apply_strategic_merge(base, layer, _VALUES)
    return merged if merged is not None else base


def copy_values(values: YMap) -> YMap:
    copied = clone(values)
    assert isinstance(copied, YMap)
    return copied


def set_value(values: YMap, path: str, raw: YScalar, *, force_string: bool = False) -> None:
    """Helm's `--set path=value`: dotted keys (`\\.` escapes a dot), `[i]` list indexes."""
    parts: list[str | int] = []
    for name, index in _SET_PART.findall(path):
        parts.append(int(index) if index else name.replace("\\.", "."))
    if not parts or not isinstance(parts[0], str):
        return
    value = raw if force_string else scalar_like(raw, _typed(str(raw.value)), str(raw.value))
    node: YNode = values
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        following = parts[position + 1] if not last else None
        if isinstance(part, str):
            if not isinstance(node, YMap):
                return
            if last:
                node.items[part] = value
                return
            child = node.items.get(part)
            if not isinstance(child, (YMap, YSeq)):
                child = (
                    YSeq(raw.src, raw.line, raw.col, raw.end_line, raw.end_col)
                    if isinstance(following, int)
                    else map_like(raw)
                )
                node.items[part] = child
            node = child
        else:
            if not isinstance(node, YSeq):
                return
            while len(node.items) <= part:
                node.items.append(map_like(raw))
            if last:
                node.items[part] = value
                return
            node = node.items[part]


def _typed(text: str) -> Any:
    """How Helm reads an untyped `--set` value."""
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    if re.fullmatch(r"-?(0|[1-9][0-9]*)", text):
        return int(text)
    return text


def at_path(values: YMap, path: list[str]) -> YNode | None:
    node: YNode | None = values
    for part in path:
        node = node.items.get(part) if isinstance(node, YMap) else None
        if node is None:
            return None
    return node
