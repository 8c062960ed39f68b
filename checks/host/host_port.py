"""HOST004 host-port."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, as_int
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="HOST004",
    slug="host-port",
    title="A container binds a port on the node.",
    severity=Severity.MEDIUM,
    nist=("4.4.2", "4.3.3"),
    target=Target.POD_SPEC,
    summary="""
        Reports `ports[].hostPort` values that are set, not 0, and not listed in config
        `allowed_host_ports`.
        """,
    rationale="""
        A host port opens the container directly on the node's IP address, outside Services and
        often outside NetworkPolicies and firewalls that assume pods are reached through the
        cluster network.
        """,
    fix="Remove hostPort and use a Service.",
    bad="""
        containers:
          - name: web
            image: ghcr.io/acme/web:4.1.0
            ports:
              - containerPort: 8080
                hostPort: 8080
        """,
    good="""
        containers:
          - name: web
            image: ghcr.io/acme/web:4.1.0
            ports:
              - containerPort: 8080
        """,
    notes="""
        `hostPort: 0` means no host port, as in Pod Security "baseline"; Checkov CKV_K8S_26 fails
        any `hostPort` key, even 0. For non-zero ports the verdicts are the same.
        """,
    refs=(
        "CKV_K8S_26",
        "KSV024",
        "Polaris hostPortSet",
        "Kubescape C-0044",
        "Kyverno disallow-host-ports",
        "PSS baseline: Host Ports",
        "CIS Docker 5.8",
    ),
)
def host_port(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    allowed = set(ctx.config.allowed_host_ports)
    for container in pod.containers():
        ports = container.node.seq("ports")
        for port in ports.maps() if ports is not None else ():
            node = port.get("hostPort")
            if not isinstance(node, YScalar) or node.value in (None, 0):
                continue
            number = as_int(node)
            if number is not None and number in allowed:
                continue
            yield Violation(
                f"{container.describe()} binds host port {node.text}; remove hostPort and expose it through a Service",
                at=node,
            )
