"""ARGO004 project-cluster-resources-too-broad."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import glob, maps, project_spec
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap

# (group, kind) pairs that amount to cluster admin.
_SENSITIVE = (
    ("rbac.authorization.k8s.io", "ClusterRole"),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
    ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
    ("apiextensions.k8s.io", "CustomResourceDefinition"),
    ("", "Namespace"),
)


def _matches(entry: YMap, group: str, kind: str) -> bool:
    return glob(entry.text("group") or "", group) and glob(entry.text("kind") or "", kind)


@Rule(
    id="ARGO004",
    slug="project-cluster-resources-too-broad",
    title="An AppProject may create cluster-scoped objects that amount to cluster admin.",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    summary="""
        Reports `clusterResourceWhitelist` entries that allow every cluster-scoped kind (`*`/`*`, critical),
        or — unless `clusterResourceBlacklist` cancels them — RBAC ClusterRoles and bindings, admission
        webhooks and policies, CustomResourceDefinitions, or Namespaces without a `name` restriction.
        Group and kind are matched with Argo CD's glob semantics.
        """,
    rationale="""
        Cluster-scoped RBAC, webhooks and CRDs give whoever controls the project's Applications power
        over every namespace: a ClusterRoleBinding to cluster-admin, a mutating webhook that rewrites
        other tenants' pods, or a CRD that replaces another team's API.
        """,
    fix="Whitelist only the cluster-scoped kinds the project needs; leave RBAC, webhooks and CRDs to a platform "
    "project.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          clusterResourceWhitelist:
            - group: rbac.authorization.k8s.io
              kind: ClusterRoleBinding
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          clusterResourceWhitelist:
            - group: storage.k8s.io
              kind: StorageClass
        """,
    refs=("argocd-lint AR012", "Kyverno argo/appproject-clusterresourceblacklist"),
)
def project_cluster_resources_too_broad(project: Resource, ctx: Context) -> Iterator[Violation]:
    if project.group != "argoproj.io":
        return
    spec = project_spec(project)
    whitelist = spec.seq("clusterResourceWhitelist")
    blacklist = maps(spec.get("clusterResourceBlacklist"))
    for entry in whitelist.maps() if whitelist is not None else ():
        if entry.text("group") == "*" and entry.text("kind") == "*":
            yield Violation(
                f"{project.describe()} may create every cluster-scoped kind (group '*', kind '*')",
                at=entry,
                severity=Severity.CRITICAL,
            )
            continue
        granted = [
            (group, kind)
            for group, kind in _SENSITIVE
            if _matches(entry, group, kind)
            and not any(_matches(b, group, kind) for b in blacklist)
            and not (kind == "Namespace" and entry.text("name"))
        ]
        if granted:
            names = ", ".join(f"{g or 'core'}/{k}" for g, k in granted)
            yield Violation(
                f"{project.describe()} may create {names}: cluster-admin-equivalent objects",
                at=entry,
                evidence=f"{entry.text('group')}/{entry.text('kind')}",
            )
