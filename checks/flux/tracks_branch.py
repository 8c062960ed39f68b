"""FLUX004 gitrepository-tracks-branch."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

PINNING_REFS = ("commit", "name", "semver", "tag")


@Rule(
    id="FLUX004",
    slug="gitrepository-tracks-branch",
    title="A production GitRepository follows a branch.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.4.5"),
    target=Target.OBJECT,
    kinds=frozenset({"GitRepository"}),
    summary="""
        For production GitRepositories: reports a `spec.ref` that is absent (Flux then follows `master`)
        or sets only `branch` (no `commit`, `name`, `semver` or `tag`).
        """,
    rationale="""
        Following a branch deploys every merge straight to production, and a force-push or compromised
        merge deploys itself. Tags or commits make each production change an explicit promotion.
        """,
    fix="Track signed tags or commits for prod (promote by pull request), or verify the branch head.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: prod-apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/apps
          ref: {branch: main}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: prod-apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/apps
          ref: {semver: ">=1.0.0"}
        """,
)
def gitrepository_tracks_branch(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource) or not ctx.gitops.is_prod(resource):
        return
    spec = spec_of(resource)
    ref = spec.map("ref")
    if ref is not None and any(key in ref for key in PINNING_REFS):
        return
    branch = ref.text("branch") if ref is not None else None
    shown = f"branch {branch!r}" if branch else "the default branch (master)"
    yield Violation(
        f"production {resource.describe()} follows {shown}; track a tag or commit",
        at=spec.get("ref") or spec.get("url") or spec,
    )
