"""CTR023 privileged-port-binding."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, as_int
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR023",
    slug="privileged-port-binding",
    title="A container listens on a privileged port (< 1024).",
    severity=Severity.LOW,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    default=False,
    summary="Reports `ports[].containerPort` values from 1 to 1023.",
    rationale="""
        Binding a port below 1024 needs root or the NET_BIND_SERVICE capability (unless the node
        lowers `net.ipv4.ip_unprivileged_port_start`), so such a container usually keeps a privilege
        it needs only for that. The Service can map port 80 to an unprivileged container port.
        """,
    fix="Listen on a port >= 1024 and map it in the Service.",
    bad="""
        containers:
          - name: web
            image: ghcr.io/acme/web:4.1.0
            ports:
              - containerPort: 80
        """,
    good="""
        containers:
          - name: web
            image: ghcr.io/acme/web:4.1.0
            ports:
              - containerPort: 8080
        """,
    notes="Off by default. Same verdict as kube-linter privileged-ports.",
    refs=("KSV117", "kube-linter privileged-ports"),
)
def privileged_port_binding(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for container in pod.containers():
        ports = container.node.seq("ports")
        for port in ports.maps() if ports is not None else ():
            node = port.get("containerPort")
            number = as_int(node)
            if number is not None and 1 <= number <= 1023:
                yield Violation(
                    f"{container.describe()} listens on privileged port {number}; use a port >= 1024 and "
                    "map it in the Service",
                    at=node,
                )
