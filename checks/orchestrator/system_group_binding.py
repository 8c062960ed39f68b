"""ORC003 system-group-binding."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import BINDING_KINDS, judged, role_ref, subjects
from checks.orchestrator._scope import describe
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SYSTEM_SUBJECTS = {
    ("User", "system:anonymous"): "every unauthenticated request",
    ("Group", "system:unauthenticated"): "every unauthenticated request",
    ("Group", "system:authenticated"): "every user and ServiceAccount of the cluster",
    ("Group", "system:masters"): "a group that bypasses RBAC entirely",
}
_DISCOVERY_ROLES = frozenset({"system:discovery", "system:basic-user", "system:public-info-viewer"})


@Rule(
    id="ORC003",
    slug="system-group-binding",
    title="A binding grants permissions to anonymous, all-authenticated or system:masters subjects.",
    severity=Severity.CRITICAL,
    nist=("4.3.2",),
    target=Target.OBJECT,
    kinds=BINDING_KINDS,
    summary="""
        Reports each subject of a RoleBinding or ClusterRoleBinding that is User `system:anonymous`
        or Group `system:unauthenticated`, `system:authenticated` or `system:masters`, unless the
        binding's roleRef is one of the default discovery roles `system:discovery`,
        `system:basic-user` or `system:public-info-viewer`.
        """,
    rationale="""
        These subjects are not people: `system:anonymous`/`system:unauthenticated` is anyone who
        can reach the API server, `system:authenticated` is every identity including every pod's
        ServiceAccount, and members of `system:masters` skip authorization altogether.
        """,
    fix="Bind named users, groups or ServiceAccounts instead.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: metrics-readers
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: metrics-reader
        subjects:
          - kind: Group
            name: system:authenticated
            apiGroup: rbac.authorization.k8s.io
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: metrics-readers
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: metrics-reader
        subjects:
          - kind: Group
            name: sre
            apiGroup: rbac.authorization.k8s.io
        """,
    notes="""
        Kubernetes' own bindings of these groups (to the discovery roles) are named `system:*` and
        skipped through config `rbac_ignore`; the discovery-role exception also covers copies of them
        under other names.
        """,
    refs=(
        "Kubescape C-0262",
        "Kubescape C-0265",
        "Kubescape C-0246",
        "KSV122",
        "KSV-01011",
        "KSV123",
        "Kyverno restrict-binding-system-groups",
    ),
)
def system_group_binding(binding: Resource, ctx: Context) -> Iterator[Violation]:
    if not judged(binding, ctx):
        return
    ref = role_ref(binding)
    if ref is None or ref.name in _DISCOVERY_ROLES:
        return
    for subject in subjects(binding):
        who = _SYSTEM_SUBJECTS.get((subject.kind, subject.name))
        if who is not None:
            yield Violation(
                f'{describe(binding)} grants {ref.kind} "{ref.name}" to {subject.describe()}, which is {who}; '
                "bind named users, groups or ServiceAccounts instead",
                at=subject.node,
            )
