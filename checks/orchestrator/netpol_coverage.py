"""ORC014 workload-not-covered-by-networkpolicy."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._kinds import name_node
from checks.orchestrator._netpol import CILIUM, KUBERNETES, host_network, network
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="ORC014",
    slug="workload-not-covered-by-networkpolicy",
    title="No network policy selects the workload's pods.",
    severity=Severity.MEDIUM,
    nist=("4.3.3",),
    target=Target.REPO,
    summary="""
        Reports a workload whose pod-template labels no policy selects: no NetworkPolicy of its
        namespace whose `spec.podSelector` matches (an empty selector matches every pod;
        `matchLabels` must be a subset of the labels; `matchExpressions` In/NotIn/Exists/DoesNotExist
        are evaluated), no CiliumNetworkPolicy of the namespace or CiliumClusterwideNetworkPolicy whose
        `endpointSelector` matches (`k8s:io.kubernetes.pod.namespace` compared with the namespace), and
        no Calico NetworkPolicy in the namespace or GlobalNetworkPolicy. Only policies of the same
        cluster are considered. `hostNetwork` pods, namespaces in config `netpol_exempt_namespaces`,
        and namespaces without any NetworkPolicy or Cilium policy (ORC015 reports those once) are
        skipped.
        """,
    rationale="""
        Pods that no policy selects accept connections from, and open connections to, every pod in
        the cluster: one compromised container can reach them all.
        """,
    fix="Add a NetworkPolicy (default-deny plus explicit allows) that selects the workload.",
    bad="""
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
          name: worker
          namespace: shop
        spec:
          selector:
            matchLabels: {app: worker}
          template:
            metadata:
              labels: {app: worker}
            spec:
              containers:
                - name: worker
                  image: ghcr.io/acme/worker:1.0.0
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: worker
          namespace: shop
        spec:
          podSelector:
            matchExpressions:
              - {key: app, operator: In, values: [worker]}
          policyTypes: [Ingress]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          namespace: shop
        spec:
          selector:
            matchLabels: {app: worker}
          template:
            metadata:
              labels: {app: worker}
            spec:
              containers:
                - name: worker
                  image: ghcr.io/acme/worker:1.0.0
        """,
    notes="""
        Cluster scope: policies count only when they may land in the workload's cluster (Argo CD
        destination, Flux `clusters/<name>` tree; unknown targets match every cluster), see
        linter/gitops/scopes.py. Objects without a namespace are compared with the policies deployed
        beside them (same kustomize build or directory), which `kubectl apply -n` or a deploy tool
        puts in the same namespace. Calico selectors are not evaluated (any Calico policy in the
        namespace covers its workloads). Workloads from unrendered Helm charts are skipped (their
        labels are unknown). Unlike kube-linter non-isolated-pod and Checkov CKV2_K8S_6, which report
        every workload of a namespace without policies, that case is left to ORC015 (one finding per
        namespace). Unlike Checkov CKV2_K8S_6, which knows only networking.k8s.io NetworkPolicies,
        Cilium and Calico policies cover workloads here.
        """,
    refs=(
        "CKV2_K8S_6",
        "kube-linter non-isolated-pod",
        "kube-score pod-networkpolicy",
        "Polaris missingNetworkPolicy",
        "Kubescape C-0260",
        "Kubescape C-0054",
        "Kubescape C-0206",
        "Kyverno require-netpol",
    ),
)
def netpol_coverage(repo: Repository, ctx: Context) -> Iterator[Violation]:
    net = network(ctx)
    exempt = set(ctx.config.netpol_exempt_namespaces)
    for place, workloads in net.workloads.items():
        for workload in workloads:
            resource = workload.resource
            if resource.pod is None or resource.partial is not None or host_network(resource):
                continue
            if workload.landing.namespace in exempt:
                continue
            local = list(net.policies_for(place, workload.scopes, clusterwide=False))
            if not any(p.flavour in (KUBERNETES, CILIUM) for p in local):
                continue  # a namespace without policies: ORC015
            labels = resource.pod.pod_labels()
            policies = net.policies_for(place, workload.scopes)
            if any(p.selects(labels, workload.landing.namespace) for p in policies):
                continue
            shown = ", ".join(f"{k}={v}" for k, v in sorted(labels.items())) or "none"
            yield Violation(
                f"no NetworkPolicy of its namespace selects the pods of {resource.describe()} (pod labels: "
                f"{shown}){workload.landing.note()}; add a policy that selects them or fix the selectors of the "
                "existing ones",
                at=name_node(resource),
                subject=resource,
            )
