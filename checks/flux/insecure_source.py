"""FLUX002 source-insecure-transport."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.gitops.urls import is_loopback
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YNode, YScalar


def _http(node: YNode | None) -> bool:
    return (
        isinstance(node, YScalar)
        and isinstance(node.value, str)
        and node.value.lower().startswith("http://")
        and not is_loopback(node.value)
    )


@Rule(
    id="FLUX002",
    slug="source-insecure-transport",
    title="A Flux source is fetched over plaintext or without TLS verification.",
    severity=Severity.HIGH,
    nist=("4.2.1",),
    target=Target.OBJECT,
    kinds=frozenset({"GitRepository", "OCIRepository", "Bucket", "ImageRepository", "HelmRepository"}),
    summary="""
        Reports GitRepository `url`s over `http://` (critical with a `secretRef`: credentials go over
        plaintext), `insecure: true` on OCIRepository, Bucket, ImageRepository and OCI HelmRepository,
        and `http://` Bucket endpoints and HelmRepository URLs. Loopback hosts are exempt.
        """,
    rationale="""
        Flux applies what it fetches with cluster-wide rights. Without TLS, anyone on the path can
        replace the manifests, charts or images, or read the credentials sent with the request.
        """,
    fix="Use https:// or ssh:// (GitRepository) and registries with valid TLS.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 1m
          url: http://git.internal.example/acme/apps
          ref: {tag: v1.0.0}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 1m
          url: https://git.internal.example/acme/apps
          ref: {tag: v1.0.0}
        """,
    refs=("Kyverno flux/verify-flux-sources (partial)",),
)
def source_insecure_transport(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    what = resource.describe()
    if resource.kind in ("GitRepository", "HelmRepository") and _http(spec.get("url")):
        critical = resource.kind == "GitRepository" and spec.get("secretRef") is not None
        yield Violation(
            f"{what} is fetched over plaintext HTTP" + (" with credentials" if critical else ""),
            at=spec.get("url"),
            severity=Severity.CRITICAL if critical else None,
        )
    if resource.kind == "Bucket":
        for node in (spec.get("endpoint"), spec.at("sts.endpoint") if "sts" in spec else None):
            if isinstance(node, YScalar) and (node.text.lower().startswith("http://") and not is_loopback(node.text)):
                yield Violation(f"{what} uses the plaintext endpoint {node.text}", at=node)
    insecure = spec.get("insecure")
    oci_helm = resource.kind != "HelmRepository" or spec.text("type") == "oci"
    if is_true(insecure) and oci_helm:
        yield Violation(f"{what} skips TLS verification (insecure: true)", at=insecure)
