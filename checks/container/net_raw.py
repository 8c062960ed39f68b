"""CTR010 net-raw-not-dropped."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import capabilities, sc_location
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_DROPS_NET_RAW = frozenset({"ALL", "NET_RAW", "CAP_NET_RAW"})


@Rule(
    id="CTR010",
    slug="net-raw-not-dropped",
    title="A container keeps the NET_RAW capability.",
    severity=Severity.LOW,
    nist=("4.4.3", "4.3.3"),
    target=Target.POD_SPEC,
    summary="""
        Reports containers of Linux pods whose `securityContext.capabilities.drop` contains none of
        `ALL`, `NET_RAW` or `CAP_NET_RAW`. Not reported when CTR007 (drop ALL) or CTR001 reports the
        container, so it shows up only when CTR007 is disabled.
        """,
    rationale="""
        NET_RAW is in the runtime's default set. It lets a process craft raw packets: ARP and DNS
        spoofing against other pods on the node, and ICMP-based attacks, from any compromised
        container.
        """,
    fix="Drop ALL (or at least NET_RAW).",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["CHOWN"]
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["NET_RAW"]
        """,
    notes="""
        Exact names: Checkov CKV_K8S_28 accepts any entry that contains `ALL`, `all` or `NET_RAW`,
        and kube-linter drop-net-raw-capability accepts `all` in any case and any entry containing
        `NET_RAW`, and stays silent when a container has no `capabilities` at all; this rule
        reports that container too, since the runtime's default set includes NET_RAW. Windows pods
        are exempt.
        """,
    refs=(
        "CKV_K8S_28",
        "CKV_K8S_7",
        "kube-linter drop-net-raw-capability",
        "Polaris insecureCapabilities",
        "Kubescape C-0046",
        "Kyverno require-drop-cap-net-raw",
    ),
    superseded_by=("CTR007", "CTR001"),
)
def net_raw_not_dropped(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux:
        return
    for container in pod.containers():
        if any(name in _DROPS_NET_RAW for name, _ in capabilities(container, "drop")):
            continue
        yield Violation(
            f'{container.describe()} keeps the NET_RAW capability; add "NET_RAW" (or "ALL") to '
            "securityContext.capabilities.drop",
            at=sc_location(container, "capabilities.drop"),
            about=container.path,
        )
