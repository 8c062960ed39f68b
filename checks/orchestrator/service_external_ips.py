"""ORC019 service-external-ips."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._kinds import is_service
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar, YSeq


@Rule(
    id="ORC019",
    slug="service-external-ips",
    title="A Service sets externalIPs.",
    severity=Severity.HIGH,
    nist=("4.3.3",),
    target=Target.OBJECT,
    kinds=frozenset({"Service"}),
    summary="Reports a v1 Service whose `spec.externalIPs` is not empty.",
    rationale="""
        The cluster routes traffic for any address listed in `externalIPs` to the Service, whoever
        owns that address: whoever may create Services can intercept cluster traffic to arbitrary
        IPs (CVE-2020-8554).
        """,
    fix="Remove externalIPs; use a LoadBalancer or Ingress (and enable DenyServiceExternalIPs).",
    bad="""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
        spec:
          selector: {app: api}
          ports:
            - port: 80
          externalIPs: [203.0.113.10]
        """,
    good="""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
        spec:
          selector: {app: api}
          ports:
            - port: 80
        """,
    notes="A scalar `externalIPs` (not a list) is rejected by the API server and not reported here.",
    refs=("KSV108", "Kyverno restrict-service-external-ips"),
)
def service_external_ips(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    node = spec.get("externalIPs") if spec is not None and is_service(resource) else None
    if not isinstance(node, YSeq) or not node.items:
        return
    addresses = [item.text for item in node.items if isinstance(item, YScalar)]
    yield Violation(
        f"{resource.describe()} sets spec.externalIPs ({', '.join(addresses)}): traffic to those addresses is "
        "captured by this Service (CVE-2020-8554); remove it and use a LoadBalancer or Ingress",
        at=node,
    )
