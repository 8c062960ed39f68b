"""ORC006 rbac-exec-or-node-proxy."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_INTERACTIVE = (
    # get as well as create: the WebSocket upgrade of exec/attach/portforward is a GET.
    Want(("",), ("pods/exec", "pods/attach", "pods/portforward"), ("create", "get")),
    Want(("",), ("nodes/proxy",), ()),
)


@Rule(
    id="ORC006",
    slug="rbac-exec-or-node-proxy",
    title="An RBAC rule allows command execution in pods or proxying to kubelets.",
    severity=Severity.HIGH,
    nist=("4.3.1", "4.3.2", "4.5.4"),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants create or get on
        `pods/exec`, `pods/attach` or `pods/portforward`, or any verb on `nodes/proxy` (core group).
        `*`, `pods/*` and `*/exec` count. One level lower when the entry is limited by
        `resourceNames`.
        """,
    rationale="""
        exec and attach give a shell in a running container, with its ServiceAccount token, its
        Secrets and its network position. `nodes/proxy` reaches the kubelet API directly, which can
        exec into every pod on the node and bypasses audit logging of the API server.
        """,
    fix="Remove interactive access from standing roles; grant it just-in-time for debugging.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: debugger
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/exec"]
            verbs: ["get", "create"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: debugger
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/log"]
            verbs: ["get"]
        """,
    notes="""
        Judges every Role and ClusterRole, bound or not; Checkov CKV2_K8S_2 judges bindings to a
        ServiceAccount or Node and counts create only (also on `pods` and `nodes` themselves, which
        this rule leaves to ORC005). Any verb on `nodes/proxy` counts, as the catalogue says: the
        kubelet maps GET to its read endpoints too.
        """,
    refs=(
        "CKV2_K8S_2",
        "Polaris clusterrolePodExecAttach",
        "Polaris rolePodExecAttach",
        "Kubescape C-0002",
        "Kubescape C-0063",
        "Kubescape C-0279",
        "KSV053",
        "KSV054",
        "KSV047",
        "Kyverno restrict-clusterrole-nodesproxy",
    ),
)
def rbac_exec_or_node_proxy(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _INTERACTIVE,
        "allows command execution in pods or kubelet access",
        "grant interactive access just-in-time instead",
        Severity.HIGH,
    )
