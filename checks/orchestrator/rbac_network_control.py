"""ORC011 rbac-network-control."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, WRITE_VERBS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_NETWORK = (
    Want(("",), ("services/status",), ("update", "patch")),
    Want(("networking.k8s.io",), ("networkpolicies",), WRITE_VERBS),
    Want(("",), ("endpoints",), WRITE_VERBS),
    Want(("discovery.k8s.io",), ("endpointslices",), WRITE_VERBS),
)


@Rule(
    id="ORC011",
    slug="rbac-network-control",
    title="An RBAC rule can rewire cluster networking.",
    severity=Severity.MEDIUM,
    nist=("4.3.3",),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants update or patch on
        `services/status`, or a write verb on `networkpolicies` (networking.k8s.io), `endpoints`
        (core) or `endpointslices` (discovery.k8s.io). One level lower when the entry is limited by
        `resourceNames`.
        """,
    rationale="""
        Setting a Service's `status.loadBalancer.ingress` redirects cluster traffic for that IP
        (CVE-2020-8554); writing Endpoints or EndpointSlices sends a Service's traffic anywhere, and
        writing NetworkPolicies removes the segmentation between workloads.
        """,
    fix="Keep network-policy and endpoint management with the platform controller.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: netops
          namespace: shop
        rules:
          - apiGroups: ["networking.k8s.io"]
            resources: ["networkpolicies"]
            verbs: ["get", "delete"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: netops
          namespace: shop
        rules:
          - apiGroups: ["networking.k8s.io"]
            resources: ["networkpolicies"]
            verbs: ["get", "list", "watch"]
        """,
    notes="""
        Checkov CKV2_K8S_4 judges bindings to ServiceAccounts or Nodes and only `services/status`
        (and it does not look at apiGroups); this rule judges every role and also endpoints,
        endpointslices and networkpolicies.
        """,
    refs=("CKV2_K8S_4", "KSV056"),
)
def rbac_network_control(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _NETWORK,
        "can rewire cluster networking",
        "leave Services' status, endpoints and network policies to the platform controller",
        Severity.MEDIUM,
    )
