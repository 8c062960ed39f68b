"""FLUX007 oci-artifact-not-verified."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, resolve, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YSeq


def _judge(resource: Resource, holder: YMap, what: str, prod: bool) -> Iterator[Violation]:
    verify = holder.map("verify")
    if verify is None:
        yield Violation(
            f"{what} is applied without signature verification; add verify (cosign or notation)",
            at=holder,
            severity=Severity.MEDIUM if prod else None,
        )
        return
    identities = verify.get("matchOIDCIdentity")
    keyless = verify.text("provider") in (None, "cosign") and verify.get("secretRef") is None
    if keyless and not (isinstance(identities, YSeq) and len(identities) > 0):
        yield Violation(
            f"{what} accepts any keyless cosign signature; constrain matchOIDCIdentity",
            at=verify,
            severity=Severity.HIGH,
        )


@Rule(
    id="FLUX007",
    slug="oci-artifact-not-verified",
    title="An OCI artifact or OCI chart is applied without signature verification.",
    severity=Severity.LOW,
    nist=("4.1.5",),
    target=Target.OBJECT,
    kinds=frozenset({"OCIRepository", "HelmRelease", "HelmChart"}),
    summary="""
        Reports OCIRepositories without `spec.verify`, and HelmReleases (`spec.chart.spec`) or HelmCharts
        whose source is an OCI HelmRepository without `verify` (medium for production objects). Reported
        as high when keyless cosign verification has no `matchOIDCIdentity`, so any signer passes.
        """,
    rationale="""
        Signature verification is what proves an artifact came from your pipeline. Without it, or with
        keyless verification that accepts any identity, a registry compromise deploys attacker content.
        """,
    fix="Add `verify` (cosign or notation) with keys or `matchOIDCIdentity` issuer/subject constraints.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: manifests, namespace: flux-system}
        spec:
          url: oci://ghcr.io/acme/manifests
          ref: {digest: "sha256:6f1f2a7e42c1e2b1c3e62c2aa8fd2e1f5d8b3a0c7e9d1f2a3b4c5d6e7f8a9b0c"}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: manifests, namespace: flux-system}
        spec:
          url: oci://ghcr.io/acme/manifests
          ref: {digest: "sha256:6f1f2a7e42c1e2b1c3e62c2aa8fd2e1f5d8b3a0c7e9d1f2a3b4c5d6e7f8a9b0c"}
          verify:
            provider: cosign
            matchOIDCIdentity:
              - issuer: "^https://token.actions.githubusercontent.com$"
                subject: "^https://github.com/acme/manifests/.*$"
        """,
)
def oci_artifact_not_verified(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    prod = ctx.gitops.is_prod(resource)
    spec = spec_of(resource)
    if resource.kind == "OCIRepository":
        yield from _judge(resource, spec, resource.describe(), prod)
        return
    chart = spec.at("chart.spec") if resource.kind == "HelmRelease" else spec
    ref = chart.map("sourceRef") if isinstance(chart, YMap) else None
    source = resolve(ctx, resource, ref) if ref is not None and ref.text("kind") == "HelmRepository" else None
    if isinstance(chart, YMap) and source is not None and spec_of(source).text("type") == "oci":
        yield from _judge(resource, chart, f"{resource.describe()} OCI chart", prod)
