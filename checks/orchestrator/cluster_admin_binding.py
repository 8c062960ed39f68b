"""ORC002 cluster-admin-binding."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import BINDING_KINDS, judged, rbac_index, reach, role_ref, subjects
from checks.orchestrator._scope import describe
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_BROAD_GROUPS = frozenset({"system:authenticated", "system:unauthenticated", "system:serviceaccounts"})


def _broad(kind: str, name: str) -> bool:
    if kind == "Group":
        return name in _BROAD_GROUPS or name.startswith("system:serviceaccounts:")
    return kind == "ServiceAccount" and name == "default"


def _admin_equivalent(binding: Resource, ctx: Context) -> str | None:
    """How the bound role amounts to cluster-admin, or None."""
    ref = role_ref(binding)
    if ref is None:
        return None
    if ref.kind == "ClusterRole" and ref.name == "cluster-admin":
        return 'ClusterRole "cluster-admin"'
    role = rbac_index(ctx).bound_role(binding)
    if role is None:
        return None
    held = next((h for h in reach(role, ctx) if h.entry.grants_everything()), None)
    if held is None:
        return None
    assumed = ""
    if role.kind == "Role" and not (role.effective_namespace and binding.effective_namespace):
        assumed = " (the Role deployed alongside it, as the namespace is not known)"
    return f"{describe(role)}{assumed}, which grants every verb on every resource{held.through()} like cluster-admin,"


@Rule(
    id="ORC002",
    slug="cluster-admin-binding",
    title="A subject is bound to cluster-admin (or an equivalent role).",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=BINDING_KINDS,
    summary="""
        Reports a RoleBinding or ClusterRoleBinding whose `roleRef` is the ClusterRole
        `cluster-admin`, or a Role/ClusterRole of the repository (in the binding's cluster) that
        grants `*` verbs on `*` resources in `*` apiGroups (its own rules or those it aggregates),
        when at least one subject
        is not in config `cluster_admin_subject_allowlist`. Critical when a subject is one of the
        groups `system:authenticated`, `system:unauthenticated`, `system:serviceaccounts`,
        `system:serviceaccounts:<ns>`, or a ServiceAccount named `default`.
        """,
    rationale="""
        cluster-admin can read every Secret, run any pod on any node and rewrite RBAC itself: one
        stolen token of a bound subject is the whole cluster. Bound to a broad group or to a
        namespace's `default` ServiceAccount, it is handed to every pod or every user.
        """,
    fix="Bind a least-privilege role; keep cluster-admin for break-glass identities on the allowlist.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ci-admin
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cluster-admin
        subjects:
          - kind: ServiceAccount
            name: deployer
            namespace: ci
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: ci-deployer
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: edit
        subjects:
          - kind: ServiceAccount
            name: deployer
            namespace: ci
        """,
    notes="""
        A RoleBinding to cluster-admin is reported too (it is namespace admin including RBAC and
        Secrets), as Polaris rolebindingClusterAdminClusterRole does; kube-linter
        cluster-admin-role-binding looks at ClusterRoleBindings only. Beyond the catalogue's
        "another ClusterRole", a RoleBinding to a Role of the repository that grants `*` on `*` in
        `*` is reported as well: within its namespace it is the same grant. Allowlist entries are
        globs matched against the subject's name, `Kind:name`, and for a ServiceAccount
        `system:serviceaccount:<namespace>:<name>`. Bindings named like config `rbac_ignore`
        (default `system:*`) are skipped.
        """,
    refs=(
        "kube-linter cluster-admin-role-binding",
        "Polaris clusterrolebindingClusterAdmin",
        "Polaris rolebindingClusterAdminClusterRole",
        "Polaris rolebindingClusterAdminRole",
        "Kubescape C-0035",
        "Kubescape C-0185",
        "KSV111",
        "Kyverno restrict-binding-clusteradmin",
    ),
)
def cluster_admin_binding(binding: Resource, ctx: Context) -> Iterator[Violation]:
    if not judged(binding, ctx):
        return
    ref = role_ref(binding)
    granted = _admin_equivalent(binding, ctx)
    if ref is None or granted is None:
        return
    allowlist = ctx.config.cluster_admin_subject_allowlist
    outside = [s for s in subjects(binding) if not s.listed_in(allowlist)]
    if not outside:
        return
    broad = any(_broad(s.kind, s.name) for s in outside)
    yield Violation(
        f"{describe(binding)} binds {granted} to {', '.join(s.describe() for s in outside)}; "
        "bind a least-privilege role, or add break-glass identities to cluster_admin_subject_allowlist",
        at=ref.node,
        severity=Severity.CRITICAL if broad else None,
    )
