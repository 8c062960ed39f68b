"""ORC007 rbac-escalation-verbs."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import RBAC_GROUP, ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_ESCALATION = (
    Want((RBAC_GROUP,), ("roles", "clusterroles"), ("bind", "escalate")),
    Want(("",), ("users", "groups", "serviceaccounts"), ("impersonate",)),
    Want(("authentication.k8s.io",), ("uids", "userextras/*"), ("impersonate",)),
    # Writing roles or bindings is bounded by the API server's escalation check (one can only
    # grant what one holds), hence the lower severity of this sub-case.
    Want(
        (RBAC_GROUP,),
        ("rolebindings", "clusterrolebindings", "roles", "clusterroles"),
        ("create", "update", "patch"),
        Severity.MEDIUM,
    ),
)


@Rule(
    id="ORC007",
    slug="rbac-escalation-verbs",
    title="An RBAC rule allows privilege escalation through bind, escalate, impersonate or binding writes.",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants `bind` or `escalate` on
        roles/clusterroles, `impersonate` on users, groups, serviceaccounts, uids or `userextras/*`,
        or (medium) create, update or patch on roles, clusterroles, rolebindings or
        clusterrolebindings. Points at the verb. One level lower when the entry is limited by
        `resourceNames`.
        """,
    rationale="""
        `escalate` lifts the API server's rule that one can only grant permissions one holds,
        `bind` lets a subject bind roles more powerful than its own, and `impersonate` makes it act
        as any user, group or ServiceAccount. Writing roles and bindings is the step before.
        """,
    fix="Remove these verbs; let only the GitOps controller manage RBAC objects.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: team-admin
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs: ["get", "bind", "escalate"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: team-admin
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs: ["get", "list", "watch"]
        """,
    notes="""
        Checkov CKV_K8S_157 and CKV2_K8S_1 look for `bind` on rolebindings/clusterrolebindings,
        which the API server never checks (`bind` is checked on the role being bound); this rule
        follows the catalogue and Kubernetes and reports `bind` on roles/clusterroles, so a role
        granting `bind` only on bindings passes here (one that also writes bindings is reported,
        as medium). CKV_K8S_158 (`escalate` on roles) and CKV2_K8S_3
        (`impersonate`) match, except that CKV2_K8S_3 judges bindings to ServiceAccounts or Nodes
        where this rule judges every role, and that it ignores uids/userextras.
        """,
    refs=(
        "CKV_K8S_157",
        "CKV_K8S_158",
        "CKV2_K8S_1",
        "CKV2_K8S_3",
        "Kubescape C-0191",
        "Kubescape C-0065",
        "KSV043",
        "KSV050",
        "KSV051",
        "KSV052",
        "KSV055",
        "Kyverno restrict-escalation-verbs-roles",
    ),
)
def rbac_escalation_verbs(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _ESCALATION,
        "allows privilege escalation",
        "remove the verb and leave RBAC changes to the GitOps controller",
        Severity.HIGH,
        point_at_verb=True,
    )
