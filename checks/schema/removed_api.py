"""SCHEMA004 removed-or-deprecated-api."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


class _Removal(NamedTuple):
    kinds: frozenset[str] | None  # None: every kind of the API version
    removed: tuple[int, int] | None  # Kubernetes minor that stopped serving it; None: an add-on's own release
    replacement: str  # the apiVersion to migrate to, or what replaces the API
    note: str = ""


def _kinds(*names: str) -> frozenset[str]:
    return frozenset(names)


# PushSecret and the generators keep their v1alpha1 API: only these moved to external-secrets.io/v1.
_ESO_KINDS = _kinds("ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore")
_PSA = "Pod Security Admission (pod-security.kubernetes.io/* namespace labels)"
# (group, version) -> removals; the Kubernetes deprecated API migration guide, plus well-known add-ons.
REMOVED: dict[tuple[str, str], tuple[_Removal, ...]] = {
    ("extensions", "v1beta1"): (
        _Removal(_kinds("Deployment", "DaemonSet", "ReplicaSet"), (1, 16), "apps/v1"),
        _Removal(_kinds("NetworkPolicy"), (1, 16), "networking.k8s.io/v1"),
        _Removal(_kinds("PodSecurityPolicy"), (1, 16), _PSA),
        _Removal(_kinds("Ingress"), (1, 22), "networking.k8s.io/v1"),
    ),
    ("apps", "v1beta1"): (_Removal(None, (1, 16), "apps/v1"),),
    ("apps", "v1beta2"): (_Removal(None, (1, 16), "apps/v1"),),
    ("networking.k8s.io", "v1beta1"): (_Removal(_kinds("Ingress", "IngressClass"), (1, 22), "networking.k8s.io/v1"),),
    ("rbac.authorization.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "rbac.authorization.k8s.io/v1"),),
    ("admissionregistration.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "admissionregistration.k8s.io/v1"),),
    ("apiextensions.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "apiextensions.k8s.io/v1"),),
    ("certificates.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "certificates.k8s.io/v1"),),
    ("coordination.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "coordination.k8s.io/v1"),),
    ("scheduling.k8s.io", "v1beta1"): (_Removal(None, (1, 22), "scheduling.k8s.io/v1"),),
    ("policy", "v1beta1"): (
        _Removal(_kinds("PodSecurityPolicy"), (1, 25), _PSA),
        _Removal(_kinds("PodDisruptionBudget"), (1, 25), "policy/v1"),
    ),
    ("batch", "v1beta1"): (_Removal(_kinds("CronJob"), (1, 25), "batch/v1"),),
    ("discovery.k8s.io", "v1beta1"): (_Removal(None, (1, 25), "discovery.k8s.io/v1"),),
    ("events.k8s.io", "v1beta1"): (_Removal(None, (1, 25), "events.k8s.io/v1"),),
    ("node.k8s.io", "v1beta1"): (_Removal(None, (1, 25), "node.k8s.io/v1"),),
    ("autoscaling", "v2beta1"): (_Removal(None, (1, 25), "autoscaling/v2"),),
    ("autoscaling", "v2beta2"): (_Removal(None, (1, 26), "autoscaling/v2"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta1"): (_Removal(None, (1, 26), "flowcontrol.apiserver.k8s.io/v1"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta2"): (_Removal(None, (1, 29), "flowcontrol.apiserver.k8s.io/v1"),),
    ("flowcontrol.apiserver.k8s.io", "v1beta3"): (_Removal(None, (1, 32), "flowcontrol.apiserver.k8s.io/v1"),),
    ("storage.k8s.io", "v1beta1"): (_Removal(_kinds("CSIStorageCapacity"), (1, 27), "storage.k8s.io/v1"),),
    **{
        ("external-secrets.io", version): (
            _Removal(
                _ESO_KINDS, None, "external-secrets.io/v1", "not served by External Secrets Operator 0.17 and later"
            ),
        )
        for version in ("v1alpha1", "v1beta1")
    },
    **{
        (group, version): (_Removal(None, None, f"{group}/v1", "removed in cert-manager 1.7"),)
        for group in ("cert-manager.io", "acme.cert-manager.io")
        for version in ("v1alpha2", "v1alpha3", "v1beta1")
    },
}


def _version(minor: tuple[int, int]) -> str:
    return f"{minor[0]}.{minor[1]}"


@Rule(
    id="SCHEMA004",
    slug="removed-or-deprecated-api",
    title="An object uses a Kubernetes (or well-known add-on) API version that is removed or deprecated.",
    severity=Severity.HIGH,
    nist=("4.4.3",),
    target=Target.OBJECT,
    summary="""
        Reports an apiVersion/kind that Kubernetes stopped serving at or before the target version
        (config `kubernetes_version`), as high, or that is deprecated and will stop being served in a
        later version, as low; and add-on API versions that their current releases no longer serve
        (External Secrets `v1alpha1`/`v1beta1`, cert-manager `v1alpha2`/`v1alpha3`/`v1beta1`). The
        message names the replacement. PodSecurityPolicy is always high: its admission controller
        no longer exists, so the pod restrictions it expresses are not enforced. Flux APIs are FLUX001's.
        """,
    rationale="""
        An object of a removed API fails to apply, and everything synced with it stalls; a
        PodSecurityPolicy still in the repository gives the impression of pod restrictions that the
        cluster no longer enforces.
        """,
    fix="Migrate to the current API version (PodSecurityPolicy -> Pod Security Admission labels).",
    bad="""
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web}
        spec:
          backend: {serviceName: web, servicePort: 80}
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec:
          defaultBackend:
            service: {name: web, port: {number: 80}}
        """,
    notes="""
        The External Secrets entries apply to the kinds that moved to `external-secrets.io/v1`
        (ExternalSecret, ClusterExternalSecret, SecretStore, ClusterSecretStore); PushSecret and the
        generators are still served as v1alpha1.
        """,
    refs=("KSV107", "kube-linter no-extensions-v1beta", "kube-score stable-version", "Kyverno check-deprecated-apis"),
)
def removed_or_deprecated_api(resource: Resource, ctx: Context) -> Iterator[Violation]:
    removal = next(
        (r for r in REMOVED.get((resource.group, resource.version), ()) if r.kinds is None or resource.kind in r.kinds),
        None,
    )
    if removal is None:
        return
    at = resource.root.get("apiVersion") or resource.kind_node()
    target = ctx.kubernetes_version()
    what = f"{resource.describe()} uses {resource.api_version}"
    if resource.kind == "PodSecurityPolicy":
        yield Violation(
            f"{what}: PodSecurityPolicy is not enforced since Kubernetes 1.25; use {removal.replacement}", at=at
        )
    elif removal.removed is None:
        yield Violation(f"{what}, {removal.note}; migrate to {removal.replacement}", at=at)
    elif removal.removed <= target:
        yield Violation(
            f"{what}, removed in Kubernetes {_version(removal.removed)}; migrate to {removal.replacement}", at=at
        )
    else:
        yield Violation(
            f"{what}, deprecated and removed in Kubernetes {_version(removal.removed)}; migrate to "
            f"{removal.replacement}",
            at=at,
            severity=Severity.LOW,
        )
