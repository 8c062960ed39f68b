"""ARGO012 repository-not-allowlisted."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of, project_spec, texts
from linter.context import Context
from linter.gitops.urls import covered_by
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


def _pattern_prefix(pattern: str) -> str:
    """The literal part of a `sourceRepos` glob, up to the last `/` before its first wildcard."""
    cut = min((pattern.find(c) for c in "*?[" if c in pattern), default=len(pattern))
    head = pattern[:cut]
    return head if cut == len(pattern) else head.rsplit("/", 1)[0]


@Rule(
    id="ARGO012",
    slug="repository-not-allowlisted",
    title="An Argo CD source or project points at a repository outside the allowlist.",
    severity=Severity.MEDIUM,
    nist=("4.1.5",),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet", "AppProject"}),
    summary="""
        Active when config `trusted_git_sources` lists repository URL prefixes: reports Application and
        ApplicationSet source `repoURL`s, and AppProject `sourceRepos` entries, that no prefix covers (URLs
        are compared normalised, on path boundaries; a glob is judged by its literal prefix).
        """,
    rationale="""
        An allowlist keeps deploys to repositories the organisation controls and reviews; third-party
        charts and manifests should be mirrored and reviewed before they reach a cluster.
        """,
    fix="Use approved repositories (mirror third-party charts) or extend `trusted_git_sources`.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: tool
          namespace: argocd
        spec:
          project: platform
          source: {repoURL: https://github.com/someone-else/charts, path: tool, targetRevision: v1.0.0}
          destination: {server: https://kubernetes.default.svc, namespace: tool}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: tool
          namespace: argocd
        spec:
          project: platform
          source: {repoURL: https://github.com/acme/mirrored-charts, path: tool, targetRevision: v1.0.0}
          destination: {server: https://kubernetes.default.svc, namespace: tool}
        """,
    notes="The examples assume `trusted_git_sources: [https://github.com/acme]`.",
    example_config=(("trusted_git_sources", ["https://github.com/acme"]),),
    refs=("argocd-lint AR013 (domain allowlist)",),
)
def repository_not_allowlisted(resource: Resource, ctx: Context) -> Iterator[Violation]:
    trusted = ctx.config.trusted_git_sources
    if not trusted:
        return
    if resource.kind == "AppProject":
        for text, node in texts(project_spec(resource).get("sourceRepos")):
            if text.startswith("!") or text in ("*", "**"):
                continue  # ARGO002 reports the wildcards
            if not covered_by(_pattern_prefix(text), trusted):
                yield Violation(f"{resource.describe()} accepts {text}, outside trusted_git_sources", at=node)
        return
    for app in apps_of(resource, ctx):
        for source in app.sources:
            url = source.scalar("repoURL")
            if url is not None and "{{" not in url.text and not covered_by(url.text, trusted):
                yield Violation(f"{app.describe()} deploys from {url.text}, outside trusted_git_sources", at=url)
