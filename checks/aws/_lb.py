"""AWS Load Balancer Controller semantics shared by the AWS rules: which Ingresses and Services it
handles, their annotations (JSON inside strings), IngressClass/IngressClassParams and groups."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from linter.k8s import Resource
from linter.yamlnodes import YNode, YScalar, YSeq

ALB = "alb.ingress.kubernetes.io/"
SVC = "service.beta.kubernetes.io/"
ALB_CONTROLLER = "ingress.k8s.aws/alb"
_AWS_MARKERS = (
    "karpenter.k8s.aws",
    "karpenter.sh",
    "eksctl.io",
    "elbv2.k8s.aws",
    "eks.amazonaws.com",
    "services.k8s.aws",
    "vpcresources.k8s.aws",
)


def annotation(resource: Resource, name: str) -> YScalar | None:
    """An annotation's value node (annotations are strings; other scalars are read as written)."""
    metadata = resource.metadata
    annotations = metadata.map("annotations") if metadata is not None else None
    return annotations.scalar(name) if annotations is not None else None


def annotation_text(resource: Resource, name: str) -> str | None:
    node = annotation(resource, name)
    if node is None or node.value is None:
        return None
    return node.value if isinstance(node.value, str) else node.text


class BadAnnotation(ValueError):
    def __init__(self, node: YScalar, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


def json_annotation(resource: Resource, name: str) -> Any:
    """A JSON-valued annotation, parsed; None when absent; raises BadAnnotation when it does not parse."""
    node = annotation(resource, name)
    if node is None or node.value in (None, ""):
        return None
    try:
        return json.loads(str(node.value))
    except ValueError as exc:
        raise BadAnnotation(node, f"{name} is not valid JSON ({exc.args[0]})") from None


def listen_ports(resource: Resource) -> list[tuple[str, int]] | None:
    """`alb.ingress.kubernetes.io/listen-ports`: [("HTTP", 80), ("HTTPS", 443)], or None when absent."""
    value = json_annotation(resource, ALB + "listen-ports")
    if value is None:
        return None
    node = annotation(resource, ALB + "listen-ports")
    assert node is not None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise BadAnnotation(node, 'listen-ports must be a JSON list of objects such as [{"HTTPS": 443}]')
    ports: list[tuple[str, int]] = []
    for item in value:
        for protocol, port in item.items():
            if str(protocol).upper() not in ("HTTP", "HTTPS") or not isinstance(port, int):
                raise BadAnnotation(node, f'listen-ports entry {json.dumps(item)} is not {{"HTTP"|"HTTPS": port}}')
            ports.append((str(protocol).upper(), port))
    return ports


@dataclass(slots=True)
class IngressClassInfo:
    controller: str | None = None
    params: Resource | None = None  # the IngressClassParams it points at, when in the repository


@dataclass(slots=True)
class AlbIngress:
    resource: Resource
    ingress_class: IngressClassInfo = field(default_factory=IngressClassInfo)
    group: str | None = None


def _class_infos(resources: list[Resource]) -> dict[str, IngressClassInfo]:
    """IngressClass name -> its controller and IngressClassParams, in one pass."""
    params = {r.name: r for r in resources if r.kind == "IngressClassParams" and r.group == "elbv2.k8s.aws" and r.name}
    infos: dict[str, IngressClassInfo] = {}
    for resource in resources:
        if resource.kind != "IngressClass" or not resource.name:
            continue
        info = IngressClassInfo()
        spec = resource.root.map("spec")
        info.controller = spec.text("controller") if spec is not None else None
        parameters = spec.map("parameters") if spec is not None else None
        if parameters is not None and parameters.text("kind") == "IngressClassParams":
            info.params = params.get(parameters.text("name") or "")
        infos[resource.name] = info
    return infos


def alb_ingresses(resources: list[Resource]) -> list[AlbIngress]:
    """Ingresses the AWS Load Balancer Controller handles: class `alb` (by spec.ingressClassName or
    the legacy kubernetes.io/ingress.class annotation) or an IngressClass of the `ingress.k8s.aws/alb`
    controller."""
    found: list[AlbIngress] = []
    classes = _class_infos(resources)
    for resource in resources:
        if resource.kind != "Ingress" or not resource.group.startswith(("networking.k8s.io", "extensions")):
            continue
        spec = resource.root.map("spec")
        class_name = (spec.text("ingressClassName") if spec is not None else None) or annotation_text(
            resource, "kubernetes.io/ingress.class"
        )
        info = classes.get(class_name or "") or IngressClassInfo()
        if class_name == "alb" or info.controller == ALB_CONTROLLER:
            found.append(AlbIngress(resource, info, annotation_text(resource, ALB + "group.name")))
    return found


def params_value(params: Resource | None, key: str) -> YNode | None:
    spec = params.root.map("spec") if params is not None else None
    return spec.get(key) if spec is not None else None


def targets_aws(resources: Iterable[Resource]) -> bool:
    """Whether the repository deploys to AWS: EKS, Karpenter, eksctl or Load Balancer Controller objects."""
    for resource in resources:
        if any(resource.group == marker or resource.group.endswith("." + marker) for marker in _AWS_MARKERS):
            return True
        if resource.kind == "IngressClass":
            spec = resource.root.map("spec")
            if spec is not None and spec.text("controller") == ALB_CONTROLLER:
                return True
    return False


def strings(node: YNode | None) -> list[str]:
    if isinstance(node, YSeq):
        return [i.text for i in node.items if isinstance(i, YScalar) and i.value not in (None, "")]
    if isinstance(node, YScalar) and node.value not in (None, ""):
        return [part.strip() for part in str(node.value).split(",") if part.strip()]
    return []


def has_tls(resource: Resource) -> bool:
    spec = resource.root.map("spec")
    tls = spec.seq("tls") if spec is not None else None
    return tls is not None and len(tls) > 0
