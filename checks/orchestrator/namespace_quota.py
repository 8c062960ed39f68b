"""ORC026 namespace-without-resource-quota."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checks.orchestrator._kinds import name_node
from linter.context import Context
from linter.gitops.namespaces import landing
from linter.gitops.scopes import cluster_scopes, same_cluster
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_KINDS = ("ResourceQuota", "LimitRange")


def _index(ctx: Context) -> dict[tuple[str, str], list[frozenset[str]]]:
    """(kind, namespace) -> the cluster scopes of every ResourceQuota / LimitRange there."""
    scopes = cluster_scopes(ctx)
    index: dict[tuple[str, str], list[frozenset[str]]] = defaultdict(list)
    for resource in ctx.repo.resources:
        if resource.kind in _KINDS and resource.group == "":
            namespace = landing(ctx, resource).namespace
            if namespace is not None:
                index[(resource.kind, namespace)].append(scopes.of(resource))
    return index


@Rule(
    id="ORC026",
    slug="namespace-without-resource-quota",
    title="A namespace has no ResourceQuota or no LimitRange.",
    severity=Severity.LOW,
    nist=("4.3.4",),
    target=Target.OBJECT,
    kinds=frozenset({"Namespace"}),
    default=False,
    summary="""
        Reports a declared v1 Namespace outside config `system_namespaces` with no ResourceQuota, or
        no LimitRange, landing in it within the same cluster. Off by default: quota policy is
        organisation-specific.
        """,
    rationale="""
        Without a quota one tenant's runaway or compromised workload can exhaust the cluster's CPU,
        memory, pods or storage and starve the others; without a LimitRange, containers that set no
        limits are unbounded.
        """,
    fix="Add a ResourceQuota and a LimitRange per tenant namespace.",
    bad="""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        """,
    good="""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata:
          name: shop
          namespace: shop
        spec:
          hard: {requests.cpu: "4", requests.memory: 8Gi, pods: "50"}
        ---
        apiVersion: v1
        kind: LimitRange
        metadata:
          name: defaults
          namespace: shop
        spec:
          limits:
            - type: Container
              default: {memory: 256Mi}
        """,
    notes="""
        One finding per Namespace naming what is missing. ResourceQuotas and LimitRanges count in
        the namespace they land in (kustomize, Flux targetNamespace, Argo CD destination); their
        contents are not judged. Cluster scope as ORC014.
        """,
    refs=("KSV039", "KSV040", "Kyverno add-ns-quota"),
)
def namespace_quota(resource: Resource, ctx: Context) -> Iterator[Violation]:
    name = resource.name
    if resource.group != "" or not name or name in ctx.config.system_namespaces:
        return
    index = ctx.shared("orc.quota-index", lambda: _index(ctx))
    scopes = cluster_scopes(ctx).of(resource)
    missing = [kind for kind in _KINDS if not any(same_cluster(scopes, other) for other in index.get((kind, name), ()))]
    if missing:
        yield Violation(
            f'Namespace "{name}" has no {" and no ".join(missing)}: one workload can exhaust what the others need; '
            f"add {' and '.join(missing)} objects to it",
            at=name_node(resource),
        )
