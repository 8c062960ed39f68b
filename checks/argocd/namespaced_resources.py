"""ARGO005 project-namespaced-resources-unrestricted."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import glob, project_spec
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

# Kinds a tenant must not manage: they are how the platform isolates namespaces.
_ISOLATION = (
    ("", "ResourceQuota"),
    ("", "LimitRange"),
    ("networking.k8s.io", "NetworkPolicy"),
    ("argoproj.io", "Application"),
)


@Rule(
    id="ARGO005",
    slug="project-namespaced-resources-unrestricted",
    title="A tenant AppProject may change namespace isolation objects.",
    severity=Severity.MEDIUM,
    nist=("4.3.4", "4.3.3"),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    default=False,
    summary="""
        Reports AppProjects without a `namespaceResourceWhitelist` whose `namespaceResourceBlacklist`
        does not deny all of ResourceQuota, LimitRange, NetworkPolicy and `argoproj.io` kinds. Off by
        default: platform projects legitimately manage these kinds; enable it for tenant projects.
        """,
    rationale="""
        Quotas, limit ranges and network policies are how a namespace is kept from starving or reaching
        its neighbours; Argo CD objects in a tenant namespace can widen what the tenant deploys. A tenant
        that can delete or rewrite them removes its own isolation.
        """,
    fix="Blacklist ResourceQuota, LimitRange, NetworkPolicy and argoproj.io kinds (or use a whitelist) in tenant "
    "projects.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: tenant-a
          namespace: argocd
        spec:
          sourceRepos: ["https://github.com/acme/tenant-a"]
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: tenant-a
          namespace: argocd
        spec:
          sourceRepos: ["https://github.com/acme/tenant-a"]
          namespaceResourceBlacklist:
            - {group: "", kind: ResourceQuota}
            - {group: "", kind: LimitRange}
            - {group: networking.k8s.io, kind: NetworkPolicy}
            - {group: argoproj.io, kind: "*"}
        """,
)
def project_namespaced_resources_unrestricted(project: Resource, ctx: Context) -> Iterator[Violation]:
    spec = project_spec(project)
    if project.group != "argoproj.io" or spec.get("namespaceResourceWhitelist") is not None:
        return
    blacklist = spec.seq("namespaceResourceBlacklist")
    entries = list(blacklist.maps()) if blacklist is not None else []
    missing = [
        kind
        for group, kind in _ISOLATION
        if not any(glob(e.text("group") or "", group) and glob(e.text("kind") or "", kind) for e in entries)
    ]
    if missing:
        where = spec.get("namespaceResourceBlacklist") or spec
        shown = ", ".join("argoproj.io/*" if k == "Application" else k for k in missing)
        yield Violation(
            f"{project.describe()} lets its Applications manage {shown}; blacklist them for tenants", at=where
        )
