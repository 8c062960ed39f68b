"""ORC015 namespace-without-default-deny-ingress."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._isolation import WorkloadNamespace, unisolated
from checks.orchestrator._netpol import KUBERNETES, Policy, applies_to, rule_admits_everything, rules_of
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap


def denies_ingress(policy: Policy, part: YMap) -> bool:
    if policy.flavour == KUBERNETES:
        if not applies_to(part, "Ingress"):
            return False
        return not any(rule_admits_everything(r, "from", namespaces_too=True) for r in rules_of(part, "ingress"))
    return "ingress" in part or "ingressDeny" in part


def _message(entry: WorkloadNamespace) -> str:
    return (
        f"{entry.describe()} has no default-deny ingress policy (a NetworkPolicy with `podSelector: {{}}`, "
        "policyTypes Ingress and no allow-all rule): its pods accept connections from anywhere; add one "
        "and allow the needed flows explicitly"
    )


@Rule(
    id="ORC015",
    slug="namespace-without-default-deny-ingress",
    title="A workload namespace does not isolate pods from unsolicited ingress.",
    severity=Severity.MEDIUM,
    nist=("4.3.3",),
    target=Target.REPO,
    summary="""
        Reports a workload namespace (a declared Namespace, or a namespace a workload lands in, minus
        config `netpol_exempt_namespaces`) with no NetworkPolicy that selects all its pods (empty
        `podSelector`), restricts Ingress (`policyTypes` lists Ingress, or is absent) and has no
        ingress rule admitting everything (no `from`, empty `from`, a `{}` peer, `namespaceSelector:
        {}`, or an ipBlock 0.0.0.0/0 or ::/0 without `except`), and no Cilium policy with an empty (or
        namespace-only) `endpointSelector` and an `ingress` or `ingressDeny` section. Reported once
        per namespace and cluster, at the Namespace's name, else at the first workload's.
        """,
    rationale="""
        Without a default-deny policy every new pod of the namespace is reachable from every other
        pod of the cluster until someone remembers to write a policy for it; a compromised container
        can then move laterally anywhere.
        """,
    fix="Add a `podSelector: {}` Ingress policy with no allow-all rules, then allow the required flows explicitly.",
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
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        """,
    notes="""
        Workload namespaces include declared v1 Namespaces without workloads in the repository (the
        family definition; the condition names only namespaces holding workloads): a platform
        repository that creates a namespace is where its default-deny belongs. Calico policies are not
        evaluated here. Lookups stay in one cluster scope (see ORC014). Objects without a namespace
        are grouped with what is deployed beside them, and the message says the namespace is not set.
        """,
    refs=("Kubescape C-0030", "KSV038", "NSA/CISA default-deny"),
)
def default_deny_ingress(repo: Repository, ctx: Context) -> Iterator[Violation]:
    yield from unisolated(ctx, denies_ingress, _message)
