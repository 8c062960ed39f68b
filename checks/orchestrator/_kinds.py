"""Which objects the orchestrator rules treat as workloads, Services and Ingresses."""

from __future__ import annotations

from linter.context import Context
from linter.k8s import POD_SPEC_PATHS, Resource
from linter.yamlnodes import YMap, YNode, YScalar

INGRESS_GROUPS = frozenset({"networking.k8s.io", "extensions"})


def is_workload(resource: Resource, ctx: Context) -> bool:
    """A POD_KINDS object, with or without a pod template of its own (a Rollout's workloadRef)."""
    if resource.kind in ctx.config.extra_pod_kinds:
        return True
    if resource.kind not in POD_SPEC_PATHS:
        return False
    return resource.group == ("argoproj.io" if resource.kind == "Rollout" else resource.group)


def is_service(resource: Resource) -> bool:
    return resource.kind == "Service" and resource.group == ""


def is_ingress(resource: Resource) -> bool:
    return resource.kind == "Ingress" and resource.group in INGRESS_GROUPS


def name_node(resource: Resource) -> YNode:
    """The object's `metadata.name` key, else its `kind:` line."""
    metadata = resource.metadata
    node = metadata.get("name") if metadata is not None else None
    return node if node is not None else resource.kind_node()


def service_selector(service: Resource) -> dict[str, str]:
    """A Service's `spec.selector` (string values only)."""
    selector = service.root.at("spec.selector")
    if not isinstance(selector, YMap):
        return {}
    return {k: v.text for k, v in selector.items.items() if isinstance(v, YScalar) and v.value is not None}


def service_selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    """A non-empty Service selector matches pod labels (an empty one selects no pods)."""
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())
