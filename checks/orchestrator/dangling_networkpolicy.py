"""ORC017 dangling-networkpolicy."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._netpol import KUBERNETES, is_empty_selector, network
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="ORC017",
    slug="dangling-networkpolicy",
    title="A NetworkPolicy selects no workload, so the intended isolation is not in effect.",
    severity=Severity.LOW,
    nist=("4.3.3",),
    target=Target.REPO,
    summary="""
        Reports a NetworkPolicy whose non-empty `spec.podSelector` matches the pod-template labels of
        no workload landing in the same namespace of the same cluster (`matchLabels` and
        `matchExpressions` evaluated). Not evaluated for a namespace that holds workloads of
        unrendered Helm charts, whose labels are unknown.
        """,
    rationale="""
        A selector with a typo silently protects nothing: the pods it was written for stay open while
        the repository suggests they are isolated.
        """,
    fix="Fix the selector labels so the policy selects the intended pods.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
          namespace: shop
        spec:
          podSelector:
            matchLabels: {app: apii}
          policyTypes: [Ingress]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
          namespace: shop
        spec:
          podSelector:
            matchLabels: {app: api}
          policyTypes: [Ingress]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
        """,
    notes="""
        Like kube-linter dangling-networkpolicy, a policy whose namespace holds no workload of the
        scanned set is reported as well (workloads deployed from another repository are not seen;
        suppress with a reason). Cluster scope and unnamespaced objects as ORC014. Cilium and Calico
        policies are not judged.
        """,
    refs=("kube-linter dangling-networkpolicy", "Kubescape C-0299"),
)
def dangling_networkpolicy(repo: Repository, ctx: Context) -> Iterator[Violation]:
    net = network(ctx)
    for place, policies in net.policies.items():
        for policy in policies:
            spec = policy.resource.root.map("spec")
            if policy.flavour != KUBERNETES or spec is None:
                continue
            selector = spec.get("podSelector")
            if is_empty_selector(selector) or selector is None:
                continue
            workloads = [w for w in net.workloads_in(place, policy.scopes) if w.resource.pod is not None]
            if any(w.resource.partial is not None for w in workloads):
                continue  # labels of unrendered Helm output are unknown
            if any(policy.selects(w.resource.pod.pod_labels(), None) for w in workloads if w.resource.pod):
                continue
            yield Violation(
                f"{policy.resource.describe()}: its podSelector matches no workload of its namespace"
                f"{policy.landing.note()}, so it isolates nothing; fix the selector labels",
                at=selector,
                subject=policy.resource,
            )
