"""SCHEMA004 removed-or-deprecated-api."""

from __future__ import annotations

from collections.abc import Iterator

from checks.schema._removed import removal_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


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
        generators are still served as v1alpha1. Beyond the catalogue's list, the table also has the
        other 1.22 removals of the migration guide (storage.k8s.io/v1beta1 CSIDriver, CSINode,
        StorageClass and VolumeAttachment; apiregistration.k8s.io/v1beta1). Removals name their kinds
        where the group version serves newer kinds again (admissionregistration.k8s.io/v1beta1
        MutatingAdmissionPolicy, certificates.k8s.io/v1beta1 ClusterTrustBundle,
        coordination.k8s.io/v1beta1 LeaseCandidate, scheduling.k8s.io/v1beta1 PodGroup): the
        catalogue's "whole group version removed in 1.22" would flag those current beta APIs.
        """,
    refs=("KSV107", "kube-linter no-extensions-v1beta", "kube-score stable-version", "Kyverno check-deprecated-apis"),
)
def removed_or_deprecated_api(resource: Resource, ctx: Context) -> Iterator[Violation]:
    removal = removal_of(resource.group, resource.version, resource.kind)
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
