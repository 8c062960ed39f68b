"""FLUX005 gitrepository-verification-missing."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="FLUX005",
    slug="gitrepository-verification-missing",
    title="A GitRepository applies commits without signature verification.",
    severity=Severity.LOW,
    nist=("4.1.5",),
    target=Target.OBJECT,
    kinds=frozenset({"GitRepository"}),
    summary="""
        Reports GitRepositories without `spec.verify` (medium for production ones), and `verify.mode`
        that does not fit the ref: `HEAD` while the ref selects a `tag` or `semver` (the tag object is not
        verified), or `Tag`/`TagAndHEAD` without a tag or semver ref.
        """,
    rationale="""
        Without verification, any commit that reaches the tracked ref is applied — a compromised account
        or CI token can deploy to the cluster. Verification ties deploys to trusted signing keys.
        """,
    fix="Add `spec.verify` with mode HEAD/Tag/TagAndHEAD matching the ref and a Secret of trusted PGP/SSH keys.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/apps
          ref: {tag: v1.2.0}
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          url: https://github.com/acme/apps
          ref: {tag: v1.2.0}
          verify:
            mode: TagAndHEAD
            secretRef: {name: trusted-keys}
        """,
    notes="""
        The catalogue's short table calls a missing `verify` medium; its normative condition reports it
        at the rule's default (low), medium for production objects. This rule follows the condition.
        """,
)
def gitrepository_verification_missing(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    verify = spec.map("verify")
    if verify is None:
        yield Violation(
            f"{resource.describe()} applies commits without signature verification; add spec.verify",
            at=spec,
            severity=Severity.MEDIUM if ctx.gitops.is_prod(resource) else None,
        )
        return
    mode = verify.scalar("mode")
    ref = spec.map("ref")
    by_tag = ref is not None and ("tag" in ref or "semver" in ref)
    text = (mode.text if mode is not None else "HEAD").lower()
    if text == "head" and by_tag:
        yield Violation(
            f"{resource.describe()} verifies only the commit while it follows tags; use mode TagAndHEAD",
            at=mode or verify,
        )
    elif text in ("tag", "tagandhead") and not by_tag:
        yield Violation(f"{resource.describe()} verifies tags but follows no tag or semver ref", at=mode or verify)
