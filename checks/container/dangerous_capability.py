"""CTR009 dangerous-capability-added."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import BASELINE_CAPABILITIES, capabilities
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

# Capabilities that, alone, are known ways out of a container.
ESCAPE_CAPABLE = frozenset({"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "BPF", "DAC_READ_SEARCH"})


def _canonical(name: str) -> str:
    upper = name.upper()
    return upper[4:] if upper.startswith("CAP_") else upper


@Rule(
    id="CTR009",
    slug="dangerous-capability-added",
    title="A container adds a capability outside the PSS baseline set.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.POD_SPEC,
    summary="""
        Reports each entry of `securityContext.capabilities.add` outside the Pod Security "baseline"
        set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE,
        SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), compared exactly. ALL, SYS_ADMIN, SYS_MODULE,
        SYS_PTRACE, SYS_RAWIO, BPF and DAC_READ_SEARCH (with or without `CAP_`, any case) are
        critical.
        """,
    rationale="""
        Capabilities beyond the default set hand kernel powers to the container: NET_ADMIN rewrites
        the node's network, SYS_PTRACE reads other processes' memory, SYS_MODULE loads kernel code,
        and SYS_ADMIN is close to full root on the host. Several are direct container escapes.
        """,
    fix="Remove the capability; redesign the workload or move it to a dedicated, isolated node pool.",
    bad="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            securityContext:
              capabilities:
                add: ["SYS_ADMIN"]
        """,
    good="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            securityContext:
              capabilities:
                drop: ["ALL"]
        """,
    notes="""
        Exact comparison, as Pod Security admission does: `CAP_CHOWN` or `chown` is outside the
        baseline set and is reported here, as admission rejects it. Applies to Linux and
        Windows pods, like the baseline profile. Checkov CKV_K8S_39 fails only the exact string
        `SYS_ADMIN`; this rule reports it too (as critical), and much more.
        """,
    refs=(
        "CKV_K8S_39",
        "KSV005",
        "KSV022",
        "KSV119",
        "KSV120",
        "Polaris dangerousCapabilities",
        "Polaris insecureCapabilities",
        "Kubescape C-0046",
        "Kyverno disallow-capabilities",
        "PSS baseline: Capabilities",
        "CIS Docker 5.4",
    ),
)
def dangerous_capability_added(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for container in pod.containers():
        for name, node in capabilities(container, "add"):
            if name in BASELINE_CAPABILITIES:
                continue
            escape = _canonical(name) in ESCAPE_CAPABLE
            yield Violation(
                f"{container.describe()} adds capability {name}"
                + (", which allows escaping the container" if escape else ", outside the Pod Security baseline set")
                + "; remove it from securityContext.capabilities.add",
                at=node,
                severity=Severity.CRITICAL if escape else None,
            )
