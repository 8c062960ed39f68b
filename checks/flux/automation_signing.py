"""FLUX017 image-automation-unsigned-commits."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="FLUX017",
    slug="image-automation-unsigned-commits",
    title="Flux image automation commits unsigned to a repository that requires signatures.",
    severity=Severity.HIGH,
    nist=("4.1.5",),
    target=Target.OBJECT,
    kinds=frozenset({"ImageUpdateAutomation"}),
    summary="""
        Reports ImageUpdateAutomations without `spec.git.commit.signingKey.secretRef` whose target
        repository is verified by a GitRepository `spec.verify` (or an Argo CD project's source
        integrity).
        """,
    rationale="""
        Unsigned bot commits fail verification and stop deploys — which pressures teams to switch
        verification off for everyone. The automation's key belongs in the trusted set like any author's.
        """,
    fix="Configure a signing key for the automation and add it to the trusted keys.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
          ref: {branch: main}
          verify: {mode: HEAD, secretRef: {name: trusted-keys}}
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: {name: bump, namespace: flux-system}
        spec:
          sourceRef: {kind: GitRepository, name: apps}
          git:
            commit: {author: {name: bot, email: bot@acme.example}}
            push: {branch: image-updates}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
          ref: {branch: main}
          verify: {mode: HEAD, secretRef: {name: trusted-keys}}
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: {name: bump, namespace: flux-system}
        spec:
          sourceRef: {kind: GitRepository, name: apps}
          git:
            commit:
              author: {name: bot, email: bot@acme.example}
              signingKey: {secretRef: {name: bot-signing-key}}
            push: {branch: image-updates}
        """,
)
def image_automation_unsigned_commits(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    key = spec.at("git.commit.signingKey.secretRef")
    if key is not None:
        return
    ref = spec.map("sourceRef")
    source = ctx.gitops.flux_find(
        "GitRepository",
        (ref.text("namespace") if ref else None) or resource.namespace,
        ref.text("name") if ref else None,
    )
    url = source.root.at("spec.url") if source is not None else None
    verified = source is not None and source.root.at("spec.verify") is not None
    if not verified and isinstance(url, YScalar):
        verified = any(
            p.root.at("spec.sourceIntegrity") is not None or p.root.at("spec.signatureKeys") is not None
            for p in ctx.gitops.projects.values()
        ) and ctx.gitops.is_this_repo(url.text)
    if verified:
        yield Violation(
            f"{resource.describe()} commits unsigned to a repository whose commits are verified; add "
            "git.commit.signingKey",
            at=spec.at("git.commit") or spec.get("git") or spec,
        )
