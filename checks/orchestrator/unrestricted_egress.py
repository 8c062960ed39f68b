"""ORC016 unrestricted-egress."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from checks.orchestrator._isolation import WorkloadNamespace, unisolated
from checks.orchestrator._netpol import (
    KUBERNETES,
    Policy,
    applies_to,
    cidr_of,
    network,
    rule_admits_everything,
    rules_of,
)
from linter.context import Context
from linter.k8s import as_int
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

METADATA_ADDRESSES = (ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"))
METADATA_PORT = 80  # every major cloud serves instance metadata over plain HTTP


def denies_egress(policy: Policy, part: YMap) -> bool:
    if policy.flavour == KUBERNETES:
        types = part.get("policyTypes")
        if types is None or not applies_to(part, "Egress"):
            return False  # the condition wants Egress listed explicitly
        return not any(_allows_everything(r) for r in rules_of(part, "egress"))
    return "egress" in part or "egressDeny" in part


def _allows_everything(rule: YNode) -> bool:
    """Every destination on every port: a rule limited to some ports (typically DNS without `to`)
    is the usual exception to a default deny, not a way around it."""
    ports = rule.get("ports") if isinstance(rule, YMap) else None
    limited = isinstance(ports, YSeq) and bool(ports.items)
    return not limited and rule_admits_everything(rule, "to", namespaces_too=False)


def _message(entry: WorkloadNamespace) -> str:
    return (
        f"{entry.describe()} has no default-deny egress policy (a NetworkPolicy with `podSelector: {{}}`, "
        "policyTypes Egress and no allow-all rule): its pods can connect anywhere, including the cloud "
        "metadata endpoint; add one and allow the needed destinations explicitly"
    )


def _block_reaches_metadata(block: YMap) -> bool:
    network = cidr_of(block.get("cidr"))
    if network is None:
        return False
    excepts = [cidr_of(e) for e in block.seq("except") or ()]
    return any(
        address in network and not any(e is not None and address in e for e in excepts)
        for address in METADATA_ADDRESSES
        if address.version == network.version
    )


def _port_allows_metadata(port: YNode) -> bool:
    if not isinstance(port, YMap) or port.get("port") is None:
        return True  # every port
    number, end = as_int(port.get("port")), as_int(port.get("endPort"))
    if number is None:
        return True  # a named port may be anything
    return number == METADATA_PORT or (end is not None and number <= METADATA_PORT <= end)


def reaches_metadata(rule: YNode) -> bool:
    """An egress rule that lets pods reach the metadata address on the metadata port."""
    if not isinstance(rule, YMap):
        return False
    ports = rule.get("ports")
    if isinstance(ports, YSeq) and ports.items and not any(_port_allows_metadata(p) for p in ports.items):
        return False
    peers = rule.get("to")
    if peers is None or (isinstance(peers, YScalar) and peers.value is None):
        return True
    if not isinstance(peers, YSeq):
        return False
    if not peers.items:
        return True
    for peer in peers.items:
        if isinstance(peer, YMap) and (
            not peer.items or ((b := peer.map("ipBlock")) is not None and _block_reaches_metadata(b))
        ):
            return True
    return False


@Rule(
    id="ORC016",
    slug="unrestricted-egress",
    title="Pods can open connections anywhere, including the cloud metadata endpoint.",
    severity=Severity.MEDIUM,
    nist=("4.4.2",),
    target=Target.REPO,
    summary="""
        (a) Reports a workload namespace (as ORC015) with no NetworkPolicy that selects all its pods,
        lists Egress in `policyTypes` and has no egress rule allowing everything (no `to`, empty `to`,
        a `{}` peer, or an ipBlock 0.0.0.0/0 or ::/0 without `except`), and no Cilium policy with an
        empty (or namespace-only) `endpointSelector` and an `egress`/`egressDeny` section; not where
        ORC015 reports the namespace. (b) Reports each NetworkPolicy egress rule that lets pods reach
        the cloud metadata address (169.254.169.254, fd00:ec2::254): no `to`, an empty `to`, a `{}`
        peer, or an ipBlock containing it that no `except` entry removes.
        """,
    rationale="""
        Unrestricted egress lets a compromised container exfiltrate data, pull tools and reach the
        node's cloud metadata service, which hands out the node's cloud credentials.
        """,
    fix="Add default-deny Egress plus explicit allows, and exclude 169.254.169.254/32 from broad ipBlocks.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [10.0.0.0/8]
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [10.0.0.0/8, 169.254.169.254/32]
        """,
    notes="""
        An egress rule limited to some `ports` does not undo the egress isolation of (a), even
        without `to` (the usual DNS exception to a default deny); the catalogue counts any rule
        without `to`. An egress rule whose `ports` all exclude port 80 (the metadata services'
        port), such as that DNS rule, is not reported under (b): it cannot reach the metadata
        service. A `{}` peer counts as reaching everything in (b) as in (a). Only Kubernetes
        NetworkPolicies are checked for (b). Part (a) is not reported where ORC015 reports the same
        namespace (a disabled or suppressed ORC015 does not silence it). Scope and unnamespaced
        objects as ORC015.
        """,
    refs=("Kubescape C-0030", "Kubescape C-0052", "NSA/CISA egress and metadata guidance"),
    superseded_by=("ORC015",),
)
def unrestricted_egress(repo: Repository, ctx: Context) -> Iterator[Violation]:
    yield from unisolated(ctx, denies_egress, _message)
    exempt = set(ctx.config.netpol_exempt_namespaces)
    net = network(ctx)
    for policies in net.policies.values():
        for policy in policies:
            spec = policy.resource.root.map("spec")
            if policy.flavour != KUBERNETES or spec is None or not applies_to(spec, "Egress"):
                continue
            if policy.landing.namespace in exempt:
                continue
            for rule in rules_of(spec, "egress"):
                if reaches_metadata(rule):
                    yield Violation(
                        f"{policy.resource.describe()} has an egress rule that allows the cloud metadata address "
                        "(169.254.169.254); restrict its destinations or list 169.254.169.254/32 under `except`",
                        at=rule,
                        subject=policy.resource,
                    )
