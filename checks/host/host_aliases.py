"""HOST011 host-aliases."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YSeq


@Rule(
    id="HOST011",
    slug="host-aliases",
    title="The pod overrides host name resolution with hostAliases.",
    severity=Severity.LOW,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    default=False,
    summary="Reports pods with a non-empty `hostAliases` list. Off by default.",
    rationale="""
        hostAliases are written into the pod's /etc/hosts and win over DNS: a manifest change can
        silently send a service's traffic, credentials included, to another address.
        """,
    fix="Use DNS (Services, ExternalName) instead of hostAliases.",
    bad="""
        spec:
          hostAliases:
            - ip: 10.20.30.40
              hostnames: ["payments.internal"]
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    refs=("KSV007",),
)
def host_aliases(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    node = pod.node.get("hostAliases")
    if isinstance(node, YSeq) and len(node) > 0:
        yield Violation(
            f"{pod.describe()} overrides name resolution with hostAliases; use DNS (a Service or ExternalName)",
            at=node,
        )
