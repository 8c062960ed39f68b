"""JSON patches (RFC 6902) over located nodes. Added values keep the patch's file and line."""

from __future__ import annotations

from linter.kustomize.errors import RenderError
from linter.yamlnodes import YMap, YNode, YSeq, clone


def apply_json_patch(target: YMap, operations: YSeq) -> YMap:
    """Apply every operation to ``target`` (a working copy, changed in place)."""
    root: YNode = target
    for op in operations.items:
        if not isinstance(op, YMap):
            raise RenderError("a JSON patch operation must be a mapping", op)
        root = _apply(root, op)
    if not isinstance(root, YMap):
        raise RenderError("a JSON patch replaced the whole object with a non-mapping", operations)
    return root


def _pointer(text: str, op: YMap) -> list[str]:
    if text == "":
        return []
    if not text.startswith("/"):
        raise RenderError(f"JSON pointer {text!r} must start with '/'", op)
    return [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]


def _apply(root: YNode, op: YMap) -> YNode:
    name = op.text("op")
    path = op.text("path")
    if name is None or path is None:
        raise RenderError("a JSON patch operation needs `op` and `path`", op)
    parts = _pointer(path, op)
    if name == "test":
        found = _get(root, parts, op)
        expected = op.get("value")
        if expected is None or found.to_python() != expected.to_python():
            raise RenderError(f"JSON patch test failed at {path}", op)
        return root
    if name in ("move", "copy"):
        source = op.text("from")
        if source is None:
            raise RenderError(f"JSON patch {name} needs `from`", op)
        value = clone(_get(root, _pointer(source, op), op))
        if name == "move":
            root = _remove(root, _pointer(source, op), op)
        return _add(root, parts, value, op)
    if name == "remove":
        return _remove(root, parts, op)
    value_node = op.get("value")
    if value_node is None:
        raise RenderError(f"JSON patch {name} needs `value`", op)
    value = clone(value_node)
    if name == "add":
        return _add(root, parts, value, op)
    if name == "replace":
        _get(root, parts, op)  # must exist
        return _set(root, parts, value, op)
    raise RenderError(f"unknown JSON patch operation {name!r}", op)


def _parent(root: YNode, parts: list[str], op: YMap) -> YNode:
    return _get(root, parts[:-1], op)


def _get(root: YNode, parts: list[str], op: YMap) -> YNode:
    node = root
    for part in parts:
        if isinstance(node, YMap) and part in node.items:
            node = node.items[part]
        elif isinstance(node, YSeq) and part.isdigit() and int(part) < len(node.items):
            node = node.items[int(part)]
        else:
            raise RenderError(f"JSON patch path /{'/'.join(parts)} does not exist", op)
    return node


def _set(root: YNode, parts: list[str], value: YNode, op: YMap) -> YNode:
    if not parts:
        return value
    parent, last = _parent(root, parts, op), parts[-1]
    if isinstance(parent, YMap):
        if last in parent.items and value.key is None:
            value.key = parent.items[last].key
        parent.items[last] = value
    elif isinstance(parent, YSeq) and last.isdigit() and int(last) < len(parent.items):
        parent.items[int(last)] = value
    else:
        raise RenderError(f"JSON patch path {'/' + '/'.join(parts)} does not exist", op)
    return root


def _add(root: YNode, parts: list[str], value: YNode, op: YMap) -> YNode:
    if not parts:
        return value
    parent, last = _parent(root, parts, op), parts[-1]
    if isinstance(parent, YMap):
        parent.items[last] = value
    elif isinstance(parent, YSeq):
        if last == "-":
            parent.items.append(value)
        elif last.isdigit() and int(last) <= len(parent.items):
            parent.items.insert(int(last), value)
        else:
            raise RenderError(f"JSON patch index {last!r} is out of range", op)
    else:
        raise RenderError(f"JSON patch path {'/' + '/'.join(parts)} has no container to add to", op)
    return root


def _remove(root: YNode, parts: list[str], op: YMap) -> YNode:
    if not parts:
        raise RenderError("a JSON patch cannot remove the whole object", op)
    parent, last = _parent(root, parts, op), parts[-1]
    if isinstance(parent, YMap) and last in parent.items:
        del parent.items[last]
    elif isinstance(parent, YSeq) and last.isdigit() and int(last) < len(parent.items):
        del parent.items[int(last)]
    else:
        raise RenderError(f"JSON patch path {'/' + '/'.join(parts)} does not exist", op)
    return root


def is_json_patch(node: YNode) -> bool:
    """A patch document that is a list of operations (rather than a partial object)."""
    return isinstance(node, YSeq) and all(isinstance(i, YMap) and "op" in i for i in node.items)
