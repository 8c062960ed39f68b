"""ARGO001 application-default-project."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YSeq


def hardened_default(project: Resource | None) -> bool:
    """An AppProject `default` that allows nothing (the built-in one allows everything)."""
    spec = project.root.map("spec") if project is not None else None
    if spec is None:
        return False
    for key in ("sourceRepos", "destinations", "clusterResourceWhitelist"):
        node = spec.get(key)
        if isinstance(node, YSeq) and len(node) > 0:
            return False
    blacklist = spec.seq("namespaceResourceBlacklist")
    return blacklist is not None and any(
        entry.text("group") == "*" and entry.text("kind") == "*" for entry in blacklist.maps()
    )


@Rule(
    id="ARGO001",
    slug="application-default-project",
    title="An Application uses the unrestricted `default` project.",
    severity=Severity.HIGH,
    nist=("4.3.1", "4.3.4"),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        Reports Applications (and ApplicationSet templates) whose `spec.project` is absent, empty or
        `default`, unless the repository defines AppProject `default` in the Argo CD namespace hardened to
        allow nothing (no sourceRepos, destinations or cluster resources, and every namespaced kind
        blacklisted).
        """,
    rationale="""
        The built-in `default` project accepts any repository, any destination cluster and namespace,
        and any cluster-scoped kind: an Application in it can deploy RBAC or webhooks anywhere. Projects
        are how Argo CD keeps one team's Applications inside that team's boundaries.
        """,
    fix="Create a scoped AppProject per team or environment and reference it from the Application.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: default
          source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.4.0}
          destination: {server: https://kubernetes.default.svc, namespace: web}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web-team
          source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.4.0}
          destination: {server: https://kubernetes.default.svc, namespace: web}
        """,
    refs=("argocd-lint AR002", "Kyverno argo/application-prevent-default-project"),
)
def application_default_project(resource: Resource, ctx: Context) -> Iterator[Violation]:
    default = ctx.gitops.projects.get("default")
    if (
        default is not None
        and (default.namespace or ctx.config.argocd_namespace) == ctx.config.argocd_namespace
        and hardened_default(default)
    ):
        return
    for app in apps_of(resource, ctx):
        project = app.project
        name = project.value if project is not None and isinstance(project.value, str) else ""
        if name in ("", "default"):
            where = project if project is not None else app.spec
            yield Violation(
                f"{app.describe()} uses the built-in default project (any repository, destination and "
                "cluster resource); reference a scoped AppProject",
                at=where,
            )
