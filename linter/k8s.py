"""Kubernetes objects, their pod templates and containers, over located YAML nodes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from linter.yamlnodes import YMap, YNode, YScalar, YSeq

# Where the pod spec sits, per kind (catalogue: POD_KINDS). Rollout is Argo Rollouts' kind.
POD_SPEC_PATHS: dict[str, str] = {
    "Pod": "spec",
    "PodTemplate": "template.spec",
    "Deployment": "spec.template.spec",
    "StatefulSet": "spec.template.spec",
    "DaemonSet": "spec.template.spec",
    "ReplicaSet": "spec.template.spec",
    "ReplicationController": "spec.template.spec",
    "Job": "spec.template.spec",
    "CronJob": "spec.jobTemplate.spec.template.spec",
    "Rollout": "spec.template.spec",
}
_GROUP_OF_KIND = {"Rollout": "argoproj.io"}
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")

# The newest Kubernetes minor the rule data knows; config `kubernetes_version` may choose an older one.
NEWEST_KUBERNETES = (1, 37)


def parse_version(text: str) -> tuple[int, int]:
    """``1.30``, ``v1.30`` or ``1.30.2`` -> (1, 30); raises ValueError."""
    match = re.match(r"^v?(\d+)\.(\d+)(?:\.\d+)?$", text.strip())
    if not match:
        raise ValueError(f"expected a Kubernetes version such as 1.33, got {text!r}")
    return int(match.group(1)), int(match.group(2))


# Fields whose container value overrides the pod value (catalogue: eff(C, f)).
INHERITED_FIELDS = frozenset(
    {"runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile", "seLinuxOptions", "appArmorProfile", "windowsOptions"}
)


@dataclass(slots=True, eq=False)
class Resource:
    """One Kubernetes object: a YAML document with apiVersion and kind."""

    src: str  # the file the object was read (or rendered) from
    doc: int  # document index in that file
    root: YMap
    api_version: str
    kind: str
    name: str | None
    namespace: str | None
    pod: PodSpec | None = None  # the pod template, for workload kinds
    # The namespace the object lands in once deployed (kustomize `namespace:`, Flux targetNamespace,
    # Argo destination...), or None when unknown. Never guessed as "default".
    effective_namespace: str | None = None
    # Set for objects rendered from a kustomization: the render root (its kustomization file), and
    # the identity of the object as written in its source file (before namespace/prefix/suffix),
    # which fingerprints use so that a base object is one object whichever overlay renders it.
    render_root: str | None = None
    origin_identity: str | None = None
    # Parsed YAML held in string fields of well-known objects (see linter.embedded.EMBEDDED_YAML),
    # by data key; None when the text does not parse.
    embedded: dict[str, YNode | None] = field(default_factory=dict)
    # A partial object stands in for one that could not be rendered (e.g. a pod assembled from a
    # chart's values): only findings at a value written in the source count, said with this note.
    partial: str | None = None
    synthetic_nodes: frozenset[int] = frozenset()  # nodes made up for a partial object
    extra: dict[str, Any] = field(default_factory=dict)  # renderers may attach context here
    # From api_version; read by nearly every rule, so split once.
    group: str = field(init=False)
    version: str = field(init=False)

    def __post_init__(self) -> None:
        group, _, self.version = self.api_version.rpartition("/")
        self.group = group

    @property
    def metadata(self) -> YMap | None:
        return self.root.map("metadata")

    def labels(self) -> dict[str, str]:
        return _string_map(self.metadata, "labels")

    def annotations(self) -> dict[str, str]:
        return _string_map(self.metadata, "annotations")

    def identity(self) -> str:
        """group/kind/namespace/name: what the API server would call this object."""
        return f"{self.group}/{self.kind}/{self.namespace or ''}/{self.name or ''}"

    def kind_node(self) -> YNode:
        """Where to point when nothing more precise exists: the ``kind:`` line."""
        return self.root.get("kind") or self.root

    def describe(self) -> str:
        return f'{self.kind} "{self.name}"' if self.name else self.kind


@dataclass(slots=True, eq=False)
class Container:
    pod: PodSpec
    node: YMap
    list_name: str  # containers | initContainers | ephemeralContainers
    index: int

    @property
    def name(self) -> str:
        return self.node.text("name") or f"{self.list_name}[{self.index}]"

    @property
    def security_context(self) -> YMap | None:
        return self.node.map("securityContext")

    @property
    def path(self) -> str:
        """Where the container sits in its object, e.g. ``spec.template.spec.containers[1]``: what
        findings of several rules about one container have in common (rule precedence)."""
        return f"{self.pod.path}.{self.list_name}[{self.index}]"

    def anchor(self) -> YNode:
        """The container's ``name`` key, or its first line."""
        return self.node.get("name") or self.node

    def describe(self) -> str:
        kind = {"initContainers": "init container ", "ephemeralContainers": "ephemeral container "}
        return f'{kind.get(self.list_name, "container ")}"{self.name}"'

    def sc_field(self, name: str) -> YNode | None:
        """``securityContext.<name>`` of this container, when present and not null."""
        sc = self.security_context
        node = sc.get(name) if sc is not None else None
        if isinstance(node, YScalar) and node.value is None:
            return None
        return node

    def effective(self, name: str) -> YNode | None:
        """The effective security setting: the container's value, else the pod's (eff(C, f))."""
        own = self.sc_field(name)
        if own is not None or name not in INHERITED_FIELDS:
            return own
        return self.pod.sc_field(name)


@dataclass(slots=True, eq=False)
class PodSpec:
    """The pod template of a workload (or the spec of a bare Pod)."""

    resource: Resource
    node: YMap
    path: str  # where the pod spec sits in the object, e.g. spec.template.spec
    template_metadata: YMap | None  # metadata of the pod template (the object's own for a Pod)
    _containers: list[Container] | None = None

    @property
    def security_context(self) -> YMap | None:
        return self.node.map("securityContext")

    @property
    def is_linux(self) -> bool:
        os_node = self.node.map("os")
        return not (os_node is not None and os_node.text("name") == "windows")

    def containers(self) -> list[Container]:
        """Every container of the three lists, init containers first."""
        if self._containers is None:
            found: list[Container] = []
            for list_name in CONTAINER_LISTS:
                seq = self.node.seq(list_name)
                if seq is None:
                    continue
                for index, item in enumerate(seq.items):
                    if isinstance(item, YMap):
                        found.append(Container(self, item, list_name, index))
            self._containers = found
        return self._containers

    def sc_field(self, name: str) -> YNode | None:
        sc = self.security_context
        node = sc.get(name) if sc is not None else None
        if isinstance(node, YScalar) and node.value is None:
            return None
        return node

    def volumes(self) -> Iterator[YMap]:
        seq = self.node.seq("volumes")
        if seq is not None:
            yield from seq.maps()

    def pod_labels(self) -> dict[str, str]:
        return _string_map(self.template_metadata, "labels")

    def pod_annotations(self) -> dict[str, str]:
        return _string_map(self.template_metadata, "annotations")

    def anchor(self) -> YNode:
        """Where to point for pod-level absences: the pod spec's key, else the object's kind."""
        return self.node if self.node.key is not None else self.resource.kind_node()

    def describe(self) -> str:
        return self.resource.describe()


def resource_from(root: YNode | None, src: str, doc: int) -> Resource | None:
    """A Resource for a document that has string ``apiVersion`` and ``kind``, else None."""
    if not isinstance(root, YMap):
        return None
    api_version, kind = root.value("apiVersion"), root.value("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
        return None
    metadata = root.map("metadata")
    name = metadata.text("name") if metadata is not None else None
    namespace = metadata.text("namespace") if metadata is not None else None
    return Resource(src, doc, root, api_version, kind, name, namespace, effective_namespace=namespace)


def pod_spec_of(resource: Resource, extra_kinds: Mapping[str, str] | None = None) -> PodSpec | None:
    """The pod template of a workload kind, or None (also for a Rollout that uses workloadRef)."""
    path = POD_SPEC_PATHS.get(resource.kind)
    if extra_kinds and resource.kind in extra_kinds:
        path = extra_kinds[resource.kind]
    if path is None:
        return None
    group = _GROUP_OF_KIND.get(resource.kind)
    if group is not None and resource.group != group:
        return None
    node = resource.root.at(path)
    if not isinstance(node, YMap):
        return None
    parent_path = path.rpartition(".")[0]
    template = resource.root.at(parent_path) if parent_path else resource.root
    template_metadata = template.map("metadata") if isinstance(template, YMap) and parent_path else resource.metadata
    return PodSpec(resource, node, path, template_metadata)


def is_true(node: YNode | None) -> bool:
    return isinstance(node, YScalar) and node.value is True


def is_false(node: YNode | None) -> bool:
    return isinstance(node, YScalar) and node.value is False


def as_int(node: YNode | None) -> int | None:
    """An integer scalar's value (booleans and numeric strings are not integers here)."""
    if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def seq_texts(node: YNode | None) -> list[tuple[str, YNode]]:
    """The string items of a sequence with their nodes (non-strings are skipped)."""
    if not isinstance(node, YSeq):
        return []
    return [
        (item.value if isinstance(item.value, str) else item.text, item)
        for item in node.items
        if isinstance(item, YScalar) and item.value is not None
    ]


def _string_map(parent: YMap | None, key: str) -> dict[str, str]:
    node = parent.map(key) if parent is not None else None
    if node is None:
        return {}
    out: dict[str, str] = {}
    for name, value in node.items.items():
        if isinstance(value, YScalar):
            out[name] = value.value if isinstance(value.value, str) else value.text
    return out
