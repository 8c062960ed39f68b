"""Workload namespaces and their namespace-wide default-deny policies (ORC015, ORC016)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from checks.orchestrator._kinds import name_node
from checks.orchestrator._netpol import (
    CILIUM,
    KUBERNETES,
    Network,
    Policy,
    cilium_specs,
    is_empty_selector,
    network,
    selects_whole_namespace,
)
from linter.context import Context
from linter.gitops.scopes import same_cluster
from linter.k8s import Resource
from linter.rule import Violation
from linter.yamlnodes import YMap, YNode


@dataclass(slots=True)
class WorkloadNamespace:
    """One namespace in one cluster scope: a declared Namespace and/or the workloads landing in it."""

    place: str
    namespace: str | None
    scopes: frozenset[str]
    anchor: Resource  # the declared Namespace, else the first workload
    assumed_from: str | None = None

    def where(self) -> YNode:
        return name_node(self.anchor)

    def describe(self) -> str:
        if self.namespace is None:
            return f"the namespace of {self.anchor.describe()} (not set: shared with the objects deployed beside it)"
        assumed = f" (from {self.assumed_from})" if self.assumed_from else ""
        return f'namespace "{self.namespace}"{assumed}'


def workload_namespaces(ctx: Context) -> list[WorkloadNamespace]:
    """Declared Namespaces plus every namespace a workload lands in, per cluster scope, without
    the config `netpol_exempt_namespaces`."""

    def build() -> list[WorkloadNamespace]:
        net = network(ctx)
        exempt = set(ctx.config.netpol_exempt_namespaces)
        found: list[WorkloadNamespace] = []
        by_place: dict[str, list[WorkloadNamespace]] = {}

        def add(place: str, namespace: str | None, scopes: frozenset[str], anchor: Resource, how: str | None) -> None:
            if namespace in exempt:
                return
            known = by_place.setdefault(place, [])
            if any(same_cluster(entry.scopes, scopes) for entry in known):
                return
            entry = WorkloadNamespace(place, namespace, scopes, anchor, how)
            known.append(entry)
            found.append(entry)

        for namespace, scopes in net.namespaces:
            add("ns:" + (namespace.name or ""), namespace.name, scopes, namespace, None)
        workloads = sorted(
            (w for group in net.workloads.values() for w in group if w.resource.partial is None),
            key=lambda w: (w.resource.src, w.resource.kind_node().line),
        )
        for workload in workloads:
            add(
                workload.place,
                workload.landing.namespace,
                workload.scopes,
                workload.resource,
                workload.landing.assumed_from,
            )
        return found

    return ctx.shared("orc.workload-namespaces", build)


def namespace_wide(policy: Policy, namespace: str | None) -> list[YMap]:
    """The parts of a policy that apply to every pod of the namespace: a Kubernetes policy's spec
    when its podSelector is empty, a Cilium policy's rules whose endpointSelector selects the
    whole namespace."""
    if policy.flavour == KUBERNETES:
        spec = policy.resource.root.map("spec")
        return [spec] if spec is not None and is_empty_selector(spec.get("podSelector")) else []
    if policy.flavour == CILIUM:
        return [
            s for s in cilium_specs(policy.resource) if selects_whole_namespace(s.get("endpointSelector"), namespace)
        ]
    return []


def unisolated(
    ctx: Context, isolates: Callable[[Policy, YMap], bool], message: Callable[[WorkloadNamespace], str]
) -> Iterator[Violation]:
    """One violation per workload namespace where no namespace-wide policy part ``isolates``."""
    net: Network = network(ctx)
    for entry in workload_namespaces(ctx):
        policies = net.policies_for(entry.place, entry.scopes)
        if not any(isolates(p, part) for p in policies for part in namespace_wide(p, entry.namespace)):
            yield Violation(message(entry), at=entry.where(), subject=entry.anchor)
