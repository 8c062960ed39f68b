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


# A value encrypted by SOPS: its type is only known once decrypted.
_SOPS_VALUE = re.compile(r"^ENC\[[A-Z0-9_]+,data:")


def deferred(node: YNode) -> bool:
    """A value another stage fills in (Flux post-build substitution, a template, SOPS decryption):
    not judged yet."""
    return isinstance(node, YScalar) and isinstance(node.value, str) and _deferred_text(node.value)


def _deferred_text(value: str) -> bool:
    return "${" in value or "{{" in value or (value.startswith("ENC[") and _SOPS_VALUE.match(value) is not None)


def _json_type(node: YNode) -> str:
    if isinstance(node, YMap):
        return "object"
    if isinstance(node, YSeq):
        return "array"
    assert isinstance(node, YScalar)
    return _scalar_type(node)


def _scalar_type(node: YScalar) -> str:
    value = node.value
    if isinstance(value, str):
        if node.plain and value in _YAML11_BOOLS:
            return "boolean"
        return "integer" if node.plain and _OCTAL.match(value) else "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    return "string"


def type_name(node: YNode) -> str:
    """The JSON type of a value as the API server decodes it: object, array, string, integer, ..."""
    return _json_type(node)


def _types(schema: Schema) -> tuple[str, ...]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return (declared,) if declared != "null" else ()
    if isinstance(declared, list):
        return tuple(t for t in declared if isinstance(t, str) and t != "null")
    return ()


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


def _number(value: Any) -> int | float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class _Compiled:
    """One schema with its `$ref` resolved and every keyword read once, so that validating a node
    is attribute reads instead of dictionary look-ups (schemas are shared by thousands of nodes)."""

    __slots__ = (
        "additional",
        "children",
        "compiled_additional",
        "compiled_items",
        "embedded",
        "enum",
        "int_or_string",
        "is_set",
        "items",
        "known",
        "map_keys",
        "max_length",
        "maximum",
        "min_length",
        "minimum",
        "open_ended",
        "parts",
        "pattern",
        "properties",
        "required",
        "types",
        "wanted",
    )

    def __init__(self, schema: Schema, types: tuple[str, ...], parts: tuple[_Compiled, ...]) -> None:
        self.types = frozenset(types) | ({"integer"} if "number" in types else set())
        self.wanted = " or ".join(
            dict.fromkeys("a boolean" if t == "boolean" else f"a{'n' if t[0] in 'aeiou' else ''} {t}" for t in types)
        )
        self.parts = parts
        self.int_or_string = schema.get("x-kubernetes-int-or-string") is True
        properties = schema.get("properties")
        self.properties: Mapping[str, Any] = properties if isinstance(properties, Mapping) else {}
        self.known = tuple(self.properties)
        additional = schema.get("additionalProperties")
        self.additional: Schema | None = additional if isinstance(additional, Mapping) else None
        self.open_ended = (
            additional is True
            or schema.get("x-kubernetes-preserve-unknown-fields") is True
            or (additional is None and not self.properties)
        )
        self.embedded = schema.get("x-kubernetes-embedded-resource") is True
        self.required = tuple(name for name in schema.get("required") or () if isinstance(name, str))
        enum = schema.get("enum")
        self.enum: list[Any] | None = enum if isinstance(enum, list) and enum else None
        pattern = schema.get("pattern")
        self.pattern: str | None = pattern if isinstance(pattern, str) else None
        self.min_length = _number(schema.get("minLength"))
        self.max_length = _number(schema.get("maxLength"))
        self.minimum = _number(schema.get("minimum"))
        self.maximum = _number(schema.get("maximum"))
        items = schema.get("items")
        self.items: Schema | None = items if isinstance(items, Mapping) else None
        keys = schema.get("x-kubernetes-list-map-keys")
        list_type = schema.get("x-kubernetes-list-type")
        self.map_keys = tuple(str(k) for k in keys) if list_type == "map" and isinstance(keys, list) and keys else None
        self.is_set = list_type == "set"
        # Filled by the validator on first use: compiled schemas of the properties, items, others.
        self.children: dict[str, _Compiled | None] | None = None
        self.compiled_items: _Compiled | None = None
        self.compiled_additional: _Compiled | None = None


class Validator:
    """Walks a node tree against a schema; ``resolve`` turns a `$ref` into its schema. Each schema
    is compiled on first use and kept for the validator's life."""

    def __init__(self, resolve: Resolver) -> None:
        self._resolve_ref = resolve
        # id(schema) -> (schema, compiled); holding the schema keeps its id from being reused.
        self._compiled: dict[int, tuple[Schema, _Compiled | None]] = {}

    def validate(self, node: YNode, schema: Schema, path: Path = ()) -> list[Issue]:
        out: list[Issue] = []
        self._check(node, schema, path, out)
        return out

    def _compile(self, raw: Schema) -> _Compiled | None:
        """None for a reference that cannot be resolved: nothing is judged there."""
        entry = self._compiled.get(id(raw))
        if entry is not None:
            return entry[1]
        self._compiled[id(raw)] = (raw, None)  # a schema that refers to itself is not judged twice
        schema = self._resolve(raw)
        compiled = None
        if schema is not None:
            parts = tuple(
                part
                for part in (self._compile(p) for p in schema.get("allOf") or () if isinstance(p, Mapping))
                if part is not None
            )
            compiled = _Compiled(schema, _types(schema) or self._alternative_types(schema), parts)
        self._compiled[id(raw)] = (raw, compiled)
        return compiled

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

    def _alternative_types(self, schema: Schema) -> tuple[str, ...]:
        """`oneOf`/`anyOf` of plain types (quantities, int-or-string); constraint-only alternatives
        (exactly one of these fields) are not judged."""
        found: list[str] = []
        for option in schema.get("oneOf") or schema.get("anyOf") or ():
            resolved = self._resolve(option) if isinstance(option, Mapping) else None
            option_types = _types(resolved) if resolved is not None else ()
            if not option_types:
                return ()
            found.extend(option_types)
        return tuple(found)

    def _check(self, node: YNode, raw: Schema, path: Path, out: list[Issue]) -> None:
        schema = self._compile(raw)
        if schema is not None:
            self._check_compiled(node, schema, path, out)

    def _check_compiled(self, node: YNode, schema: _Compiled, path: Path, out: list[Issue]) -> None:
        if isinstance(node, YMap):
            actual = "object"
        elif isinstance(node, YSeq):
            actual = "array"
        else:
            assert isinstance(node, YScalar)
            value = node.value
            if value is None or (isinstance(value, str) and _deferred_text(value)):
                return
            actual = _scalar_type(node)
        for part in schema.parts:
            self._check_compiled(node, part, path, out)
        if schema.int_or_string:
            if actual not in ("integer", "string"):
                out.append(Issue(IssueKind.TYPE, path, node, f"{_label(path)} must be an integer or a string"))
            return
        if schema.types and actual not in schema.types:
            hint = (
                " (YAML reads it as a boolean; quote it)"
                if actual == "boolean" and isinstance(node, YScalar) and isinstance(node.value, str)
                else ""
            )
            out.append(Issue(IssueKind.TYPE, path, node, f"{_label(path)} must be {schema.wanted}, not {actual}{hint}"))
            return
        if actual == "object":
            assert isinstance(node, YMap)
            self._check_object(node, schema, path, out)
        elif actual == "array":
            assert isinstance(node, YSeq)
            self._check_array(node, schema, path, out)
        else:
            assert isinstance(node, YScalar)
            self._check_scalar(node, schema, path, out)

    def _check_scalar(self, node: YScalar, schema: _Compiled, path: Path, out: list[Issue]) -> None:
        value = _plain_value(node)
        if schema.enum is not None and value not in schema.enum:
            allowed = ", ".join(_show(v) for v in schema.enum if v is not None)
            out.append(
                Issue(IssueKind.ENUM, path, node, f"{_label(path)} must be one of {allowed}, not {_show(value)}")
            )
            return
        if isinstance(value, str):
            if schema.pattern is not None and not _matches(schema.pattern, value):
                out.append(
                    Issue(IssueKind.PATTERN, path, node, f"{_label(path)} {value!r} does not match {schema.pattern!r}")
                )
            if schema.min_length is not None and len(value) < schema.min_length:
                out.append(
                    Issue(IssueKind.RANGE, path, node, f"{_label(path)} is shorter than {schema.min_length} characters")
                )
            if schema.max_length is not None and len(value) > schema.max_length:
                out.append(
                    Issue(IssueKind.RANGE, path, node, f"{_label(path)} is longer than {schema.max_length} characters")
                )
        elif (number := _number(value)) is not None:
            if schema.minimum is not None and number < schema.minimum:
                out.append(Issue(IssueKind.RANGE, path, node, f"{_label(path)} must be at least {schema.minimum}"))
            if schema.maximum is not None and number > schema.maximum:
                out.append(Issue(IssueKind.RANGE, path, node, f"{_label(path)} must be at most {schema.maximum}"))

    def _check_object(self, node: YMap, schema: _Compiled, path: Path, out: list[Issue]) -> None:
        children = schema.children
        if children is None:
            children = schema.children = {key: self._compile(sub) for key, sub in schema.properties.items()}
            if schema.additional is not None:
                schema.compiled_additional = self._compile(schema.additional)
        for key, child in node.items.items():
            if key in children:
                compiled = children[key]
                if compiled is not None:
                    self._check_compiled(child, compiled, (*path, key), out)
            elif schema.additional is not None:
                if schema.compiled_additional is not None:
                    self._check_compiled(child, schema.compiled_additional, (*path, key), out)
            elif not schema.open_ended and not (schema.embedded and key in ("apiVersion", "kind", "metadata")):
                out.append(
                    Issue(IssueKind.UNKNOWN_FIELD, (*path, key), child, f"unknown field {key!r}", key, schema.known)
                )
        for name in schema.required:
            if name not in node.items:
                out.append(Issue(IssueKind.REQUIRED, path, node, f"missing required field {name!r}", name))

    def _check_array(self, node: YSeq, schema: _Compiled, path: Path, out: list[Issue]) -> None:
        if schema.items is not None:
            items = schema.compiled_items
            if items is None:
                items = schema.compiled_items = self._compile(schema.items)
            if items is not None:
                for index, item in enumerate(node.items):
                    self._check_compiled(item, items, (*path, index), out)
        if schema.map_keys is not None:
            out.extend(self._duplicate_entries(node, schema.map_keys, path))
        elif schema.is_set:
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

    def _duplicate_entries(self, node: YSeq, keys: tuple[str, ...], path: Path) -> Iterator[Issue]:
        seen: set[tuple[Any, ...]] = set()
        for index, item in enumerate(node.items):
            if not isinstance(item, YMap):
                continue
            values = tuple(item.value(k) if k in item else _LIST_MAP_DEFAULTS.get(k) for k in keys)
            if any(isinstance(v, str) and ("${" in v or "{{" in v) for v in values) or values[0] is None:
                continue
            try:
                fresh = values not in seen
            except TypeError:  # a key holding a mapping or a list: a type error reported elsewhere
                continue
            if not fresh:
                described = ", ".join(f"{k}={_show(v)}" for k, v in zip(keys, values, strict=True) if v is not None)
                anchor = item.get(keys[0]) or item
                yield Issue(
                    IssueKind.DUPLICATE,
                    (*path, index),
                    anchor,
                    f"{_label(path)} has two entries with {described}; keep one (on apply one silently replaces the "
                    "other, or the API server rejects the object)",
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
