"""ORC022 ssh-port-exposed."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator

from checks.orchestrator._kinds import is_service, service_selector, service_selects
from linter.context import Context
from linter.gitops.namespaces import landing
from linter.k8s import Resource, as_int
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

SSH = 22


def _unit(resource: Resource) -> str:
    """The render unit: a kustomize build or Helm release, else the manifests of one directory."""
    return resource.render_root or posixpath.dirname(resource.src)


def _named_ports(resource: Resource) -> dict[str, int]:
    """name -> containerPort of every container port of a workload."""
    found: dict[str, int] = {}
    for container in resource.pod.containers() if resource.pod is not None else ():
        ports = container.node.seq("ports")
        for port in ports.maps() if ports is not None else ():
            name, number = port.text("name"), as_int(port.get("containerPort"))
            if name and number is not None:
                found.setdefault(name, number)
    return found


@Rule(
    id="ORC022",
    slug="ssh-port-exposed",
    title="A workload or Service exposes the SSH port.",
    severity=Severity.MEDIUM,
    nist=("4.1.2", "4.4.2"),
    target=Target.REPO,
    summary="""
        Reports a container port `containerPort: 22` (all three container lists), and a v1 Service
        port whose `port` or numeric `targetPort` is 22, or whose named `targetPort` is the name of
        container port 22 in a workload the Service selects in the same namespace and render unit.
        """,
    rationale="""
        An SSH server in a container is a second, unaudited way in: it bypasses the orchestrator's
        authentication and audit log, usually comes with long-lived keys or passwords, and means the
        image carries tools that containers should not need.
        """,
    fix="Remove the SSH server; use `kubectl exec` or ephemeral debug containers.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
                  ports:
                    - containerPort: 22
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
                  ports:
                    - containerPort: 8080
        """,
    notes="""
        Every protocol counts (kube-linter ssh-port looks at TCP only; SSH is TCP, so the verdicts
        agree on real manifests). A render unit is a kustomize build or Helm release; raw manifests
        of one directory are taken as deployed together. A Service port reported for its `port` is
        not reported again for its `targetPort`.
        """,
    refs=("kube-linter ssh-port", "Kubescape C-0042"),
)
def ssh_port(repo: Repository, ctx: Context) -> Iterator[Violation]:
    workloads: dict[tuple[str, str], list[Resource]] = defaultdict(list)
    for pod in repo.pod_specs:
        resource = pod.resource
        workloads[(_unit(resource), landing(ctx, resource).place(resource))].append(resource)
        for container in pod.containers():
            ports = container.node.seq("ports")
            for port in ports.maps() if ports is not None else ():
                node = port.get("containerPort")
                if as_int(node) == SSH:
                    yield Violation(
                        f"{container.describe()} exposes containerPort 22 (SSH); remove the SSH server and use "
                        "kubectl exec or an ephemeral debug container",
                        at=node,
                        subject=resource,
                    )
    for service in repo.resources:
        if is_service(service):
            yield from _service_ports(service, workloads, ctx)


def _service_ports(
    service: Resource, workloads: dict[tuple[str, str], list[Resource]], ctx: Context
) -> Iterator[Violation]:
    spec = service.root.map("spec")
    ports = spec.seq("ports") if spec is not None else None
    selector = service_selector(service)
    selected = [
        w
        for w in workloads.get((_unit(service), landing(ctx, service).place(service)), ())
        if w.pod is not None and service_selects(selector, w.pod.pod_labels())
    ]
    for port in ports.maps() if ports is not None else ():
        found = _ssh_node(port, selected)
        if found is not None:
            node, how = found
            yield Violation(
                f"{service.describe()} {how} the SSH port 22; remove the SSH server behind it and use kubectl exec",
                at=node,
                subject=service,
            )


def _ssh_node(port: YMap, selected: list[Resource]) -> tuple[YNode, str] | None:
    number, target = port.get("port"), port.get("targetPort")
    if as_int(number) == SSH and number is not None:
        return number, "publishes"
    if as_int(target) == SSH and target is not None:
        return target, "forwards to"
    name = target.value if isinstance(target, YScalar) and isinstance(target.value, str) else None
    if name and target is not None and any(_named_ports(w).get(name) == SSH for w in selected):
        return target, f'forwards (through the named port "{name}") to'
    return None
