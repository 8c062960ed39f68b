"""kustomize's built-in transformers: namespace, name prefix/suffix, labels, annotations, replicas
and images. A value a transformer writes is located at the kustomization entry that asked for it
(or, for a renamed field, where the original value was written)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.kustomize import fieldspecs as F
from linter.kustomize.errors import RenderError
from linter.kustomize.objects import RObject
from linter.kustomize.spec import Kustomization
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, map_like, scalar_like

_SKIP_RENAME = frozenset(
    {("apiextensions.k8s.io", "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"), ("", "Namespace")}
)


def set_namespace(objects: list[RObject], value: YScalar) -> None:
    namespace = str(value.value)
    for obj in objects:
        oid = obj.id
        if not obj.is_cluster_scoped:
            metadata = _child_map(obj.root, "metadata", value)
            metadata.items["namespace"] = scalar_like(value, namespace)
        if oid.kind == "Namespace" and oid.group == "" and oid.version == "v1":
            obj.rename(namespace)
        if oid.kind in ("RoleBinding", "ClusterRoleBinding"):
            subjects = obj.root.seq("subjects")
            for subject in subjects.maps() if subjects else ():
                if subject.text("name") == "default":
                    subject.items["namespace"] = scalar_like(value, namespace)
        for fs in F.NAMESPACE_EXTRA:
            if fs.applies(oid):
                for parent, key in F.targets(obj.root, fs, value):
                    parent.items[key] = scalar_like(value, namespace)


def add_name_affixes(objects: list[RObject], prefix: YScalar | None, suffix: YScalar | None) -> None:
    for affix, is_prefix in ((prefix, True), (suffix, False)):
        if affix is None:
            continue
        for obj in objects:
            oid = obj.id
            if (oid.group, oid.kind) in _SKIP_RENAME or not oid.name:
                continue
            text = str(affix.value)
            obj.rename(text + oid.name if is_prefix else oid.name + text)


def _check_strings(pairs: YMap) -> None:
    for value in pairs.items.values():
        if not isinstance(value, YScalar) or not isinstance(value.value, str):
            raise RenderError("label and annotation values must be strings (quote them)", value)


def add_labels(objects: list[RObject], spec: Kustomization) -> None:
    if spec.common_labels is not None:
        _add_pairs(objects, spec.common_labels, F.COMMON_LABELS)
    for entry in spec.labels:
        pairs = entry.map("pairs")
        if pairs is None:
            continue
        if entry.value("includeSelectors") is True:
            specs = F.COMMON_LABELS
        else:
            specs = [F.spec("metadata/labels", create=True)]
            if entry.value("includeTemplates") is True:
                specs = F.METADATA_LABELS
            if entry.value("includeVolumeClaimTemplates") is True and specs is not F.METADATA_LABELS:
                specs = [*specs, *F.VOLUME_CLAIM_TEMPLATE_LABELS]
        _add_pairs(objects, pairs, specs)


def add_annotations(objects: list[RObject], annotations: YMap) -> None:
    _add_pairs(objects, annotations, F.COMMON_ANNOTATIONS)


def _add_pairs(objects: list[RObject], pairs: YMap, specs: Iterable[F.FieldSpec]) -> None:
    _check_strings(pairs)
    for obj in objects:
        oid = obj.id
        for fs in specs:
            if not fs.applies(oid):
                continue
            for parent, key in F.targets(obj.root, fs, pairs):
                target = parent.items.get(key)
                if not isinstance(target, YMap):
                    if not fs.create or (target is not None and not _null(target)):
                        continue
                    target = map_like(pairs)
                    parent.items[key] = target
                for name, value in pairs.items.items():
                    target.items[name] = value


def set_replicas(objects: list[RObject], entries: list[YMap]) -> None:
    for entry in entries:
        name, count = entry.text("name"), entry.get("count")
        if name is None or not isinstance(count, YScalar):
            raise RenderError("a replicas entry needs `name` and `count`", entry)
        found = False
        for obj in objects:
            oid = obj.id
            if not obj.matches_name(name):
                continue
            for fs in F.REPLICAS:
                if fs.applies(oid):
                    found = True
                    for parent, key in F.targets(obj.root, fs, count):
                        parent.items[key] = count
        if not found:
            raise RenderError(
                f"replicas: no Deployment, ReplicationController, ReplicaSet or StatefulSet named {name!r}", entry
            )


def set_images(objects: list[RObject], entries: list[YMap]) -> None:
    for entry in entries:
        name = entry.text("name")
        if not name:
            continue
        pattern = _image_pattern(name)
        for obj in objects:
            if obj.id.kind == "CustomResourceDefinition":
                continue
            for parent, key in _image_fields(obj.root):
                current = parent.items.get(key)
                if isinstance(current, YScalar) and isinstance(current.value, str) and pattern.match(current.value):
                    parent.items[key] = _new_image(current, entry)
            for fs in F.IMAGE_FIELDS:
                for parent, key in F.targets(obj.root, fs, entry):
                    current = parent.items.get(key)
                    if isinstance(current, YScalar) and isinstance(current.value, str) and pattern.match(current.value):
                        parent.items[key] = _new_image(current, entry)


def _image_pattern(name: str) -> re.Pattern[str]:
    # kustomize compiles the name as a regular expression followed by an optional tag and digest.
    try:
        return re.compile("^" + name + r"(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$")
    except re.error:
        return re.compile("^" + re.escape(name) + r"(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+:[a-zA-Z0-9_.{}-]*)?$")


def _image_fields(node: YNode) -> Iterable[tuple[YMap, str]]:
    """The `image` of every element of any `containers`/`initContainers` list, at any depth."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, YMap):
            for key, child in current.items.items():
                if key in ("containers", "initContainers") and isinstance(child, YSeq):
                    for item in child.maps():
                        if "image" in item:
                            yield item, "image"
                stack.append(child)
        elif isinstance(current, YSeq):
            stack.extend(current.items)


def split_image(image: str) -> tuple[str, str, str]:
    """(name, tag, digest) the way kustomize splits an image reference."""
    slash = image.find("/")
    offset = slash if slash > 0 else 0
    search = image[offset:]
    at, colon = search.find("@"), search.find(":")
    if colon < 0 and at < 0:
        return image, "", ""
    if at >= 0 and (at < colon or colon < 0):
        return image[: offset + at], "", image[offset + at + 1 :]
    if at >= 0 and colon >= 0:
        return image[: offset + colon], image[offset + colon + 1 : offset + at], image[offset + at + 1 :]
    return image[: offset + colon], image[offset + colon + 1 :], ""


def _new_image(current: YScalar, entry: YMap) -> YScalar:
    name, tag, digest = split_image(str(current.value))
    new_name, new_tag, new_digest = entry.text("newName"), entry.text("newTag"), entry.text("digest")
    tag_suffix = entry.text("tagSuffix")
    if new_name:
        name = new_name
    if new_tag and new_digest:
        tag, digest = new_tag, new_digest
    elif new_tag:
        tag, digest = new_tag, ""
    elif new_digest:
        tag, digest = "", new_digest
    elif tag_suffix:
        tag, digest = tag + tag_suffix, ""
    value = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    # Point at what decided the tag or digest: the kustomization entry, else the original value.
    decider = entry.get("digest") if new_digest else entry.get("newTag") if new_tag else None
    if decider is None and tag_suffix:
        decider = entry.get("tagSuffix")
    located = scalar_like(decider if decider is not None else current, value)
    if decider is None:
        located.key = current.key
    return located


def _child_map(parent: YMap, key: str, origin: YNode) -> YMap:
    child = parent.items.get(key)
    if not isinstance(child, YMap):
        child = map_like(origin)
        parent.items[key] = child
    return child


def _null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.value is None
