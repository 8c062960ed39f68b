"""API versions that Kubernetes (or a well-known add-on) stopped serving, per kind: facts from the
Kubernetes deprecated API migration guide and the add-ons' release notes."""

from __future__ import annotations

from typing import NamedTuple


class Removal(NamedTuple):
    kinds: frozenset[str] | None  # None: every kind of the API version
    removed: tuple[int, int] | None  # Kubernetes minor that stopped serving it; None: an add-on's own release
    replacement: str  # the apiVersion to migrate to, or what replaces the API
    note: str = ""


def _kinds(*names: str) -> frozenset[str]:
    return frozenset(names)


# PushSecret and the generators keep their v1alpha1 API: only these moved to external-secrets.io/v1.
_ESO_KINDS = _kinds("ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore")
PSA = "Pod Security Admission (pod-security.kubernetes.io/* namespace labels)"
_FLOW = _kinds("FlowSchema", "PriorityLevelConfiguration")
# Several of these group versions serve newer kinds again (admissionregistration.k8s.io/v1beta1
# MutatingAdmissionPolicy, certificates.k8s.io/v1beta1 ClusterTrustBundle, coordination.k8s.io/v1beta1
# LeaseCandidate, scheduling.k8s.io/v1beta1 PodGroup, ...): removals name their kinds.
REMOVED: dict[tuple[str, str], tuple[Removal, ...]] = {
    ("extensions", "v1beta1"): (
        Removal(_kinds("Deployment", "DaemonSet", "ReplicaSet"), (1, 16), "apps/v1"),
        Removal(_kinds("NetworkPolicy"), (1, 16), "networking.k8s.io/v1"),
        Removal(_kinds("PodSecurityPolicy"), (1, 16), PSA),
        Removal(_kinds("Ingress"), (1, 22), "networking.k8s.io/v1"),
    ),
    ("apps", "v1beta1"): (Removal(None, (1, 16), "apps/v1"),),
    ("apps", "v1beta2"): (Removal(None, (1, 16), "apps/v1"),),
    ("networking.k8s.io", "v1beta1"): (Removal(_kinds("Ingress", "IngressClass"), (1, 22), "networking.k8s.io/v1"),),
    ("rbac.authorization.k8s.io", "v1beta1"): (Removal(None, (1, 22), "rbac.authorization.k8s.io/v1"),),
    ("admissionregistration.k8s.io", "v1beta1"): (
        Removal(
            _kinds("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
            (1, 22),
            "admissionregistration.k8s.io/v1",
        ),
    ),
    ("apiextensions.k8s.io", "v1beta1"): (Removal(None, (1, 22), "apiextensions.k8s.io/v1"),),
    ("apiregistration.k8s.io", "v1beta1"): (Removal(None, (1, 22), "apiregistration.k8s.io/v1"),),
    ("certificates.k8s.io", "v1beta1"): (
        Removal(_kinds("CertificateSigningRequest"), (1, 22), "certificates.k8s.io/v1"),
    ),
    ("coordination.k8s.io", "v1beta1"): (Removal(_kinds("Lease"), (1, 22), "coordination.k8s.io/v1"),),
    ("scheduling.k8s.io", "v1beta1"): (Removal(_kinds("PriorityClass"), (1, 22), "scheduling.k8s.io/v1"),),
    ("storage.k8s.io", "v1beta1"): (
        Removal(_kinds("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"), (1, 22), "storage.k8s.io/v1"),
        Removal(_kinds("CSIStorageCapacity"), (1, 27), "storage.k8s.io/v1"),
    ),
    ("policy", "v1beta1"): (
        Removal(_kinds("PodSecurityPolicy"), (1, 25), PSA),
        Removal(_kinds("PodDisruptionBudget"), (1, 25), "policy/v1"),
    ),
    ("batch", "v1beta1"): (Removal(_kinds("CronJob"), (1, 25), "batch/v1"),),
    ("discovery.k8s.io", "v1beta1"): (Removal(None, (1, 25), "discovery.k8s.io/v1"),),
    ("events.k8s.io", "v1beta1"): (Removal(None, (1, 25), "events.k8s.io/v1"),),
    ("node.k8s.io", "v1beta1"): (Removal(None, (1, 25), "node.k8s.io/v1"),),
    ("autoscaling", "v2beta1"): (Removal(None, (1, 25), "autoscaling/v2"),),
    ("autoscaling", "v2beta2"): (Removal(None, (1, 26), "autoscaling/v2"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta1"): (Removal(_FLOW, (1, 26), "flowcontrol.apiserver.k8s.io/v1"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta2"): (Removal(_FLOW, (1, 29), "flowcontrol.apiserver.k8s.io/v1"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta3"): (Removal(_FLOW, (1, 32), "flowcontrol.apiserver.k8s.io/v1"),),
    **{
        ("external-secrets.io", version): (
            Removal(
                _ESO_KINDS, None, "external-secrets.io/v1", "not served by External Secrets Operator 0.17 and later"
            ),
        )
        for version in ("v1alpha1", "v1beta1")
    },
    **{
        (group, version): (Removal(None, None, f"{group}/v1", "removed in cert-manager 1.7"),)
        for group in ("cert-manager.io", "acme.cert-manager.io")
        for version in ("v1alpha2", "v1alpha3", "v1beta1")
    },
}


def removal_of(group: str, version: str, kind: str) -> Removal | None:
    return next((r for r in REMOVED.get((group, version), ()) if r.kinds is None or kind in r.kinds), None)
