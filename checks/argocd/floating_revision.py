"""ARGO008 application-floating-revision."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.argocd._argo import apps_of, is_git_source
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.versions import is_commit_sha


@Rule(
    id="ARGO008",
    slug="application-floating-revision",
    title="A production Application tracks a branch or HEAD instead of a pinned revision.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.4.5"),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        For production Applications (and ApplicationSet templates): reports Git sources whose
        `targetRevision` is absent, empty, `HEAD`, or a branch — a branch of this repository when the
        source is this repository, or any name matching config `branch_patterns`. Commit SHAs and other
        names (taken to be tags) are fine.
        """,
    rationale="""
        A branch moves: production then runs whatever was last merged, without a deliberate promotion,
        and a force-push or a compromised merge deploys itself. Pinning prod to a commit or signed tag
        makes every production change a reviewed pull request.
        """,
    fix="Pin prod to a commit SHA or a signed release tag, promoted by pull request.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web-prod
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://github.com/acme/gitops, path: apps/web/prod, targetRevision: main}
          destination: {server: https://kubernetes.default.svc, namespace: web-prod}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web-prod
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://github.com/acme/gitops, path: apps/web/prod, targetRevision: v2026.11.3}
          destination: {server: https://kubernetes.default.svc, namespace: web-prod}
        """,
    refs=("argocd-lint AR001", "argocd-source-lint floating-target-revision"),
)
def application_floating_revision(resource: Resource, ctx: Context) -> Iterator[Violation]:
    patterns = [re.compile(p) for p in ctx.config.branch_patterns]
    for app in apps_of(resource, ctx):
        if not ctx.gitops.app_is_prod(app):
            continue
        for source in app.sources:
            if not is_git_source(source):
                continue
            revision = source.scalar("targetRevision")
            text = revision.text if revision is not None and revision.value is not None else ""
            if is_commit_sha(text):
                continue
            this_repo = ctx.gitops.is_this_repo(source.text("repoURL"))
            branch = (this_repo and text in ctx.gitops.branches) or any(p.search(text) for p in patterns)
            if text in ("", "HEAD") or branch:
                shown = f"branch {text!r}" if text and text != "HEAD" else "HEAD"
                yield Violation(
                    f"production {app.describe()} tracks {shown}; pin a commit SHA or a signed tag",
                    at=revision if revision is not None else source.get("repoURL") or source,
                )
