"""Patches of a kustomization: where they come from, which objects they target, and applying them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from linter.kustomize.errors import RenderError
from linter.kustomize.jsonpatch import apply_json_patch, is_json_patch
from linter.kustomize.merge import Schema, apply_strategic_merge
from linter.kustomize.objects import RObject, object_id
from linter.kustomize.spec import Kustomization
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

# Loads the documents of a patch: a file path relative to the kustomization, or an inline string.
LoadDocs = Callable[[Kustomization, YScalar, bool], list[YNode]]


@dataclass(frozen=True, slots=True)
class Selector:
    group: str | None = None
    version: str | None = None
    kind: str | None = None
    name: str | None = None
    namespace: str | None = None
    label_selector: str | None = None
    annotation_selector: str | None = None

    def matches(self, obj: RObject) -> bool:
        oid = obj.id
        if self.group is not None and self.group != oid.group:
            return False
        if self.version is not None and self.version != oid.version:
            return False
        if self.kind is not None and self.kind != oid.kind:
            return False
        if self.name is not None and not any(_full(self.name, n) for n in (oid.name, *obj.names)):
            return False
        if self.namespace is not None and not _full(self.namespace, oid.namespace):
            return False
        metadata = obj.root.map("metadata")
        for selector, field in ((self.label_selector, "labels"), (self.annotation_selector, "annotations")):
            if selector is not None:
                values = metadata.map(field) if metadata is not None else None
                present = {k: v.text for k, v in values.items.items() if isinstance(v, YScalar)} if values else {}
                if not label_selector_matches(selector, present):
                    return False
        return True


def selector_from(node: YMap) -> Selector:
    return Selector(
        node.text("group"),
        node.text("version"),
        node.text("kind"),
        node.text("name"),
        node.text("namespace"),
        node.text("labelSelector"),
        node.text("annotationSelector"),
    )


def _full(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return pattern == value


_REQUIREMENT = re.compile(
    r"\s*(!?)\s*([^\s!=,()]+)\s*(?:(==|=|!=)\s*([^\s,()]*)|\s+(in|notin)\s*\(([^)]*)\))?\s*(?:,|$)"
)


def label_selector_matches(selector: str, labels: dict[str, str]) -> bool:
    """Kubernetes label selector syntax: `a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`."""
    position = 0
    text = selector.strip()
    while position < len(text):
        match = _REQUIREMENT.match(text, position)
        if match is None or match.end() == position:
            return False
        negate, key, op, value, set_op, values = match.groups()
        if op in ("=", "=="):
            ok = labels.get(key) == value
        elif op == "!=":
            ok = labels.get(key) != value
        elif set_op:
            allowed = {v.strip() for v in values.split(",") if v.strip()}
            ok = labels.get(key) in allowed if set_op == "in" else labels.get(key) not in allowed
        else:
            ok = (key in labels) != bool(negate)
        if not ok:
            return False
        position = match.end()
    return True


def apply_patch_doc(objects: list[RObject], doc: YNode, target: Selector | None, origin: YNode) -> None:
    """Apply one patch document (strategic merge or JSON 6902) to the objects it targets."""
    if is_json_patch(doc):
        assert isinstance(doc, YSeq)
        if target is None:
            raise RenderError("a JSON 6902 patch needs a target", origin)
        # kustomize treats a target selecting nothing as a no-op, not an error.
        for obj in [o for o in objects if target.matches(o)]:
            obj.root = apply_json_patch(obj.root, doc)
        return
    if not isinstance(doc, YMap):
        raise RenderError("a patch must be a mapping (strategic merge) or a list of operations (JSON 6902)", origin)
    if target is None:
        matched = _same_object(objects, doc, origin)
    else:
        matched = [o for o in objects if target.matches(o)]
        doc = _without_identity(doc)
    for obj in matched:
        result = apply_strategic_merge(obj.root, doc, Schema(obj.id.kind, obj.builtin))
        if result is None:
            objects.remove(obj)
        else:
            obj.root = result


def _without_identity(doc: YMap) -> YMap:
    """A targeted patch applies to each selected object whatever name and kind the patch says."""
    view = YMap(doc.src, doc.line, doc.col, doc.end_line, doc.end_col)
    view.items = {k: v for k, v in doc.items.items() if k not in ("apiVersion", "kind")}
    metadata = doc.map("metadata")
    if metadata is not None:
        trimmed = YMap(metadata.src, metadata.line, metadata.col, metadata.end_line, metadata.end_col)
        trimmed.key = metadata.key
        trimmed.items = {k: v for k, v in metadata.items.items() if k not in ("name", "namespace")}
        view.items["metadata"] = trimmed
    return view


def _same_object(objects: list[RObject], doc: YMap, origin: YNode) -> list[RObject]:
    pid = object_id(doc)
    if not pid.kind or not pid.name:
        raise RenderError("a strategic merge patch needs kind and metadata.name (or a target)", origin)
    found = [
        o
        for o in objects
        if o.id.kind == pid.kind
        and o.matches_name(pid.name)
        and (not pid.namespace or o.id.namespace == pid.namespace)
        and (not pid.group or o.id.group == pid.group)
    ]
    if len(found) != 1:
        what = "no object" if not found else f"{len(found)} objects"
        raise RenderError(f"patch for {pid.describe()} matches {what}", origin)
    return found


def apply_patches(spec: Kustomization, objects: list[RObject], load: LoadDocs, *, json6902: bool) -> None:
    """`patchesStrategicMerge` and `patches` (json6902=False), or `patchesJson6902` (True)."""
    if json6902:
        for entry in spec.patches_json6902:
            target = entry.map("target")
            if target is None:
                raise RenderError("patchesJson6902 entries need a target", entry)
            for doc in _entry_docs(spec, entry, load):
                apply_patch_doc(objects, doc, selector_from(target), entry)
        return
    for item in spec.patches_smp:
        inline = "\n" in str(item.value) or ":" in str(item.value)
        for doc in load(spec, item, inline):
            apply_patch_doc(objects, doc, None, item)
    for entry in spec.patches:
        target = entry.map("target")
        for doc in _entry_docs(spec, entry, load):
            apply_patch_doc(objects, doc, selector_from(target) if target is not None else None, entry)


def _entry_docs(spec: Kustomization, entry: YMap, load: LoadDocs) -> list[YNode]:
    path, inline = entry.scalar("path"), entry.scalar("patch")
    if path is not None and path.value:
        return load(spec, path, False)
    if inline is not None and inline.value:
        return load(spec, inline, True)
    raise RenderError("a patch needs `path` or `patch`", entry)
