"""CTR001 privileged-container."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR001",
    slug="privileged-container",
    title="A container runs privileged.",
    severity=Severity.CRITICAL,
    nist=("4.4.3", "4.5.5"),
    target=Target.POD_SPEC,
    summary="""
        Reports every container (including init and ephemeral containers) whose
        `securityContext.privileged` is true, on Linux and Windows pods.
        """,
    rationale="""
        A privileged container has every capability and every host device, and no seccomp or
        AppArmor confinement: root in it is root on the node. One compromised process can read other
        pods' secrets, load kernel modules and take over the host.
        """,
    fix="Remove `privileged: true`; grant only the specific capability or device the workload needs.",
    bad="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            securityContext:
              privileged: true
        """,
    good="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            securityContext:
              privileged: false
              capabilities:
                drop: ["ALL"]
        """,
    refs=(
        "CKV_K8S_16",
        "KSV017",
        "kube-linter privileged-container",
        "Polaris runAsPrivileged",
        "PSS baseline: Privileged Containers",
        "CIS Docker 5.5",
    ),
)
def privileged_container(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for container in pod.containers():
        node = container.sc_field("privileged")
        if is_true(node):
            # about the container: rules that give way to CTR001 judge other keys of it
            yield Violation(
                f"{container.describe()} sets securityContext.privileged: true", at=node, about=container.path
            )
