"""ServiceAccounts for the ORC service-account rules: which one a pod runs as, where that is said,
and its definition in the repository (looked up once per scan)."""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from checks.orchestrator._scope import deployed_together
from linter.context import Context
from linter.k8s import PodSpec, Resource
from linter.yamlnodes import YNode, YScalar

DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class PodIdentity:
    name: str  # the ServiceAccount the pod runs as ("default" when none is named)
    node: YNode | None  # the key that names it: serviceAccountName, else the deprecated serviceAccount


def _named(pod: PodSpec, key: str) -> YScalar | None:
    node = pod.node.scalar(key)
    return node if node is not None and isinstance(node.value, str) and node.value else None


def pod_identity(pod: PodSpec) -> PodIdentity:
    """serviceAccountName wins over the deprecated serviceAccount, as the API server has it."""
    node = _named(pod, "serviceAccountName") or _named(pod, "serviceAccount")
    if node is None:
        return PodIdentity(DEFAULT, pod.node.get("serviceAccountName") or pod.node.get("serviceAccount"))
    return PodIdentity(str(node.value), node)


def name_node(resource: Resource) -> YNode:
    """The object's `metadata.name` key, else its `kind:`."""
    metadata = resource.metadata
    node = metadata.get("name") if metadata is not None else None
    return node if node is not None else resource.kind_node()


def _index(resources: Iterable[Resource]) -> dict[str, list[Resource]]:
    found: dict[str, list[Resource]] = defaultdict(list)
    for resource in resources:
        if resource.kind == "ServiceAccount" and resource.group == "" and resource.name:
            found[resource.name].append(resource)
    return found


def defined_service_account(pod: PodSpec, name: str, ctx: Context) -> Resource | None:
    """The ServiceAccount ``name`` of the pod's namespace when the repository defines it."""
    index = ctx.shared("orc.service-accounts", lambda: _index(ctx.repo.resources))
    return next((sa for sa in index.get(name, ()) if deployed_together(sa, pod.resource, ctx)), None)


def allowlisted(name: str, namespace: str | None, patterns: Iterable[str]) -> bool:
    names = [name]
    if namespace:
        names += [f"{namespace}/{name}", f"system:serviceaccount:{namespace}:{name}"]
    return any(fnmatch.fnmatchcase(n, p) for p in patterns for n in names)
