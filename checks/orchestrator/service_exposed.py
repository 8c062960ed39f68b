"""ORC018 service-externally-exposed."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._kinds import is_service
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar, YSeq

# Annotations (name -> value, compared case-insensitively) that make a cloud load balancer internal.
INTERNAL_LB_ANNOTATIONS = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
    "networking.gke.io/load-balancer-type": "internal",
    "cloud.google.com/load-balancer-type": "internal",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/oci-load-balancer-internal": "true",
}


def _internal(resource: Resource) -> bool:
    annotations = resource.annotations()
    return any(annotations.get(name, "").strip().lower() == value for name, value in INTERNAL_LB_ANNOTATIONS.items())


@Rule(
    id="ORC018",
    slug="service-externally-exposed",
    title="A Service is reachable from outside the cluster without source restrictions.",
    severity=Severity.LOW,
    nist=("4.4.2", "4.3.3"),
    target=Target.OBJECT,
    kinds=frozenset({"Service"}),
    summary="""
        Reports a v1 Service of `type: NodePort`, or of `type: LoadBalancer` with no non-empty
        `spec.loadBalancerSourceRanges` and none of the internal load balancer annotations (AWS
        `aws-load-balancer-internal: "true"` or `aws-load-balancer-scheme: internal`, GKE
        `networking.gke.io/load-balancer-type` or `cloud.google.com/load-balancer-type: Internal`,
        Azure and OCI `...-load-balancer-internal: "true"`).
        """,
    rationale="""
        A NodePort opens the port on every node, where NetworkPolicies do not apply; a public load
        balancer without source ranges offers the service to the whole internet, bypassing the
        ingress layer where TLS, authentication and WAF rules usually live.
        """,
    fix="Use ClusterIP behind an Ingress/Gateway, an internal LB, or set loadBalancerSourceRanges.",
    bad="""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
        spec:
          type: NodePort
          selector: {app: api}
          ports:
            - port: 80
              targetPort: 8080
        """,
    good="""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
        spec:
          type: ClusterIP
          selector: {app: api}
          ports:
            - port: 80
              targetPort: 8080
        """,
    notes="""
        kube-linter exposed-services (forbidden-service-types NodePort and LoadBalancer) reports every
        LoadBalancer Service; here an internal load balancer or one limited by
        `loadBalancerSourceRanges` passes. The AWS-specific judgement of internet-facing NLBs (which
        also reads the source-ranges annotation and the AWS Load Balancer Controller's defaults) is
        AWS003.
        """,
    refs=("kube-linter exposed-services", "kube-score service-type", "Kubescape C-0256", "Kyverno restrict-node-port"),
)
def service_exposed(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    node = spec.get("type") if spec is not None and is_service(resource) else None
    kind = node.value if isinstance(node, YScalar) else None
    if kind == "NodePort":
        yield Violation(
            f"{resource.describe()} is a NodePort: its port is open on every node, where NetworkPolicies do not "
            "apply; use a ClusterIP Service behind an Ingress or Gateway",
            at=node,
        )
    elif kind == "LoadBalancer" and spec is not None:
        ranges = spec.get("loadBalancerSourceRanges")
        if (isinstance(ranges, YSeq) and ranges.items) or _internal(resource):
            return
        yield Violation(
            f"{resource.describe()} is a LoadBalancer open to any source: set spec.loadBalancerSourceRanges, "
            "make the load balancer internal, or put it behind an Ingress or Gateway",
            at=node,
        )
