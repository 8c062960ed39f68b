"""Whether two objects meet in a cluster, for cross-object lookups (a binding's role, an aggregated
ClusterRole, a pod's ServiceAccount).

- Same cluster (catalogue: CLUSTER_SCOPE): the clusters their render units target overlap, or one
  of them cannot be told (then the whole repository is one scope). `linter.gitops.scopes` works
  these out (Argo CD destinations, Flux `clusters/<name>` trees).
- Same namespace (EFFECTIVE_NS): known namespaces must be equal. An object whose namespace is
  unknown (no `metadata.namespace`, no kustomize `namespace:`) is meant to be namespaced by whatever
  deploys it (`kubectl apply -n`, an Argo CD destination): it is matched with objects deployed
  alongside it (the same kustomize build, else the same directory), never guessed to be in
  `default`.
"""

from __future__ import annotations

import posixpath

from linter.context import Context
from linter.gitops import scopes
from linter.k8s import Resource


def _scopes(ctx: Context) -> dict[int, frozenset[str]]:
    def build() -> dict[int, frozenset[str]]:
        model = scopes.cluster_scopes(ctx)
        return {id(resource): model.of(resource) for resource in ctx.repo.resources}

    return ctx.shared("orc.cluster-scopes", build)


def same_cluster(a: Resource, b: Resource, ctx: Context) -> bool:
    found = _scopes(ctx)
    return scopes.same_cluster(found.get(id(a), frozenset()), found.get(id(b), frozenset()))


def deploy_unit(resource: Resource) -> str:
    return resource.render_root or posixpath.dirname(resource.src)


def deployed_together(a: Resource, b: Resource, ctx: Context) -> bool:
    """Same cluster and same namespace (see the module docstring for unknown namespaces)."""
    if not same_cluster(a, b, ctx):
        return False
    if a.effective_namespace and b.effective_namespace:
        return a.effective_namespace == b.effective_namespace
    return deploy_unit(a) == deploy_unit(b)


def source_name(resource: Resource) -> str:
    """The object's name as written in its source file: a base rendered by overlays with different
    name prefixes or suffixes is one object, and gives one finding (the finding's object reference
    carries the rendered name)."""
    if resource.origin_identity is not None:
        return resource.origin_identity.rpartition("/")[2]
    return resource.name or ""


def describe(resource: Resource) -> str:
    """``Kind "name"`` with the source name."""
    name = source_name(resource)
    return f'{resource.kind} "{name}"' if name else resource.kind
