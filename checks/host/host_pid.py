"""HOST001 host-pid."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST001",
    slug="host-pid",
    title="The pod shares the host's PID namespace.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.POD_SPEC,
    summary="Reports pods with `hostPID: true`.",
    rationale="""
        With the host's PID namespace a container sees every process on the node, can read their
        environment (often full of credentials) through /proc, and with enough privilege can signal
        or ptrace them, or enter the host's namespaces with `nsenter -t 1`.
        """,
    fix="Remove `hostPID: true`.",
    bad="""
        spec:
          hostPID: true
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    good="""
        spec:
          containers:
            - name: node-exporter
              image: quay.io/prometheus/node-exporter:v1.8.2
        """,
    refs=(
        "CKV_K8S_17",
        "KSV010",
        "kube-linter host-pid",
        "Polaris hostPIDSet",
        "PSS baseline: Host Namespaces",
        "CIS Docker 5.16",
    ),
)
def host_pid(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    node = pod.node.get("hostPID")
    if is_true(node):
        yield Violation(f"{pod.describe()} shares the host PID namespace (hostPID: true)", at=node)
