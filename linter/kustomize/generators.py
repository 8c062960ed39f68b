"""configMapGenerator and secretGenerator, and the content hash kustomize appends to their names.

Values keep their origin: a literal points at its list item in the kustomization, a value read
from an env file at its line in that file, a whole file at the file itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from collections.abc import Callable
from typing import Any

from linter.kustomize.errors import RenderError
from linter.kustomize.objects import Generated, ObjectId, RObject
from linter.kustomize.spec import Kustomization
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, map_like, scalar_like

# Reads a file of the repository as text (None when it is missing or not text).
ReadText = Callable[[str], str | None]


def generate(spec: Kustomization, objects: list[RObject], read: ReadText) -> None:
    """Run both generators of ``spec``, adding to (or merging into) ``objects``."""
    options = spec.generator_options
    for entry in spec.configmap_generators:
        _apply(_generate_one(spec, entry, "ConfigMap", options, read), objects, entry)
    for entry in spec.secret_generators:
        _apply(_generate_one(spec, entry, "Secret", options, read), objects, entry)


def _generate_one(spec: Kustomization, entry: YMap, kind: str, options: YMap | None, read: ReadText) -> RObject:
    name = entry.text("name")
    if not name:
        raise RenderError(f"a {kind} generator needs a name", entry)
    root = map_like(entry)
    root.items["apiVersion"] = scalar_like(entry, "v1")
    root.items["kind"] = scalar_like(entry, kind)
    metadata = map_like(entry)
    root.items["metadata"] = metadata
    metadata.items["name"] = entry.get("name") or scalar_like(entry, name)
    if entry.text("namespace"):
        metadata.items["namespace"] = entry.items["namespace"]
    entry_options = entry.map("options")
    for field in ("labels", "annotations"):
        merged = map_like(entry)
        for source in (options, entry_options):
            values = source.map(field) if source is not None else None
            if values is not None:
                merged.items.update(values.items)
        if merged.items:
            metadata.items[field] = merged
    data = map_like(entry)
    for key, value in _pairs(spec, entry, read):
        if kind == "Secret":
            data.items[key] = _located_value(value, _base64_lines(str(value.value)), key)
        else:
            data.items[key] = _located_value(value, str(value.value), key)
    if data.items:
        root.items["data"] = data
    if kind == "Secret":
        root.items["type"] = entry.get("type") or scalar_like(entry, "Opaque")
    immutable = _option(entry_options, options, "immutable")
    if immutable is True:
        root.items["immutable"] = scalar_like(entry, True, "true")
    hash_suffix = _option(entry_options, options, "disableNameSuffixHash") is not True
    behavior = entry.text("behavior") or "create"
    if behavior not in ("create", "merge", "replace"):
        raise RenderError(f"unknown generator behavior {behavior!r}", entry.get("behavior"))
    origin = ObjectId("", "v1", kind, entry.text("namespace") or "", name)
    return RObject(root, spec.path, -1, origin, [], Generated(hash_suffix, behavior))


def _base64_lines(text: str) -> str:
    """Base64 the way kustomize writes generated Secret values: 70-character lines, each ended by a
    newline once the value needs more than one line."""
    encoded = base64.b64encode(text.encode()).decode()
    if len(encoded) < 70:
        return encoded
    return "".join(encoded[i : i + 70] + "\n" for i in range(0, len(encoded), 70))


def _option(own: YMap | None, shared: YMap | None, key: str) -> Any:
    for source in (own, shared):
        if source is not None and key in source:
            return source.value(key)
    return None


def _located_value(origin: YScalar, value: str, key: str) -> YScalar:
    located = scalar_like(origin, value)
    located.key = origin.key if origin.key is not None else origin
    return located


def _pairs(spec: Kustomization, entry: YMap, read: ReadText) -> list[tuple[str, YScalar]]:
    out: list[tuple[str, YScalar]] = []
    for item in _items(entry, "literals"):
        key, sep, value = str(item.value).partition("=")
        if not sep:
            raise RenderError(f"literal {item.value!r} is not KEY=VALUE", item)
        out.append((key, scalar_like(item, _unquote(value))))
    for item in _items(entry, "envs") + _items(entry, "env"):
        path = spec.resolve(str(item.value))
        text = read(path)
        if text is None:
            raise RenderError(f"env file {item.value!r} not found", item)
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            key, sep, value = stripped.partition("=")
            if not sep:
                raise RenderError(
                    f"{item.value}:{number}: {stripped!r} is not KEY=VALUE (values are never read "
                    "from the environment)",
                    item,
                )
            located = YScalar(path, number, 1, number, len(line) + 1, value, value)
            out.append((key.strip(), located))
    for item in _items(entry, "files"):
        text_entry = str(item.value)
        key, sep, relative = text_entry.partition("=")
        if not sep:
            key, relative = posixpath.basename(text_entry), text_entry
        path = spec.resolve(relative)
        content = read(path)
        if content is None:
            raise RenderError(f"file {relative!r} not found (or not text)", item)
        out.append((key, YScalar(path, 1, 1, 1, 1, content, content)))
    return out


def _items(entry: YMap, key: str) -> list[YScalar]:
    node = entry.get(key)
    if isinstance(node, YScalar) and node.value is not None:
        return [node]
    if isinstance(node, YSeq):
        return [i for i in node.items if isinstance(i, YScalar) and i.value is not None]
    return []


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _apply(generated: RObject, objects: list[RObject], entry: YMap) -> None:
    assert generated.generated is not None
    behavior = generated.generated.behavior
    gid = generated.id
    existing = next(
        (
            o
            for o in objects
            if o.id.kind == gid.kind
            and o.matches_name(gid.name)
            and (not gid.namespace or o.id.namespace == gid.namespace)
        ),
        None,
    )
    if behavior == "create":
        if existing is not None:
            raise RenderError(f"{gid.kind} {gid.name!r} already exists; use behavior: merge or replace", entry)
        objects.append(generated)
        return
    if existing is None:
        raise RenderError(f"{gid.kind} {gid.name!r} to {behavior} was not found in the bases", entry)
    if behavior == "replace":
        for field in ("data", "binaryData"):
            existing.root.items.pop(field, None)
    for field in ("data", "binaryData"):
        new = generated.root.map(field)
        if new is None:
            continue
        target = existing.root.items.get(field)
        if not isinstance(target, YMap):
            target = map_like(new)
            existing.root.items[field] = target
        target.items.update(new.items)
    metadata, new_metadata = existing.root.map("metadata"), generated.root.map("metadata")
    if metadata is not None and new_metadata is not None:
        for field in ("labels", "annotations"):
            added = new_metadata.map(field)
            if added is not None:
                current = metadata.items.get(field)
                if not isinstance(current, YMap):
                    metadata.items[field] = added
                else:
                    current.items.update(added.items)


def add_hash_suffixes(objects: list[RObject]) -> None:
    for obj in objects:
        if obj.generated is None or not obj.generated.hash_suffix:
            continue
        obj.rename(f"{obj.id.name}-{content_hash(obj.root)}")


def content_hash(root: YMap) -> str:
    """kustomize's name suffix: the first ten hex digits of a SHA-256 over a JSON encoding of the
    kind and data (and type or binaryData), with some digits swapped for letters so it never looks
    like a number. kustomize means to include the name but looks it up with a path that never
    matches, so its hash always uses an empty name; so does this one, to give the same names."""
    kind = root.text("kind")
    document: dict[str, Any] = {"kind": kind, "name": "", "data": _json_value(root.get("data"))}
    if kind == "Secret":
        document["type"] = _json_value(root.get("type"))
        extra = "stringData"
    else:
        extra = "binaryData"
    if isinstance(root.get(extra), YMap):
        document[extra] = _json_value(root.get(extra))
    encoded = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    encoded = encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    digest = hashlib.sha256(encoded.encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def _json_value(node: YNode | None) -> Any:
    if node is None:
        return ""
    if isinstance(node, YMap):
        return {k: (v.text if isinstance(v, YScalar) else v.to_python()) for k, v in node.items.items()}
    if isinstance(node, YScalar):
        return node.text
    return node.to_python()
