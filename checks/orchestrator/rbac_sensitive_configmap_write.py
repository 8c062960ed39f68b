"""ORC012 rbac-sensitive-configmap-write."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, WRITE_VERBS, Reach, Want, ignored, judged, rbac_index, reach
from checks.orchestrator._scope import source_name
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_WRITE_CONFIGMAPS = (Want(("",), ("configmaps",), WRITE_VERBS),)
_KUBE_SYSTEM = "kube-system"
# Cluster-critical ConfigMaps, by the namespace they live in (None: config `argocd_namespace`).
_SENSITIVE: dict[str, str | None] = {
    "aws-auth": _KUBE_SYSTEM,
    "coredns": _KUBE_SYSTEM,
    "kube-proxy": _KUBE_SYSTEM,
    "kubeadm-config": _KUBE_SYSTEM,
    "argocd-cm": None,
    "argocd-rbac-cm": None,
}


def _kube_system_reach(role: Resource, ctx: Context) -> str | None:
    """How the role's grants apply in kube-system, or None."""
    if role.kind == "Role":
        return "in namespace kube-system" if role.effective_namespace == _KUBE_SYSTEM else None
    bindings = [b for b in rbac_index(ctx).bindings_of(role) if not ignored(b, ctx)]
    cluster_wide = sorted(source_name(b) for b in bindings if b.kind == "ClusterRoleBinding")
    if cluster_wide:
        return f'cluster-wide through ClusterRoleBinding "{cluster_wide[0]}"'
    in_system = sorted(source_name(b) for b in bindings if b.effective_namespace == _KUBE_SYSTEM)
    return f'in kube-system through RoleBinding "{in_system[0]}"' if in_system else None


def _named_targets(role: Resource, held: Reach, ctx: Context) -> list[str]:
    """The cluster-critical ConfigMaps among the entry's resourceNames that the role can reach: a
    namespaced Role only reaches those of its own namespace (or any, when its namespace is unknown)."""
    found = []
    for name in held.entry.resource_names:
        if name not in _SENSITIVE:
            continue
        home = _SENSITIVE[name] or ctx.config.argocd_namespace
        if role.kind != "Role" or role.effective_namespace in (None, home):
            found.append(name)
    return found


def _manages_aws_auth(ctx: Context) -> bool:
    def find() -> bool:
        return any(
            r.kind == "ConfigMap"
            and r.group == ""
            and r.name == "aws-auth"
            and r.effective_namespace in (None, _KUBE_SYSTEM)
            for r in ctx.repo.resources
        )

    return ctx.shared("orc.manages-aws-auth", find)


@Rule(
    id="ORC012",
    slug="rbac-sensitive-configmap-write",
    title="An RBAC rule can modify cluster-critical ConfigMaps.",
    severity=Severity.MEDIUM,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry that grants a write verb on `configmaps` (a) in kube-system: a
        Role of that namespace, or a ClusterRole bound there by a RoleBinding or cluster-wide by a
        ClusterRoleBinding (bindings of the repository); or (b) whose `resourceNames` name
        `aws-auth`, `coredns`, `kube-proxy`, `kubeadm-config`, `argocd-cm` or `argocd-rbac-cm`.
        Critical when `aws-auth` is writable: named in resourceNames, or every kube-system
        ConfigMap is writable and the repository manages an `aws-auth` ConfigMap.
        """,
    rationale="""
        `aws-auth` maps IAM identities to Kubernetes groups (system:masters included), CoreDNS and
        kube-proxy ConfigMaps steer every service lookup and packet, and `argocd-cm` /
        `argocd-rbac-cm` decide who may deploy what. Writing any of them is a cluster takeover.
        """,
    fix="Limit kube-system ConfigMap writes to the platform controller.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: dns-tuner
          namespace: kube-system
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "update"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: dns-tuner
          namespace: kube-system
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "list", "watch"]
        """,
    notes="""
        "aws-auth is writable" (critical) is read as: named in resourceNames, or all kube-system
        ConfigMaps writable while the repository manages an `aws-auth` ConfigMap (so the cluster is
        an EKS cluster using it); elsewhere kube-system writes stay medium. A namespaced Role whose
        resourceNames name one of these ConfigMaps is reported only when its namespace is the
        ConfigMap's (kube-system, or config `argocd_namespace` for the Argo CD ones) or unknown: a
        Role elsewhere cannot reach them. An entry limited to other resourceNames in kube-system is
        reported one level lower. A ClusterRole bound only by bindings outside the repository is not
        known to reach kube-system and is not reported under (a).
        """,
    refs=("Kubescape C-0037", "KSV049", "KSV115"),
)
def rbac_sensitive_configmap_write(role: Resource, ctx: Context) -> Iterator[Violation]:
    if not judged(role, ctx):
        return
    where = _kube_system_reach(role, ctx)
    for held in reach(role, ctx):
        grant = held.entry.first_grant(_WRITE_CONFIGMAPS)
        if grant is None:
            continue
        named = _named_targets(role, held, ctx)
        if named:
            severity = Severity.CRITICAL if "aws-auth" in named else Severity.MEDIUM
            what = f"can modify the cluster-critical ConfigMap(s) {', '.join(named)}"
        elif where is None:
            continue
        elif held.entry.resource_names:
            severity, what = Severity.LOW, f"can modify named ConfigMaps {where}"
        else:
            severity = Severity.CRITICAL if _manages_aws_auth(ctx) else Severity.MEDIUM
            what = f"can modify every ConfigMap {where}" + (", aws-auth included" if _manages_aws_auth(ctx) else "")
        yield held.violation(
            what,
            grant,
            "limit kube-system ConfigMap writes to the platform controller",
            at=grant.resource_node,
            severity=severity,
        )
