"""Point fields of Helm's output back at the template line (and, where the template only copies
values, at the values line) that produced them.

Helm copies literal template lines verbatim, indentation included, so rendered lines are aligned
with template lines by (indentation, key) with a longest-common-subsequence match. A rendered line
with no literal counterpart was produced by a template action (`include`, `toYaml`, `tpl`); it is
attributed to the nearest action line between its aligned neighbours. Two refinements reach the
values themselves: a line produced by `toYaml .Values.x` (with `nindent`/`indent`) points at the
matching key under `x` in the values, and a literal line whose value is exactly `{{ .Values.x }}`
(optionally piped through `quote`, `default`, ...) points at `x`. Everything else points at the
template line: exact for literal lines, the action line for generated ones.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from linter.helm.values import at_path
from linter.yamlload import YamlResult, parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, walk

_ACTION_ONLY = re.compile(r"^\s*\{\{-?.*-?\}\}\s*$")
_CONTROL = re.compile(r"^\s*\{\{-?\s*(?:if|else|end|range|with|define|/\*|\$[\w]+\s*:?=|block)\b")
_TO_YAML = re.compile(r"\btoYaml\s+\.Values\.([\w.]+)")
_VALUE_PART = re.compile(r":\s+(.*\{\{.*)$")
_VALUES_REF = re.compile(r"\.Values\.([\w.]+)")
_KEY = re.compile(r"^(\s*)(?:-\s+)?([^\s:#{}\"'][^:#]*?|\"[^\"]*\"|'[^']*')\s*:(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Target:
    src: str
    line: int
    col: int
    end_col: int


def _signature(line: str) -> tuple[int, str] | None:
    match = _KEY.match(line)
    if match is None:
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            return None
        return len(line) - len(line.lstrip(" ")), stripped if "{{" not in stripped else "\0"
    return len(match.group(1)), match.group(2).strip("\"'")


def _line_target(src: str, number: int, text: str) -> Target:
    indent = len(text) - len(text.lstrip(" "))
    return Target(src, number, indent + 1, max(len(text.rstrip()) + 1, indent + 2))


def align(rendered: str, template: str, template_path: str) -> dict[int, tuple[int, bool]]:
    """Rendered line number -> (template line number, produced by an action line)."""
    r_lines, t_lines = rendered.splitlines(), template.splitlines()
    r_sig = [(i + 1, s) for i, line in enumerate(r_lines) if (s := _signature(line)) is not None]
    t_literal = [
        (i + 1, s)
        for i, line in enumerate(t_lines)
        if not _ACTION_ONLY.match(line) and (s := _signature(line)) is not None
    ]
    matcher = difflib.SequenceMatcher(a=[s for _, s in r_sig], b=[s for _, s in t_literal], autojunk=False)
    mapping: dict[int, tuple[int, bool]] = {}
    anchors: list[tuple[int, int]] = []  # (index in r_sig, template line)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            r_number = r_sig[block.a + k][0]
            t_number = t_literal[block.b + k][0]
            mapping[r_number] = (t_number, False)
            anchors.append((block.a + k, t_number))
    actions = [i + 1 for i, line in enumerate(t_lines) if _ACTION_ONLY.match(line) and not _CONTROL.match(line)]
    previous_t = 0
    anchor_iter = iter(sorted(anchors))
    next_anchor = next(anchor_iter, None)
    for index, (r_number, _) in enumerate(r_sig):
        while next_anchor is not None and next_anchor[0] < index:
            next_anchor = next(anchor_iter, None)
        if r_number in mapping:
            previous_t = mapping[r_number][0]
            continue
        upper = next_anchor[1] if next_anchor is not None else len(t_lines) + 1
        between = [a for a in actions if previous_t < a < upper]
        if between:
            mapping[r_number] = (between[0], True)
        elif previous_t:
            mapping[r_number] = (previous_t, True)
        else:
            mapping[r_number] = (1, True)
    return mapping


def locate(rendered: str, template_path: str, template: str, values: YMap | None) -> YamlResult:
    """Parse Helm's output for ``template_path`` with every node pointing at its origin."""
    result = parse_yaml(rendered, template_path)
    mapping = align(rendered, template, template_path)
    t_lines = template.splitlines()
    for doc in result.docs:
        if doc.root is not None:
            _relocate(doc.root, mapping, t_lines, template_path, values)
    return result


def _relocate(
    root: YNode, mapping: dict[int, tuple[int, bool]], t_lines: list[str], template_path: str, values: YMap | None
) -> None:
    parents: dict[int, tuple[YNode, str] | None] = {id(root): None}
    for node in walk(root):
        if isinstance(node, YMap):
            for key, child in node.items.items():
                parents.setdefault(id(child), (node, key))
        elif isinstance(node, YSeq):
            for child in node.items:
                parents.setdefault(id(child), (node, ""))
    original_lines: dict[int, int] = {}
    for node in walk(root):
        original_lines[id(node)] = node.line
        if node.key is not None:
            original_lines[id(node.key)] = node.key.line
    for node in walk(root):
        rendered_line = original_lines[id(node)]
        target = _target_for(node, rendered_line, mapping, t_lines, template_path, values, parents, original_lines)
        for part in (node, node.key):
            if part is None:
                continue
            part.src, part.line, part.col = target.src, target.line, target.col
            part.end_line, part.end_col = target.line, target.end_col


def _target_for(
    node: YNode,
    rendered_line: int,
    mapping: dict[int, tuple[int, bool]],
    t_lines: list[str],
    template_path: str,
    values: YMap | None,
    parents: dict[int, tuple[YNode, str] | None],
    original_lines: dict[int, int],
) -> Target:
    t_number, generated = mapping.get(rendered_line, (1, True))
    t_text = t_lines[t_number - 1] if 0 < t_number <= len(t_lines) else ""
    if values is not None:
        if generated:
            to_yaml = _TO_YAML.search(t_text)
            if to_yaml is not None:
                found = _values_node(node, to_yaml.group(1), values, mapping, parents, original_lines)
                if found is not None:
                    return _node_target(found)
        elif isinstance(node, YScalar):
            found = _referenced_value(t_text, values)
            if found is not None:
                return _node_target(found)
    return _line_target(template_path, t_number, t_text)


def _referenced_value(template_line: str, values: YMap) -> YNode | None:
    """For `key: {{ .Values.a }}`-style lines, the values node that decided the value: the last
    reference that has a non-empty value (for `{{ .Values.repo }}:{{ .Values.tag }}`, the tag)."""
    part = _VALUE_PART.search(template_line)
    if part is None:
        return None
    for path in reversed(_VALUES_REF.findall(part.group(1))):
        found = at_path(values, path.split("."))
        if isinstance(found, YScalar) and found.value not in (None, ""):
            return found
    return None


def _values_node(
    node: YNode,
    base: str,
    values: YMap,
    mapping: dict[int, tuple[int, bool]],
    parents: dict[int, tuple[YNode, str] | None],
    original_lines: dict[int, int],
) -> YNode | None:
    """The values node a `toYaml .Values.<base>` output node came from: its key path below the
    nearest key that the template wrote literally (the one `toYaml` is nested under)."""
    path: list[str] = []
    current: YNode = node
    while True:
        parent = parents.get(id(current))
        if parent is None:
            return None
        container, key = parent
        if not key:
            return None  # inside a list: positions in a list are not tracked back to values
        key_line = original_lines.get(id(current.key) if current.key is not None else id(current), 0)
        if not mapping.get(key_line, (0, True))[1]:
            break
        path.append(key)
        current = container
    return at_path(values, [*base.split("."), *reversed(path)])


def _node_target(node: YNode) -> Target:
    span = node.span()
    return Target(span.path, span.line, span.col, span.end_col if span.end_line == span.line else span.col + 1)
