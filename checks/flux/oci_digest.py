"""FLUX006 ocirepository-not-digest-pinned."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="FLUX006",
    slug="ocirepository-not-digest-pinned",
    title="An OCIRepository follows a mutable tag.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.1.5"),
    target=Target.OBJECT,
    kinds=frozenset({"OCIRepository"}),
    summary="Reports OCIRepositories without `spec.ref.digest` (no ref means `latest`; tags and semver move).",
    rationale="""
        A tag in a registry can be re-pushed: the artifact Flux applies can change without any change in
        this repository, and a compromised registry account changes production.
        """,
    fix="Pin `spec.ref.digest` (updated by automation).",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: manifests, namespace: flux-system}
        spec:
          url: oci://ghcr.io/acme/manifests
          ref: {tag: latest}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: manifests, namespace: flux-system}
        spec:
          url: oci://ghcr.io/acme/manifests
          ref: {digest: "sha256:6f1f2a7e42c1e2b1c3e62c2aa8fd2e1f5d8b3a0c7e9d1f2a3b4c5d6e7f8a9b0c"}
        """,
)
def ocirepository_not_digest_pinned(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = spec_of(resource)
    ref = spec.map("ref")
    if is_flux(resource) and (ref is None or "digest" not in ref):
        yield Violation(
            f"{resource.describe()} follows a mutable tag; pin spec.ref.digest",
            at=spec.get("ref") or spec.get("url") or spec,
        )
