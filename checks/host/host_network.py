"""HOST003 host-network."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST003",
    slug="host-network",
    title="The pod uses the host's network namespace.",
    severity=Severity.HIGH,
    nist=("4.3.3", "4.4.2", "4.5.2"),
    target=Target.POD_SPEC,
    summary="Reports pods with `hostNetwork: true`.",
    rationale="""
        A pod on the host network is outside every NetworkPolicy, can bind any node port, sniff
        node traffic with NET_RAW, and reach services that listen only on the node's loopback
        (the kubelet's read-only port, node-local agents, cloud metadata proxies).
        """,
    fix="Remove `hostNetwork: true`; expose the pod through a Service.",
    bad="""
        spec:
          hostNetwork: true
          containers:
            - name: web
              image: ghcr.io/acme/web:4.1.0
        """,
    good="""
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/web:4.1.0
              ports:
                - containerPort: 8080
        """,
    notes="Same verdict as Checkov CKV_K8S_19 and kube-linter host-network.",
    refs=(
        "CKV_K8S_19",
        "CKV_K8S_4",
        "KSV009",
        "kube-linter host-network",
        "Polaris hostNetworkSet",
        "Kubescape C-0041",
        "Kyverno disallow-host-namespaces",
        "PSS baseline: Host Namespaces",
        "CIS Docker 5.10",
    ),
)
def host_network(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    node = pod.node.get("hostNetwork")
    if is_true(node):
        yield Violation(
            f"{pod.describe()} uses the host network namespace (hostNetwork: true); remove it and use a Service",
            at=node,
        )
