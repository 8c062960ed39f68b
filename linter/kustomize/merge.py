"""Strategic merge patches over located nodes, as kustomize applies them.

Lists of built-in kinds merge by their Kubernetes patch merge key (containers by name, ports by
containerPort, volume mounts by mountPath, ...) and are otherwise replaced; lists of custom
resources are replaced (kustomize has no schema for them). `null` deletes a key;
`$patch: delete` / `$patch: replace` work on mappings and list elements, `$retainKeys` and
`$deleteFromPrimitiveList/<field>` are honoured, `$setElementOrder` is ignored (order is not
significant to any check). Values taken from the patch keep the patch's file and line.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.yamlnodes import YMap, YNode, YScalar, YSeq, clone

_BUILTIN_MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "volumes": "name",
    "imagePullSecrets": "name",
    "env": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "hostAliases": "ip",
    "topologySpreadConstraints": "topologyKey",
    "resourceClaims": "name",
    "schedulingGates": "name",
    "ownerReferences": "uid",
}
_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


@dataclass(frozen=True, slots=True)
class Schema:
    kind: str
    builtin: bool  # the kind comes from the Kubernetes API (merge keys known)


def apply_strategic_merge(target: YMap, patch: YMap, schema: Schema) -> YMap | None:
    """Patch ``target`` (a working copy, changed in place); None when the patch deletes it."""
    if patch.value("$patch") == "delete":
        return None
    merged = _merge(target, patch, schema, ())
    return merged if isinstance(merged, YMap) else None


def _merge(dest: YNode, patch: YNode, schema: Schema, path: tuple[str, ...]) -> YNode | None:
    if isinstance(patch, YMap):
        return _merge_map(dest, patch, schema, path)
    if isinstance(patch, YSeq):
        return _merge_seq(dest, patch, schema, path)
    return patch


def _merge_map(dest: YNode, patch: YMap, schema: Schema, path: tuple[str, ...]) -> YNode | None:
    directive = patch.value("$patch")
    if directive == "delete":
        return None
    if directive == "replace" or not isinstance(dest, YMap):
        return _without_directives(patch)
    retain = patch.get("$retainKeys")
    if isinstance(retain, YSeq):
        keep = {item.text for item in retain.items if isinstance(item, YScalar)}
        dest.items = {k: v for k, v in dest.items.items() if k in keep}
    for key, value in patch.items.items():
        if key.startswith("$deleteFromPrimitiveList/"):
            _delete_from_list(dest, key.partition("/")[2], value)
            continue
        if key.startswith("$"):
            continue
        if isinstance(value, YScalar) and value.value is None:
            dest.items.pop(key, None)
            continue
        current = dest.items.get(key)
        if current is None:
            if isinstance(value, YMap) and value.value("$patch") == "delete":
                continue
            dest.items[key] = _without_directives(value)
            continue
        merged = _merge(current, value, schema, (*path, key))
        if merged is None:
            del dest.items[key]
        else:
            dest.items[key] = merged
    return dest


def _merge_seq(dest: YNode, patch: YSeq, schema: Schema, path: tuple[str, ...]) -> YNode:
    replace = [item for item in patch.items if isinstance(item, YMap) and item.value("$patch") == "replace"]
    if replace or not isinstance(dest, YSeq):
        kept = YSeq(patch.src, patch.line, patch.col, patch.end_line, patch.end_col)
        kept.key = patch.key
        kept.items = [_without_directives(i) for i in patch.items if not any(i is r for r in replace)]
        return kept
    key = _merge_key(schema, path)
    if key is None:
        return _without_directives(patch)
    # kustomize lists the patch's elements first (merged with their counterparts), then the
    # elements only the original has.
    result: list[YNode] = []
    used: set[int] = set()
    for element in patch.items:
        wanted = element.get(key) if isinstance(element, YMap) else None
        if not isinstance(element, YMap) or not isinstance(wanted, YScalar):
            result.append(_without_directives(element))
            continue
        index = _find(dest, key, wanted)
        if index is not None:
            used.add(index)
        if element.value("$patch") == "delete":
            continue
        if index is None:
            result.append(_without_directives(element))
            continue
        merged = _merge(dest.items[index], element, schema, path)
        if merged is not None:
            result.append(merged)
    result.extend(item for index, item in enumerate(dest.items) if index not in used)
    dest.items = result
    return dest


def _merge_key(schema: Schema, path: tuple[str, ...]) -> str | None:
    """The merge key of a list, or None when the list is replaced (every list of a custom
    resource: kustomize has no schema for it)."""
    if not schema.builtin:
        return None
    field = path[-1] if path else ""
    if field == "ports":
        if schema.kind == "Service" and path == ("spec", "ports"):
            return "port"
        return "containerPort" if len(path) >= 2 and path[-2] in _CONTAINER_LISTS else None
    return _BUILTIN_MERGE_KEYS.get(field)


def _find(seq: YSeq, key: str, wanted: YScalar) -> int | None:
    for index, item in enumerate(seq.items):
        value = item.get(key) if isinstance(item, YMap) else None
        if isinstance(value, YScalar) and str(value.value) == str(wanted.value):
            return index
    return None


def _delete_from_list(dest: YMap, field: str, values: YNode) -> None:
    target = dest.items.get(field)
    if isinstance(target, YSeq) and isinstance(values, YSeq):
        unwanted = {item.text for item in values.items if isinstance(item, YScalar)}
        target.items = [i for i in target.items if not (isinstance(i, YScalar) and i.text in unwanted)]


def _without_directives(node: YNode) -> YNode:
    """A copy of patch content to insert, without `$patch`-style directives."""
    copy = clone(node)
    stack = [copy]
    while stack:
        current = stack.pop()
        if isinstance(current, YMap):
            current.items = {k: v for k, v in current.items.items() if not k.startswith("$")}
            stack.extend(current.items.values())
        elif isinstance(current, YSeq):
            current.items = [
                i for i in current.items if not (isinstance(i, YMap) and i.value("$patch") is not None and len(i) == 1)
            ]
            stack.extend(current.items)
    return copy
