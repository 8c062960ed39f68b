"""Objects while they are being rendered: a working tree plus where it came from and its names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from linter.yamlnodes import YMap, clone, scalar_like

# Built-in kinds without a namespace (kustomize treats unknown kinds as namespaced, and so do we).
CLUSTER_SCOPED = frozenset(
    {
        "APIService",
        "CertificateSigningRequest",
        "ClusterRole",
        "ClusterRoleBinding",
        "ClusterTrustBundle",
        "ComponentStatus",
        "CSIDriver",
        "CSINode",
        "CustomResourceDefinition",
        "DeviceClass",
        "FlowSchema",
        "IngressClass",
        "IPAddress",
        "MutatingAdmissionPolicy",
        "MutatingAdmissionPolicyBinding",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "PersistentVolume",
        "PodSecurityPolicy",
        "PriorityClass",
        "PriorityLevelConfiguration",
        "ResourceSlice",
        "RuntimeClass",
        "SelfSubjectAccessReview",
        "SelfSubjectRulesReview",
        "ServiceCIDR",
        "StorageClass",
        "StorageVersionMigration",
        "SubjectAccessReview",
        "TokenReview",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
        "VolumeAttributesClass",
    }
)

# API groups whose types kustomize knows from the Kubernetes OpenAPI schema (merge keys apply).
BUILTIN_GROUPS = frozenset(
    {
        "",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "apps",
        "autoscaling",
        "batch",
        "certificates.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "events.k8s.io",
        "flowcontrol.apiserver.k8s.io",
        "networking.k8s.io",
        "node.k8s.io",
        "policy",
        "rbac.authorization.k8s.io",
        "resource.k8s.io",
        "scheduling.k8s.io",
        "storage.k8s.io",
    }
)


class ObjectId(NamedTuple):
    group: str
    version: str
    kind: str
    namespace: str
    name: str

    def describe(self) -> str:
        where = f" in namespace {self.namespace}" if self.namespace else ""
        return f"{self.kind} {self.name!r}{where}"


def object_id(root: YMap) -> ObjectId:
    api_version = root.text("apiVersion") or ""
    group, _, version = api_version.rpartition("/")
    metadata = root.map("metadata")
    name = (metadata.text("name") if metadata else None) or ""
    namespace = (metadata.text("namespace") if metadata else None) or ""
    return ObjectId(group, version, root.text("kind") or "", namespace, name)


@dataclass(slots=True, eq=False)
class Generated:
    """How a generator made an object (kustomize adds the hash suffix at the very end)."""

    hash_suffix: bool
    behavior: str  # create | merge | replace


@dataclass(slots=True, eq=False)
class RObject:
    root: YMap
    origin_src: str  # the file that defines the object (a resource file or the generating kustomization)
    origin_doc: int
    origin: ObjectId  # the object as written, before any transformer
    names: list[str] = field(default_factory=list)  # every name it has had (kustomize matches by any)
    generated: Generated | None = None

    @property
    def id(self) -> ObjectId:
        return object_id(self.root)

    @property
    def is_cluster_scoped(self) -> bool:
        return self.id.kind in CLUSTER_SCOPED

    @property
    def builtin(self) -> bool:
        return self.id.group in BUILTIN_GROUPS

    def matches_name(self, name: str) -> bool:
        return name == self.id.name or name in self.names

    def copy(self) -> RObject:
        root = clone(self.root)
        assert isinstance(root, YMap)
        return RObject(root, self.origin_src, self.origin_doc, self.origin, list(self.names), self.generated)

    def rename(self, new_name: str) -> None:
        metadata = self.root.map("metadata")
        if metadata is None:
            return
        old = metadata.scalar("name")
        if old is None or old.value == new_name:
            return
        if old.text not in self.names:
            self.names.append(old.text)
        metadata.items["name"] = scalar_like(old, new_name)
