"""Container resources, and the LimitRange defaults that fill them in (CTR017, CTR018).

A LimitRange applies to the pods of its own namespace. An object whose namespace is unknown (no
`metadata.namespace`, no kustomize `namespace:`) is matched only with LimitRanges that are just as
unnamespaced and deployed with it (same kustomize build, else same directory): `kubectl apply -n X`
or an Argo CD destination will put both in the same place.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from linter.context import Context
from linter.k8s import Resource
from linter.yamlnodes import YMap, YScalar


@dataclass(slots=True)
class Defaults:
    """Resource names a LimitRange fills in for a container that does not set them."""

    limits: set[str] = field(default_factory=set)
    requests: set[str] = field(default_factory=set)


def resource_value(container_node: YMap, path: str) -> YScalar | None:
    """`resources.<path>` of a container when set to something other than null."""
    node = container_node.at(f"resources.{path}")
    return node if isinstance(node, YScalar) and node.value is not None else None


def _scope(resource: Resource) -> str:
    if resource.effective_namespace:
        return "ns:" + resource.effective_namespace
    return "unit:" + (resource.render_root or posixpath.dirname(resource.src))


def _keys(item: YMap, key: str) -> set[str]:
    values = item.map(key)
    return set(values.items) if values is not None else set()


def _index(ctx: Context) -> dict[str, Defaults]:
    index: dict[str, Defaults] = {}
    for resource in ctx.repo.resources:
        if resource.kind != "LimitRange" or resource.group != "":
            continue
        spec = resource.root.map("spec")
        items = spec.seq("limits") if spec is not None else None
        for item in items.maps() if items is not None else ():
            if item.value("type") != "Container":
                continue
            defaults = index.setdefault(_scope(resource), Defaults())
            # The API server's own defaulting of a LimitRange: `max` becomes the default limit, and
            # the default limit, else `min`, the default request.
            limits = _keys(item, "default") | _keys(item, "max")
            defaults.limits |= limits
            defaults.requests |= _keys(item, "defaultRequest") | limits | _keys(item, "min")
    return index


def limit_range_defaults(resource: Resource, ctx: Context) -> Defaults:
    return ctx.shared("ctr.limit-range-defaults", lambda: _index(ctx)).get(_scope(resource), Defaults())


def where_looked(resource: Resource) -> str:
    """For messages: which LimitRanges were considered. The namespace itself is left out, so that a
    base rendered into several namespaces gives one finding (the object reference names it)."""
    if resource.effective_namespace:
        return "no LimitRange in its namespace sets a default"
    return "its namespace is not known, and no LimitRange deployed alongside it without a namespace sets a default"
