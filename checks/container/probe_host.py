"""CTR016 probe-or-lifecycle-host-set."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

HANDLERS = (
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle.postStart",
    "lifecycle.preStop",
)


@Rule(
    id="CTR016",
    slug="probe-or-lifecycle-host-set",
    title="A probe or lifecycle hook targets an arbitrary host.",
    severity=Severity.MEDIUM,
    nist=("4.4.2",),
    target=Target.POD_SPEC,
    summary="""
        Reports a non-empty `httpGet.host` or `tcpSocket.host` in a container's liveness, readiness
        or startup probe, or in its `lifecycle.postStart` / `lifecycle.preStop` hook.
        """,
    rationale="""
        The kubelet performs probes and HTTP/TCP hooks from the node, on the pod's behalf. With
        `host` set it connects wherever the manifest says: node-local services, the cloud metadata
        endpoint or other tenants' pods, bypassing network policies (a server-side request forgery
        through the kubelet).
        """,
    fix="Remove `host`; probe the pod's own IP.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            livenessProbe:
              httpGet:
                host: 169.254.169.254
                path: /latest/meta-data/
                port: 80
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            livenessProbe:
              httpGet:
                path: /healthz
                port: 8080
        """,
    notes="Pod Security Standards baseline from Kubernetes 1.34; applied whatever the target version.",
    refs=("PSS baseline: Host Probes / Lifecycle Hooks (1.34+)",),
)
def probe_or_lifecycle_host_set(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for container in pod.containers():
        for handler_path in HANDLERS:
            handler = container.node.at(handler_path)
            if not isinstance(handler, YMap):
                continue
            for action in ("httpGet", "tcpSocket"):
                target = handler.map(action)
                host = target.get("host") if target is not None else None
                if isinstance(host, YScalar) and host.value is not None and host.text.strip():
                    yield Violation(
                        f"{container.describe()} {handler_path}.{action} connects to host {host.text!r} from "
                        "the node; remove host so the kubelet targets the pod's own IP",
                        at=host,
                    )
