"""Parse YAML text into located trees (``linter.yamlnodes``), without ever raising.

libyaml's composer (``yaml.compose_all`` with ``CSafeLoader``) does the scanning and parsing; we
only walk its node graph once to build our own nodes. We never call PyYAML's constructor, so real
world content that trips it (the plain scalar ``=``, custom tags, timestamps) just becomes strings.

Guards, each reported as a problem instead of an exception:
- syntax errors (with the parser's line and column);
- language-specific tags such as ``!!python/object`` (refused, like a safe loader would);
- duplicate mapping keys (the last value wins, as in most consumers);
- alias expansion beyond a limit ("billion laughs"), recursive aliases and absurd nesting, all
  detected on the shared node graph in time and memory proportional to the file.
Anchors may be redefined (YAML 1.2 allows it); ``<<`` merge keys are applied.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from linter import problems as P
from linter.problems import Problem
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

try:
    from yaml import CSafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CSafeLoader = None  # type: ignore[assignment,misc]

DEFAULT_ALIAS_LIMIT = 10_000
MAX_DEPTH = 200

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_PLAIN_TAGS = frozenset(
    _TAG + name
    for name in (
        "str",
        "map",
        "seq",
        "int",
        "bool",
        "null",
        "float",
        "merge",
        "timestamp",
        "value",
        "binary",
        "omap",
        "pairs",
        "set",
    )
)
_UNSAFE_TAG = re.compile(r"^(?:tag:yaml\.org,2002:|!!?)(?:python|ruby|java|js|perl|php)/")
_TRUE = frozenset({"true", "yes", "on"})
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$")


@dataclass(slots=True)
class YamlDoc:
    index: int
    root: YNode | None
    line: int


@dataclass(slots=True)
class YamlResult:
    docs: list[YamlDoc] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)


class _TolerantLoader(yaml.SafeLoader):
    """Pure-Python loader that accepts redefined anchors (the later definition wins)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.anchors.pop(anchor, None)
        return super().compose_node(parent, index)


@functools.cache
def _warn_no_libyaml() -> None:
    print("gitops-lint: warning: libyaml not available, using the slower pure-Python YAML parser", file=sys.stderr)


_PLAIN_SCALAR_TAGS: dict[str, str] = {}


if CSafeLoader is not None:

    class _FastLoader(CSafeLoader):
        """libyaml's loader; plain-scalar tag resolution (a Python regex per scalar) is memoised,
        since keys and common values repeat across a repository."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is yaml.ScalarNode and implicit[0]:
                tag = _PLAIN_SCALAR_TAGS.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                    if len(value) < 64 and len(_PLAIN_SCALAR_TAGS) < 200_000:
                        _PLAIN_SCALAR_TAGS[value] = tag
                return tag
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


def _compose_all(text: str) -> list[yaml.Node | None]:
    if CSafeLoader is not None:
        try:
            return list(yaml.compose_all(text, Loader=_FastLoader))
        except yaml.composer.ComposerError as exc:
            if "duplicate anchor" not in str(exc):
                raise
    else:
        _warn_no_libyaml()
    return list(yaml.compose_all(text, Loader=_TolerantLoader))


def parse_yaml(text: str, src: str, *, alias_limit: int = DEFAULT_ALIAS_LIMIT) -> YamlResult:
    """Parse every document of ``text``; problems carry 1-based locations."""
    result = YamlResult()
    try:
        nodes = _compose_all(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        result.problems.append(Problem(P.YAML_SYNTAX, f"YAML syntax error: {message}", line, col, fatal=True))
        return result
    except yaml.YAMLError as exc:  # reader errors (control characters) and the like
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - text.rfind("\n", 0, position)
        result.problems.append(Problem(P.YAML_SYNTAX, f"YAML error: {exc}", line, col, fatal=True))
        return result
    except RecursionError:
        result.problems.append(Problem(P.TOO_DEEP, "YAML nesting too deep to check", fatal=True))
        return result

    builder = _Builder(src, alias_limit)
    for index, node in enumerate(nodes):
        if node is None:
            continue
        try:
            root = builder.build_document(node)
        except _Abort as abort:
            result.problems.append(abort.problem)
            result.docs.clear()
            break
        result.docs.append(YamlDoc(index, root, node.start_mark.line + 1))
    result.problems.extend(builder.problems)
    return result


class _Abort(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Turns one file's composed node graph into YNodes, with the guards described above."""

    def __init__(self, src: str, alias_limit: int) -> None:
        self.src = src
        self.alias_limit = alias_limit
        self.problems: list[Problem] = []
        self._built: dict[int, YNode] = {}
        self._active: set[int] = set()
        self._aliased = False

    def build_document(self, node: yaml.Node) -> YNode:
        self._built.clear()
        self._aliased = False
        built = self._build(node, 0)
        if self._aliased:  # only documents that use aliases can expand beyond their text
            produced = _expanded_size(node, {}) - len(self._built)
            if produced > self.alias_limit:
                self._abort(
                    P.ALIAS_BOMB,
                    f"alias expansion produces {produced:,} nodes (limit {self.alias_limit:,}): "
                    "possible YAML bomb, file not checked",
                    node,
                )
        return built

    def _abort(self, kind: str, message: str, node: yaml.Node) -> None:
        mark = node.start_mark
        raise _Abort(Problem(kind, message, mark.line + 1, mark.column + 1, fatal=True))

    def _build(self, node: yaml.Node, depth: int) -> YNode:
        key = id(node)
        done = self._built.get(key)
        if done is not None:
            self._aliased = True
            return done
        if key in self._active:
            self._abort(P.ALIAS_BOMB, "recursive alias: a node contains itself, file not checked", node)
        if depth > MAX_DEPTH:
            self._abort(P.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels, file not checked", node)
        tag = node.tag
        if tag not in _PLAIN_TAGS and _UNSAFE_TAG.match(tag or ""):
            self._abort(P.YAML_SYNTAX, f"language-specific tag {tag!r} is not allowed", node)
        start, end = node.start_mark, node.end_mark
        args = (self.src, start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        built: YNode
        if isinstance(node, yaml.ScalarNode):
            # A local tag (`!env_var NAME`, `!secret key`) is part of what is written: the
            # application resolves it, so a rule reading the text must see it.
            text = f"{tag} {node.value}" if tag and tag.startswith("!") and len(tag) > 1 else node.value
            built = YScalar(*args, _resolve(node), text, plain=node.style is None)
        elif isinstance(node, yaml.SequenceNode):
            self._active.add(key)
            seq = YSeq(*args)
            seq.items = [self._build(child, depth + 1) for child in node.value]
            self._active.discard(key)
            built = seq
        elif isinstance(node, yaml.MappingNode):
            self._active.add(key)
            built = self._build_map(node, YMap(*args), depth + 1)
            self._active.discard(key)
        else:  # pragma: no cover - PyYAML only has the three node types
            raise TypeError(node)
        self._built[key] = built
        return built

    def _build_map(self, node: yaml.MappingNode, out: YMap, depth: int) -> YMap:
        merged: dict[str, YNode] | None = None
        items = out.items
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = merged if merged is not None else {}
                for source in self._merge_sources(value_node, depth):
                    for name, value in source.items.items():
                        merged.setdefault(name, value)
                continue
            key = self._build(key_node, depth)
            name = key.text if isinstance(key, YScalar) else repr(key.to_python())
            if name in items:
                self._duplicate(name, items[name], key)
            value = self._build(value_node, depth)
            if value.key is None and isinstance(key, YScalar):
                value.key = key
            items[name] = value
        if merged:
            out.items = {**{k: v for k, v in merged.items() if k not in items}, **items}
        return out

    def _duplicate(self, name: str, first: YNode, key: YNode) -> None:
        self.problems.append(
            Problem(
                P.DUPLICATE_KEY,
                f"duplicate key {name!r} (first at line {first.key_span().line}); consumers disagree on "
                "which value wins",
                key.line,
                key.col,
                key.end_line,
                key.end_col,
                evidence=name,
            )
        )

    def _merge_sources(self, value_node: yaml.Node, depth: int) -> list[YMap]:
        built = self._build(value_node, depth)
        if isinstance(built, YMap):
            return [built]
        if isinstance(built, YSeq):
            return [item for item in built.items if isinstance(item, YMap)]
        return []


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded (memoised: linear time)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    else:
        size = 1
    memo[id(node)] = size
    return size


def _resolve(node: yaml.ScalarNode) -> Any:
    """The value of a scalar, resolved like Kubernetes' YAML 1.1 reader; unknown tags give strings."""
    text: str = node.value
    tag: str = node.tag or ""
    if not tag.startswith(_TAG):
        return text
    kind = tag[len(_TAG) :]
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() in _TRUE
    if kind == "int":
        return _to_int(text)
    if kind == "float":
        return _to_float(text)
    return text


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    try:
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if _SEXAGESIMAL.match(cleaned):
            total = 0
            for part in digits.split(":"):
                total = total * 60 + int(part)
            return sign * total
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    cleaned = text.replace("_", "").lower()
    if cleaned in (".inf", "+.inf"):
        return math.inf
    if cleaned == "-.inf":
        return -math.inf
    if cleaned == ".nan":
        return math.nan
    try:
        if ":" in cleaned:
            sign = -1.0 if cleaned.startswith("-") else 1.0
            total = 0.0
            for part in cleaned.lstrip("+-").split(":"):
                total = total * 60 + float(part)
            return sign * total
        return float(cleaned)
    except ValueError:
        return text
