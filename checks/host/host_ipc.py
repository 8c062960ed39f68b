"""HOST002 host-ipc."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST002",
    slug="host-ipc",
    title="The pod shares the host's IPC namespace.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.POD_SPEC,
    summary="Reports pods with `hostIPC: true`.",
    rationale="""
        In the host's IPC namespace a container can read and write the shared memory segments,
        semaphores and message queues of every process on the node, including other pods'
        databases and caches that keep data in shared memory.
        """,
    fix="Remove `hostIPC: true`.",
    bad="""
        spec:
          hostIPC: true
          containers:
            - name: cache
              image: ghcr.io/acme/cache:5.0.3
        """,
    good="""
        spec:
          containers:
            - name: cache
              image: ghcr.io/acme/cache:5.0.3
        """,
    notes="Same verdict as Checkov CKV_K8S_18 and kube-linter host-ipc.",
    refs=(
        "CKV_K8S_18",
        "CKV_K8S_3",
        "KSV008",
        "kube-linter host-ipc",
        "Polaris hostIPCSet",
        "Kubescape C-0038",
        "Kyverno disallow-host-namespaces",
        "PSS baseline: Host Namespaces",
        "CIS Docker 5.17",
    ),
)
def host_ipc(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    node = pod.node.get("hostIPC")
    if is_true(node):
        yield Violation(f"{pod.describe()} shares the host IPC namespace (hostIPC: true); remove it", at=node)
