"""FLUX016 image-automation-pushes-to-tracked-branch."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.gitops.urls import normalize_repo_url
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="FLUX016",
    slug="image-automation-pushes-to-tracked-branch",
    title="Flux image automation commits straight to the branch production deploys from.",
    severity=Severity.MEDIUM,
    nist=("4.4.5", "4.1.5"),
    target=Target.OBJECT,
    kinds=frozenset({"ImageUpdateAutomation"}),
    summary="""
        Reports ImageUpdateAutomations that push to a branch a production GitRepository follows:
        `spec.git.push.branch` equals it, or `push` is absent and the checkout branch (or the source's
        branch) is one.
        """,
    rationale="""
        Automation commits then reach production without a pull request: nobody reviews which image the
        bot chose, and a compromised registry tag deploys itself.
        """,
    fix="Push to a separate branch and merge through a reviewed pull request.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: prod, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
          ref: {branch: main}
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: {name: bump, namespace: flux-system}
        spec:
          sourceRef: {kind: GitRepository, name: prod}
          git:
            commit: {author: {name: bot, email: bot@acme.example}}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: prod, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
          ref: {branch: main}
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: {name: bump, namespace: flux-system}
        spec:
          sourceRef: {kind: GitRepository, name: prod}
          git:
            commit: {author: {name: bot, email: bot@acme.example}}
            push: {branch: image-updates}
        """,
)
def image_automation_pushes_to_tracked_branch(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    ref = spec.map("sourceRef")
    source = ctx.gitops.flux_find(
        "GitRepository",
        (ref.text("namespace") if ref else None) or resource.namespace,
        ref.text("name") if ref else None,
    )
    if source is None:
        return
    git = spec.map("git")
    target = (
        spec.text_at("git.push.branch")
        or spec.text_at("git.checkout.ref.branch")
        or source.root.text_at("spec.ref.branch")
        or "master"
    )
    url = normalize_repo_url(source.root.text_at("spec.url") or "")
    for repository in ctx.gitops.flux_objects("GitRepository"):
        same_repo = repository is source or normalize_repo_url(repository.root.text_at("spec.url") or "-") == url
        tracked = repository.root.text_at("spec.ref.branch") or (
            "master" if repository.root.at("spec.ref") is None else None
        )
        if same_repo and tracked == target and ctx.gitops.is_prod(repository):
            where = (git.get("push") if git is not None else None) or spec.get("git") or spec
            yield Violation(
                f"{resource.describe()} pushes to branch {target!r}, which production "
                f"{repository.describe()} deploys; push to another branch and merge by pull request",
                at=where,
            )
            return
