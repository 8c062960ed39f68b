"""Validate a located YAML node against the JSON-schema dialect Kubernetes uses (the API's OpenAPI
schemas and CRD `openAPIV3Schema`): types, properties, required fields, enums, patterns, bounds,
`x-kubernetes-*` extensions and list-map keys.

Values are judged the way the API server decodes them: YAML 1.1 (`yes`/`on` are booleans), null
as unset, and `${VAR}` / `{{ }}` values left alone because a later stage substitutes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from linter.yamlnodes import YMap, YNode, YScalar, YSeq

Schema = Mapping[str, Any]
Path = tuple[str | int, ...]
Resolver = Callable[[str], Schema | None]


class IssueKind(StrEnum):
    UNKNOWN_FIELD = "unknown-field"
    TYPE = "type"
    ENUM = "enum"
    REQUIRED = "required"
    PATTERN = "pattern"
    RANGE = "range"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Issue:
    kind: IssueKind
    path: Path  # from the validated root to the offending node
    node: YNode  # where to report: the offending value (its key for mapping values)
    message: str  # what is wrong, without where
    field: str = ""  # the key concerned (unknown and required fields)
    known: tuple[str, ...] = ()  # the field names valid at that level (unknown fields)


# go-yaml v2 (what kubectl and the controllers decode with) reads these plain scalars as booleans.
_YAML11_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_OCTAL = re.compile(r"^0[0-7]+$")
# Kubernetes' defaults for list-map keys that may be omitted.
_LIST_MAP_DEFAULTS = {"protocol": "TCP"}


def deferred(node: YNode) -> bool:
    """A value another stage fills in (Flux post-build substitution, a template): not judged yet."""
    return isinstance(node, YScalar) and isinstance(node.value, str) and ("${" in node.value or "{{" in node.value)


def _json_type(node: YNode) -> str:
    if isinstance(node, YMap):
        return "object"
    if isinstance(node, YSeq):
        return "array"
    assert isinstance(node, YScalar)
    value = node.value
    if node.plain and isinstance(value, str) and value in _YAML11_BOOLS:
        return "boolean"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (node.plain and isinstance(value, str) and _OCTAL.match(value)):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    return "string"


def _accepts(types: list[str], actual: str) -> bool:
    return actual in types or (actual == "integer" and "number" in types)


def _types(schema: Schema) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared] if declared != "null" else []
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str) and t != "null"]
    return []


def _plain_value(node: YScalar) -> Any:
    if node.plain and isinstance(node.value, str) and node.value in _YAML11_BOOLS:
        return _YAML11_BOOLS[node.value]
    return node.value


def _label(path: Path) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


class Validator:
    """Walks a node tree against a schema; ``resolve`` turns a `$ref` into its schema."""

    def __init__(self, resolve: Resolver) -> None:
        self._resolve_ref = resolve

    def validate(self, node: YNode, schema: Schema, path: Path = ()) -> list[Issue]:
        out: list[Issue] = []
        self._check(node, schema, path, out)
        return out

    def _resolve(self, schema: Schema) -> Schema | None:
        for _ in range(32):  # a chain of references, never a cycle
            ref = schema.get("$ref")
            if not isinstance(ref, str):
                return schema
            target = self._resolve_ref(ref)
            if target is None:
                return None
            schema = target
        return None

    def _check(self, node: YNode, raw: Schema, path: Path, out: list[Issue]) -> None:
        schema = self._resolve(raw)
        if schema is None or (isinstance(node, YScalar) and node.value is None) or deferred(node):
            return
        for part in schema.get("allOf") or ():
            if isinstance(part, Mapping):
                self._check(node, part, path, out)
        actual = _json_type(node)
        if schema.get("x-kubernetes-int-or-string") is True:
            if actual not in ("integer", "string"):
                out.append(Issue(IssueKind.TYPE, path, node, f"{_label(path)} must be an integer or a string"))
            return
        types = _types(schema) or self._alternative_types(schema)
        if types and not _accepts(types, actual):
            wanted = " or ".join(
                dict.fromkeys(
                    "a boolean" if t == "boolean" else f"a{'n' if t[0] in 'aeiou' else ''} {t}" for t in types
                )
            )
            hint = (
                " (YAML reads it as a boolean; quote it)"
                if actual == "boolean" and isinstance(node, YScalar) and isinstance(node.value, str)
                else ""
            )
            out.append(Issue(IssueKind.TYPE, path, node, f"{_label(path)} must be {wanted}, not {actual}{hint}"))
            return
        if isinstance(node, YScalar):
            self._check_scalar(node, schema, path, out)
        elif isinstance(node, YMap):
            self._check_object(node, schema, path, out)
        elif isinstance(node, YSeq):
            self._check_array(node, schema, path, out)

    def _alternative_types(self, schema: Schema) -> list[str]:
        """`oneOf`/`anyOf` of plain types (quantities, int-or-string); constraint-only alternatives
        (exactly one of these fields) are not judged."""
        found: list[str] = []
        for option in schema.get("oneOf") or schema.get("anyOf") or ():
            resolved = self._resolve(option) if isinstance(option, Mapping) else None
            option_types = _types(resolved) if resolved is not None else []
            if not option_types:
                return []
            found.extend(option_types)
        return found

    def _check_scalar(self, node: YScalar, schema: Schema, path: Path, out: list[Issue]) -> None:
        value = _plain_value(node)
        enum = schema.get("enum")
        if isinstance(enum, list) and enum and value not in enum:
            allowed = ", ".join(_show(v) for v in enum if v is not None)
            out.append(
                Issue(IssueKind.ENUM, path, node, f"{_label(path)} must be one of {allowed}, not {_show(value)}")
            )
            return
        if isinstance(value, str):
            pattern = schema.get("pattern")
            if isinstance(pattern, str) and not _matches(pattern, value):
                out.append(Issue(IssueKind.PATTERN, path, node, f"{_label(path)} {value!r} does not match {pattern!r}"))
            for bound, too in (("minLength", "shorter"), ("maxLength", "longer")):
                limit = schema.get(bound)
                if isinstance(limit, int) and (len(value) < limit if too == "shorter" else len(value) > limit):
                    out.append(Issue(IssueKind.RANGE, path, node, f"{_label(path)} is {too} than {limit} characters"))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            low, high = schema.get("minimum"), schema.get("maximum")
            if isinstance(low, (int, float)) and value < low:
                out.append(Issue(IssueKind.RANGE, path, node, f"{_label(path)} must be at least {low}"))
            if isinstance(high, (int, float)) and value > high:
                out.append(Issue(IssueKind.RANGE, path, node, f"{_label(path)} must be at most {high}"))

    def _check_object(self, node: YMap, schema: Schema, path: Path, out: list[Issue]) -> None:
        properties = schema.get("properties")
        props: Mapping[str, Any] = properties if isinstance(properties, Mapping) else {}
        additional = schema.get("additionalProperties")
        open_ended = (
            additional is True
            or schema.get("x-kubernetes-preserve-unknown-fields") is True
            or (additional is None and not props)
        )
        embedded = schema.get("x-kubernetes-embedded-resource") is True
        for key, child in node.items.items():
            if key in props:
                self._check(child, props[key], (*path, key), out)
            elif isinstance(additional, Mapping):
                self._check(child, additional, (*path, key), out)
            elif not open_ended and not (embedded and key in ("apiVersion", "kind", "metadata")):
                out.append(
                    Issue(IssueKind.UNKNOWN_FIELD, (*path, key), child, f"unknown field {key!r}", key, tuple(props))
                )
        for name in schema.get("required") or ():
            if isinstance(name, str) and name not in node.items:
                out.append(Issue(IssueKind.REQUIRED, path, node, f"missing required field {name!r}", name))

    def _check_array(self, node: YSeq, schema: Schema, path: Path, out: list[Issue]) -> None:
        items = schema.get("items")
        if isinstance(items, Mapping):
            for index, item in enumerate(node.items):
                self._check(item, items, (*path, index), out)
        list_type = schema.get("x-kubernetes-list-type")
        if list_type == "map":
            keys = schema.get("x-kubernetes-list-map-keys")
            if isinstance(keys, list) and keys:
                out.extend(self._duplicate_entries(node, [str(k) for k in keys], path))
        elif list_type == "set":
            seen: set[Any] = set()
            for index, item in enumerate(node.items):
                if isinstance(item, YScalar) and not deferred(item):
                    if item.value in seen:
                        out.append(
                            Issue(
                                IssueKind.DUPLICATE,
                                (*path, index),
                                item,
                                f"{_label(path)} lists {_show(item.value)} twice",
                            )
                        )
                    seen.add(item.value)

    def _duplicate_entries(self, node: YSeq, keys: list[str], path: Path) -> Iterator[Issue]:
        seen: set[tuple[Any, ...]] = set()
        for index, item in enumerate(node.items):
            if not isinstance(item, YMap):
                continue
            values = tuple(item.value(k) if k in item else _LIST_MAP_DEFAULTS.get(k) for k in keys)
            if any(isinstance(v, str) and ("${" in v or "{{" in v) for v in values) or values[0] is None:
                continue
            if values in seen:
                described = ", ".join(f"{k}={_show(v)}" for k, v in zip(keys, values, strict=True) if v is not None)
                anchor = item.get(keys[0]) or item
                yield Issue(
                    IssueKind.DUPLICATE,
                    (*path, index),
                    anchor,
                    f"{_label(path)} has two entries with {described}; the last one silently wins",
                )
            seen.add(values)


_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _matches(pattern: str, value: str) -> bool:
    """ECMA-262 patterns as Python reads them; a pattern Python cannot compile is not judged."""
    if pattern not in _PATTERNS:
        try:
            _PATTERNS[pattern] = re.compile(pattern)
        except re.error:
            _PATTERNS[pattern] = None
    compiled = _PATTERNS[pattern]
    return compiled is None or compiled.search(value) is not None


def closest(name: str, candidates: tuple[str, ...] | list[str], limit: int = 2) -> str | None:
    """The candidate nearest to ``name`` ignoring case, within ``limit`` edits."""
    best: tuple[int, str] | None = None
    lowered = name.lower()
    for candidate in candidates:
        distance = _distance(lowered, candidate.lower(), limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best is not None else None


def _distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
