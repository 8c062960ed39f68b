"""Network policies of every flavour, indexed once per scan by where they apply.

Kubernetes NetworkPolicies and CiliumNetworkPolicies apply to the pods of their namespace;
CiliumClusterwideNetworkPolicies and Calico GlobalNetworkPolicies to the whole cluster. Objects
land in a namespace as `linter.gitops.namespaces` says; an object whose namespace is unknown is
grouped with the objects deployed alongside it. Lookups stay inside one cluster scope
(`linter.gitops.scopes`); objects whose cluster cannot be told match every cluster.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from checks.orchestrator._kinds import is_workload
from linter.context import Context
from linter.gitops.namespaces import Landing, landing
from linter.gitops.scopes import cluster_scopes, same_cluster
from linter.k8s import Resource, seq_texts
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

KUBERNETES, CILIUM, CALICO = "kubernetes", "cilium", "calico"
CALICO_GROUPS = frozenset({"crd.projectcalico.org", "projectcalico.org"})
# Cilium's label for a pod's namespace, as endpoint selectors write it (source prefix removed).
CILIUM_NAMESPACE_LABEL = "io.kubernetes.pod.namespace"
_CILIUM_SOURCES = ("k8s:", "any:")


def _flavour(resource: Resource) -> tuple[str, bool] | None:
    """(flavour, cluster-wide) of a policy object, None for anything else."""
    kind, group = resource.kind, resource.group
    if kind == "NetworkPolicy" and group == "networking.k8s.io":
        return KUBERNETES, False
    if group == "cilium.io" and kind in ("CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"):
        return CILIUM, kind == "CiliumClusterwideNetworkPolicy"
    if group in CALICO_GROUPS and kind in ("NetworkPolicy", "GlobalNetworkPolicy"):
        return CALICO, kind == "GlobalNetworkPolicy"
    return None


def cilium_specs(resource: Resource) -> list[YMap]:
    """A Cilium policy's rules: `spec`, and every entry of `specs`."""
    found = [spec] if (spec := resource.root.map("spec")) is not None else []
    specs = resource.root.seq("specs")
    return found + list(specs.maps()) if specs is not None else found


# -- label selectors ------------------------------------------------------------------------


def _key(key: str, cilium: bool) -> str:
    if cilium:
        for prefix in _CILIUM_SOURCES:
            if key.startswith(prefix):
                return key[len(prefix) :]
    return key


def _requirements(selector: YMap, cilium: bool) -> Iterator[tuple[str, str, set[str]] | None]:
    """(key, operator, values) of every requirement; None for one that cannot be read."""
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, YMap):
        for key, value in match_labels.items.items():
            text = value.text if isinstance(value, YScalar) and value.value is not None else None
            yield (_key(key, cilium), "In", {text}) if text is not None else None
    elif match_labels is not None and not (isinstance(match_labels, YScalar) and match_labels.value is None):
        yield None
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, YSeq):
        for item in expressions.items:
            name = item.text("key") if isinstance(item, YMap) else None
            operator = item.text("operator") if isinstance(item, YMap) else None
            if name is None or operator is None or not isinstance(item, YMap):
                yield None
                continue
            values = {text for text, _ in seq_texts(item.get("values"))}
            yield _key(name, cilium), operator, values
    elif expressions is not None and not (isinstance(expressions, YScalar) and expressions.value is None):
        yield None


def is_empty_selector(selector: YNode | None) -> bool:
    """`{}`, absent or null: selects every pod of the namespace."""
    if selector is None or (isinstance(selector, YScalar) and selector.value is None):
        return True
    return isinstance(selector, YMap) and not any(True for _ in _requirements(selector, False))


def selector_matches(selector: YNode | None, labels: Mapping[str, str], *, cilium: bool = False) -> bool:
    """Whether a LabelSelector (matchLabels and matchExpressions) selects pods with ``labels``. A
    selector that cannot be read, or uses an unknown operator, selects nothing (the API server
    would reject it)."""
    if is_empty_selector(selector):
        return True
    if not isinstance(selector, YMap):
        return False
    for requirement in _requirements(selector, cilium):
        if requirement is None:
            return False
        key, operator, values = requirement
        present = key in labels
        if operator == "In":
            ok = present and labels[key] in values
        elif operator == "NotIn":
            ok = not present or labels[key] not in values
        elif operator == "Exists":
            ok = present
        elif operator == "DoesNotExist":
            ok = not present
        else:
            return False
        if not ok:
            return False
    return True


def selects_whole_namespace(selector: YNode | None, namespace: str | None) -> bool:
    """A Cilium endpoint selector that selects every pod of ``namespace``: empty, or constrained
    only by the namespace label (with that namespace)."""
    if is_empty_selector(selector):
        return True
    if namespace is None or not isinstance(selector, YMap):
        return False
    requirements = list(_requirements(selector, True))
    if any(r is None or r[0] != CILIUM_NAMESPACE_LABEL for r in requirements):
        return False
    return selector_matches(selector, {CILIUM_NAMESPACE_LABEL: namespace}, cilium=True)


# -- the index ------------------------------------------------------------------------------


@dataclass(slots=True)
class Policy:
    resource: Resource
    flavour: str
    clusterwide: bool
    landing: Landing
    scopes: frozenset[str]

    def selects(self, labels: Mapping[str, str], namespace: str | None) -> bool:
        """Whether the policy applies to pods with ``labels`` in its namespace (or, cluster-wide,
        in ``namespace``). Calico selectors are not evaluated: any Calico policy counts."""
        if self.flavour == CALICO:
            return True
        if self.flavour == KUBERNETES:
            spec = self.resource.root.map("spec")
            return spec is not None and selector_matches(spec.get("podSelector"), labels)
        pod_labels = dict(labels)
        if namespace is not None:
            pod_labels[CILIUM_NAMESPACE_LABEL] = namespace
        return any(
            selector_matches(spec.get("endpointSelector"), pod_labels, cilium=True)
            for spec in cilium_specs(self.resource)
        )


@dataclass(slots=True)
class Workload:
    resource: Resource
    landing: Landing
    place: str
    scopes: frozenset[str]


@dataclass(slots=True)
class Network:
    """Policies and workloads by place ("ns:<name>", or the deploy unit of unnamespaced objects)."""

    policies: dict[str, list[Policy]] = field(default_factory=lambda: defaultdict(list))
    clusterwide: list[Policy] = field(default_factory=list)
    workloads: dict[str, list[Workload]] = field(default_factory=lambda: defaultdict(list))
    namespaces: list[tuple[Resource, frozenset[str]]] = field(default_factory=list)  # declared v1 Namespaces

    def policies_for(self, place: str, scopes: frozenset[str], *, clusterwide: bool = True) -> Iterator[Policy]:
        for policy in self.policies.get(place, ()):
            if same_cluster(policy.scopes, scopes):
                yield policy
        if clusterwide:
            for policy in self.clusterwide:
                if same_cluster(policy.scopes, scopes):
                    yield policy

    def workloads_in(self, place: str, scopes: frozenset[str]) -> Iterator[Workload]:
        for workload in self.workloads.get(place, ()):
            if same_cluster(workload.scopes, scopes):
                yield workload


def network(ctx: Context) -> Network:
    return ctx.shared("orc.network", lambda: _build(ctx))


def _build(ctx: Context) -> Network:
    model = cluster_scopes(ctx)
    net = Network()
    for resource in ctx.repo.resources:
        flavour = _flavour(resource)
        if flavour is not None:
            where = landing(ctx, resource)
            policy = Policy(resource, flavour[0], flavour[1], where, model.of(resource))
            if policy.clusterwide:
                net.clusterwide.append(policy)
            else:
                net.policies[where.place(resource)].append(policy)
        elif is_workload(resource, ctx):
            where = landing(ctx, resource)
            place = where.place(resource)
            net.workloads[place].append(Workload(resource, where, place, model.of(resource)))
        elif resource.kind == "Namespace" and resource.group == "" and resource.name:
            net.namespaces.append((resource, model.of(resource)))
    return net


def host_network(resource: Resource) -> bool:
    pod = resource.pod
    return pod is not None and pod.node.value("hostNetwork") is True


# -- what a rule admits ---------------------------------------------------------------------

_EVERYWHERE = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


def cidr_of(node: YNode | None) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """A CIDR (or single address) scalar as a network; None when it is not one."""
    if not isinstance(node, YScalar) or not isinstance(node.value, str):
        return None
    try:
        return ipaddress.ip_network(node.value.strip(), strict=False)
    except ValueError:
        return None


def peer_is_everything(peer: YNode, *, namespaces_too: bool) -> bool:
    """A peer that admits every source or destination: `{}`, an ipBlock of 0.0.0.0/0 or ::/0
    without `except`, or (``namespaces_too``) `namespaceSelector: {}` with an empty podSelector."""
    if not isinstance(peer, YMap):
        return False
    if not peer.items:
        return True
    block = peer.map("ipBlock")
    if block is not None:
        excepts = block.seq("except")
        return cidr_of(block.get("cidr")) in _EVERYWHERE and not (excepts is not None and excepts.items)
    if namespaces_too and "namespaceSelector" in peer:
        return is_empty_selector(peer.get("namespaceSelector")) and is_empty_selector(peer.get("podSelector"))
    return False


def rule_admits_everything(rule: YNode, peers_key: str, *, namespaces_too: bool) -> bool:
    """A NetworkPolicy ingress (`from`) or egress (`to`) rule that admits everything: no peers, an
    empty peer list, or a peer that is everything."""
    if not isinstance(rule, YMap):
        return False
    peers = rule.get(peers_key)
    if peers is None or (isinstance(peers, YScalar) and peers.value is None):
        return True
    if not isinstance(peers, YSeq):
        return False
    return not peers.items or any(peer_is_everything(p, namespaces_too=namespaces_too) for p in peers.items)


def policy_types(spec: YMap) -> set[str] | None:
    """`policyTypes` as written, None when absent."""
    node = spec.get("policyTypes")
    if node is None:
        return None
    return {text for text, _ in seq_texts(node)}


def applies_to(spec: YMap, direction: str) -> bool:
    """Whether a NetworkPolicy restricts ``direction`` (Ingress or Egress): listed in policyTypes,
    or, without policyTypes, always for Ingress and for Egress when it has egress rules."""
    types = policy_types(spec)
    if types is not None:
        return direction in types
    return direction == "Ingress" or spec.get("egress") is not None


def rules_of(spec: YMap, key: str) -> list[YNode]:
    rules = spec.seq(key)
    return list(rules.items) if rules is not None else []
