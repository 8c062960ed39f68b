"""Where kustomize's built-in transformers write, per kind, and a walker for those paths.

A field spec is a slash-separated path (lists are traversed implicitly, `[]` marks one
explicitly), optionally limited to a kind (and group), and says whether missing parents are
created. The tables below are the Kubernetes API paths that kustomize's transformers touch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.kustomize.objects import ObjectId
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, map_like


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: tuple[str, ...]
    kind: str = ""
    group: str | None = None  # None: any group
    create: bool = False

    def applies(self, oid: ObjectId) -> bool:
        return (not self.kind or self.kind == oid.kind) and (self.group is None or self.group == oid.group)


def spec(path: str, kind: str = "", group: str | None = None, create: bool = False) -> FieldSpec:
    parts = tuple(part.replace("\\/", "/").removesuffix("[]") for part in re.split(r"(?<!\\)/", path))
    return FieldSpec(parts, kind, group, create)


_POD_TEMPLATE_KINDS = (
    ("ReplicationController", ""),
    ("Deployment", None),
    ("ReplicaSet", None),
    ("DaemonSet", None),
    ("StatefulSet", "apps"),
    ("Job", "batch"),
)
_AFFINITY = (
    "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
    "podAffinity/requiredDuringSchedulingIgnoredDuringExecution",
    "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
    "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution",
)


def _template_specs(field: str) -> list[FieldSpec]:
    """metadata/<field> of the object and of the pod templates it carries."""
    out = [spec(f"metadata/{field}", create=True)]
    out += [spec(f"spec/template/metadata/{field}", kind, group, create=True) for kind, group in _POD_TEMPLATE_KINDS]
    out += [
        spec(f"spec/jobTemplate/metadata/{field}", "CronJob", "batch", create=True),
        spec(f"spec/jobTemplate/spec/template/metadata/{field}", "CronJob", "batch", create=True),
    ]
    return out


VOLUME_CLAIM_TEMPLATE_LABELS = [spec("spec/volumeClaimTemplates[]/metadata/labels", "StatefulSet", "apps", create=True)]
# As in kustomize 5.5 (the version kubectl ships): template labels include volume claim templates.
METADATA_LABELS = _template_specs("labels") + VOLUME_CLAIM_TEMPLATE_LABELS
SELECTOR_LABELS = [
    spec("spec/selector", "Service", "", create=True),
    spec("spec/selector", "ReplicationController", "", create=True),
    spec("spec/selector/matchLabels", "Deployment", create=True),
    spec("spec/selector/matchLabels", "ReplicaSet", create=True),
    spec("spec/selector/matchLabels", "DaemonSet", create=True),
    spec("spec/selector/matchLabels", "StatefulSet", "apps", create=True),
    *[
        spec(f"spec/template/spec/affinity/{term}/labelSelector/matchLabels", kind, "apps")
        for kind in ("Deployment", "StatefulSet")
        for term in _AFFINITY
    ],
    *[
        spec("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", kind, "apps")
        for kind in ("Deployment", "StatefulSet")
    ],
    spec("spec/selector/matchLabels", "Job", "batch"),
    spec("spec/jobTemplate/spec/selector/matchLabels", "CronJob", "batch"),
    spec("spec/selector/matchLabels", "PodDisruptionBudget", "policy"),
    spec("spec/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
    spec("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
    spec("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
]
COMMON_LABELS = SELECTOR_LABELS + METADATA_LABELS
COMMON_ANNOTATIONS = _template_specs("annotations")
REPLICAS = [
    spec("spec/replicas", kind, create=True)
    for kind in ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")
]
# After its walk over every `containers`/`initContainers` list, kustomize's image transformer
# applies these paths again (a second `tagSuffix` is appended there too).
IMAGE_FIELDS = [
    spec(path)
    for path in (
        "spec/containers/image",
        "spec/initContainers/image",
        "spec/volumes/image/reference",
        "spec/template/spec/containers/image",
        "spec/template/spec/initContainers/image",
        "spec/template/spec/volumes/image/reference",
    )
]
NAMESPACE_EXTRA = [
    spec("spec/service/namespace", "APIService", "apiregistration.k8s.io", create=True),
    spec("spec/conversion/webhook/clientConfig/service/namespace", "CustomResourceDefinition", "apiextensions.k8s.io"),
]


def targets(root: YMap, fs: FieldSpec, origin: YNode) -> Iterator[tuple[YMap, str]]:
    """(parent mapping, key) for every place ``fs`` reaches in ``root``; with ``create``, missing
    mappings on the way are made (located at ``origin``, the entry that asked for them)."""
    yield from _walk(root, fs.path, fs.create, origin)


def _walk(node: YNode, path: tuple[str, ...], create: bool, origin: YNode) -> Iterator[tuple[YMap, str]]:
    if isinstance(node, YSeq):
        for item in node.items:
            yield from _walk(item, path, create, origin)
        return
    if not isinstance(node, YMap):
        return
    head, rest = path[0], path[1:]
    if not rest:
        yield node, head
        return
    child = node.items.get(head)
    if child is None or (isinstance(child, YScalar) and child.value is None):
        if not create:
            return
        child = map_like(origin)
        node.items[head] = child
    yield from _walk(child, rest, create, origin)


# Name references: which fields of which kinds name an object of a given kind, so that renamed
# objects (prefix, suffix, generator hash) are followed. Pod-spec paths are generated per workload.
_POD_SPEC_PREFIXES = (
    ("Pod", "spec"),
    ("PodTemplate", "template/spec"),
    ("Deployment", "spec/template/spec"),
    ("ReplicaSet", "spec/template/spec"),
    ("DaemonSet", "spec/template/spec"),
    ("StatefulSet", "spec/template/spec"),
    ("Job", "spec/template/spec"),
    ("CronJob", "spec/jobTemplate/spec/template/spec"),
)
_CONFIGMAP_IN_POD = (
    "volumes/configMap/name",
    "containers/env/valueFrom/configMapKeyRef/name",
    "initContainers/env/valueFrom/configMapKeyRef/name",
    "containers/envFrom/configMapRef/name",
    "initContainers/envFrom/configMapRef/name",
    "volumes/projected/sources/configMap/name",
)
_SECRET_IN_POD = (
    "volumes/secret/secretName",
    "containers/env/valueFrom/secretKeyRef/name",
    "initContainers/env/valueFrom/secretKeyRef/name",
    "containers/envFrom/secretRef/name",
    "initContainers/envFrom/secretRef/name",
    "imagePullSecrets/name",
    "volumes/projected/sources/secret/name",
)
_WITH_SA_AND_CLAIMS = (
    ("Pod", "spec"),
    ("StatefulSet", "spec/template/spec"),
    ("Deployment", "spec/template/spec"),
    ("ReplicationController", "spec/template/spec"),
    ("CronJob", "spec/jobTemplate/spec/template/spec"),
    ("Job", "spec/template/spec"),
    ("DaemonSet", "spec/template/spec"),
)


def _in_pods(suffixes: tuple[str, ...]) -> list[FieldSpec]:
    return [spec(f"{prefix}/{suffix}", kind) for kind, prefix in _POD_SPEC_PREFIXES for suffix in suffixes]


NAME_REFERENCES: dict[str, list[FieldSpec]] = {
    "ConfigMap": [
        *_in_pods(_CONFIGMAP_IN_POD),
        spec("rules/resourceNames", "Role"),
        spec("rules/resourceNames", "ClusterRole"),
    ],
    "Secret": [
        *_in_pods(_SECRET_IN_POD),
        spec("spec/tls/secretName", "Ingress"),
        spec("imagePullSecrets/name", "ServiceAccount"),
        spec("rules/resourceNames", "Role"),
        spec("rules/resourceNames", "ClusterRole"),
    ],
    "ServiceAccount": [spec(f"{prefix}/serviceAccountName", kind) for kind, prefix in _WITH_SA_AND_CLAIMS],
    "PersistentVolumeClaim": [
        spec(f"{prefix}/volumes/persistentVolumeClaim/claimName", kind) for kind, prefix in _WITH_SA_AND_CLAIMS
    ],
    "Service": [
        spec("spec/serviceName", "StatefulSet", "apps"),
        spec("spec/rules/http/paths/backend/service/name", "Ingress"),
        spec("spec/defaultBackend/service/name", "Ingress"),
    ],
    "Deployment": [spec("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")],
    "StatefulSet": [spec("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")],
    "ReplicaSet": [spec("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")],
    "ReplicationController": [spec("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")],
    "PriorityClass": [spec(f"{prefix}/priorityClassName", kind) for kind, prefix in _WITH_SA_AND_CLAIMS],
    "StorageClass": [
        spec("spec/storageClassName", "PersistentVolume"),
        spec("spec/storageClassName", "PersistentVolumeClaim"),
        spec("spec/volumeClaimTemplates/spec/storageClassName", "StatefulSet"),
    ],
    "IngressClass": [spec("spec/ingressClassName", "Ingress")],
}
