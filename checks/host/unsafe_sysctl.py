"""HOST009 unsafe-sysctl."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.pss import pss_version
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar, YSeq

# Pod Security "baseline" safe sysctls, by the Kubernetes version that admits them.
SAFE_SYSCTLS: tuple[tuple[tuple[int, int], frozenset[str]], ...] = (
    (
        (1, 0),
        frozenset(
            {
                "kernel.shm_rmid_forced",
                "net.ipv4.ip_local_port_range",
                "net.ipv4.tcp_syncookies",
                "net.ipv4.ping_group_range",
                "net.ipv4.ip_unprivileged_port_start",
            }
        ),
    ),
    ((1, 27), frozenset({"net.ipv4.ip_local_reserved_ports"})),
    (
        (1, 29),
        frozenset(
            {
                "net.ipv4.tcp_keepalive_time",
                "net.ipv4.tcp_fin_timeout",
                "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes",
            }
        ),
    ),
    ((1, 32), frozenset({"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"})),
    ((1, 37), frozenset({"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"})),
)


def safe_sysctls(version: tuple[int, int]) -> frozenset[str]:
    return frozenset().union(*(names for since, names in SAFE_SYSCTLS if version >= since))


@Rule(
    id="HOST009",
    slug="unsafe-sysctl",
    title="The pod sets a sysctl outside the PSS safe set.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.POD_SPEC,
    summary="""
        Reports `securityContext.sysctls[].name` values outside the Pod Security "baseline" safe
        set of the target Kubernetes version (config `kubernetes_version`, or the namespace's
        `pod-security.kubernetes.io/enforce-version` label).
        """,
    rationale="""
        Unsafe sysctls are not isolated per pod, or can exhaust node resources: setting them
        changes kernel behaviour for every workload on the node, or crashes it. The kubelet refuses
        them unless the node is explicitly configured to allow them.
        """,
    fix="Remove the sysctl or set it on dedicated nodes via node configuration.",
    bad="""
        spec:
          securityContext:
            sysctls:
              - name: net.core.somaxconn
                value: "4096"
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          securityContext:
            sysctls:
              - name: net.ipv4.ip_local_port_range
                value: "1024 65000"
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    notes="""
        The catalogue both asks to normalise `/` separators to `.` and to compare names exactly as
        written; admission compares exactly, so this rule does too, and a slash-form name of a safe
        sysctl (`net/ipv4/tcp_syncookies`) is reported, as admission would reject it. kube-linter
        unsafe-sysctls flags name prefixes (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*,
        net.*): both report e.g. `kernel.msgmax` and `net.core.somaxconn`, but kube-linter also
        flags the safe `net.ipv4.*` sysctls and misses e.g. `vm.*`.
        """,
    refs=("KSV026", "kube-linter unsafe-sysctls", "Kyverno restrict-sysctls", "PSS baseline: Sysctls"),
)
def unsafe_sysctl(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    sysctls = pod.sc_field("sysctls")
    if not isinstance(sysctls, YSeq):
        return
    version = pss_version(pod.resource, ctx)
    safe = safe_sysctls(version)
    for entry in sysctls.maps():
        node = entry.get("name")
        if not isinstance(node, YScalar) or node.value is None or node.text in safe:
            continue
        yield Violation(
            f"{pod.describe()} sets sysctl {node.text!r}, which is not in the Pod Security safe set for "
            f"Kubernetes {version[0]}.{version[1]}; remove it or configure it on dedicated nodes",
            at=node,
        )
