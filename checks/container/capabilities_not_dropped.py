"""CTR007 capabilities-not-dropped."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import capabilities, sc_location
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR007",
    slug="capabilities-not-dropped",
    title="A container does not drop all Linux capabilities.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports containers of Linux pods whose `securityContext.capabilities.drop` does not contain
        the exact string `ALL`. Privileged containers are left to CTR001.
        """,
    rationale="""
        Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID,
        SETGID, NET_RAW, ...). Most applications need none of them, and each one widens what an
        attacker can do after a compromise, such as crafting raw packets or changing file ownership.
        """,
    fix='Set `capabilities: {drop: ["ALL"]}` and add back only NET_BIND_SERVICE if needed.',
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["NET_RAW"]
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["ALL"]
        """,
    notes="""
        Pod Security Standards "restricted" compare exactly: `all` or `CAP_ALL` do not count, while
        Checkov CKV_K8S_37 accepts any entry containing `ALL` or `all`. Windows pods are exempt.
        CKV_K8S_36 judges PodSecurityPolicy objects (removed in Kubernetes 1.25), not pods.
        """,
    refs=(
        "CKV_K8S_37",
        "CKV_K8S_36",
        "KSV003",
        "KSV004",
        "Polaris linuxHardening",
        "Kubescape C-0055",
        "Kyverno require-drop-all",
        "PSS restricted: Capabilities",
    ),
    superseded_by=("CTR001",),
)
def capabilities_not_dropped(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux:
        return
    for container in pod.containers():
        if any(name == "ALL" for name, _ in capabilities(container, "drop")):
            continue
        yield Violation(
            f'{container.describe()} does not drop all capabilities; set securityContext.capabilities.drop: ["ALL"]',
            at=sc_location(container, "capabilities.drop"),
            about=container.path,
        )
