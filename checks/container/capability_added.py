"""CTR008 capability-added-beyond-net-bind-service."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import BASELINE_CAPABILITIES, capabilities
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR008",
    slug="capability-added-beyond-net-bind-service",
    title="A container adds a capability other than NET_BIND_SERVICE.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports each entry of `securityContext.capabilities.add` (Linux pods) that the Pod Security
        "baseline" set allows but "restricted" does not: every baseline capability except
        NET_BIND_SERVICE. Capabilities outside the baseline set are reported by CTR009 instead.
        """,
    rationale="""
        Capabilities such as CHOWN, DAC_OVERRIDE, SETUID or KILL let a process bypass file
        permissions, change identity or signal other processes. Added back after `drop: [ALL]`, they
        undo most of what dropping achieved.
        """,
    fix="Drop the capability, or justify it with a suppression.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["ALL"]
                add: ["CHOWN"]
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              capabilities:
                drop: ["ALL"]
                add: ["NET_BIND_SERVICE"]
        """,
    notes="""
        Names are compared exactly, as Pod Security does: `CAP_CHOWN` or `chown` are not in the
        baseline set, so CTR009 reports them. Checkov CKV_K8S_25 fails any added capability, even
        NET_BIND_SERVICE; this rule follows Pod Security "restricted", which allows it. CKV_K8S_24
        judges PodSecurityPolicy objects (removed in Kubernetes 1.25), not pods. Windows pods are
        exempt.
        """,
    refs=(
        "CKV_K8S_25",
        "CKV_K8S_24",
        "KSV106",
        "Kubescape C-0046",
        "Kyverno disallow-capabilities-strict",
        "PSS restricted: Capabilities",
    ),
)
def capability_added_beyond_net_bind_service(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux:
        return
    for container in pod.containers():
        for name, node in capabilities(container, "add"):
            if name in BASELINE_CAPABILITIES and name != "NET_BIND_SERVICE":
                yield Violation(
                    f"{container.describe()} adds capability {name}; remove it from "
                    "securityContext.capabilities.add (only NET_BIND_SERVICE may be added)",
                    at=node,
                )
