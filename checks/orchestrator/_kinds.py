"""Which objects the orchestrator rules treat as workloads, Services and Ingresses."""

from __future__ import annotations

from linter.context import Context
from linter.k8s import POD_SPEC_PATHS, Resource

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
