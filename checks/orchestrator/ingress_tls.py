"""ORC020 ingress-without-tls."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._kinds import is_ingress
from linter.context import Context
from linter.k8s import Resource, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YSeq

# Annotations that give an Ingress a certificate outside `spec.tls`: the load balancer terminates
# TLS with a certificate the cloud manages (AWS ACM, GKE pre-shared or managed certificates).
CERTIFICATE_ANNOTATIONS = (
    "alb.ingress.kubernetes.io/certificate-arn",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "networking.gke.io/managed-certificates",
)


def covers(pattern: str, host: str) -> bool:
    """A tls host entry covers a rule host: equal, or `*.example.com` for exactly one extra label."""
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if pattern == host:
        return True
    if pattern.startswith("*."):
        label, dot, rest = host.partition(".")
        return bool(dot) and bool(label) and label != "*" and rest == pattern[2:]
    return False


def _rule_hosts(spec: YMap) -> list[tuple[str, YNode]]:
    rules = spec.seq("rules")
    found = []
    for rule in rules.maps() if rules is not None else ():
        node = rule.get("host")
        host = rule.text("host")
        if node is not None and host:
            found.append((host, node))
    return found


@Rule(
    id="ORC020",
    slug="ingress-without-tls",
    title="An Ingress serves hosts without TLS.",
    severity=Severity.MEDIUM,
    nist=("4.3.3",),
    target=Target.OBJECT,
    kinds=frozenset({"Ingress"}),
    summary="""
        Reports an Ingress (networking.k8s.io/v1, v1beta1, extensions/v1beta1) whose `spec.tls` is
        absent or empty, and each `spec.rules[].host` that no `spec.tls[].hosts` entry covers (a
        `*.example.com` entry covers exactly one extra label).
        """,
    rationale="""
        Without TLS the Ingress serves plain HTTP: credentials, session cookies and data cross the
        network in clear text and can be read or changed by anyone on the path.
        """,
    fix="Add a `tls` section (e.g. cert-manager issued) for every host.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
        spec:
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: {name: web, port: {number: 80}}
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
        spec:
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: {name: web, port: {number: 80}}
        """,
    notes="""
        An Ingress whose certificate comes from an annotation (AWS Load Balancer Controller
        `certificate-arn`, GKE `pre-shared-cert` or `managed-certificates`) terminates TLS at the
        cloud load balancer and is not reported (the certificate's names cannot be checked from the
        repository; AWS001 judges ALB listeners). A `tls` entry without `hosts` covers no host (what
        controllers do with it differs). With no `spec.tls`, the finding points at the first rule
        host, else at `spec`.
        """,
    refs=("Polaris tlsSettingsMissing", "Kubescape C-0263", "Kyverno require-ingress-https"),
)
def ingress_tls(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    if spec is None or not is_ingress(resource):
        return
    annotations = resource.annotations()
    if any(annotations.get(name, "").strip() for name in CERTIFICATE_ANNOTATIONS):
        return
    hosts = _rule_hosts(spec)
    tls = spec.get("tls")
    entries = list(tls.maps()) if isinstance(tls, YSeq) else []
    if not entries:
        where = tls if tls is not None else (hosts[0][1] if hosts else spec)
        yield Violation(
            f"{resource.describe()} has no spec.tls: it serves plain HTTP; add a tls section (e.g. a "
            "cert-manager certificate) for its hosts",
            at=where,
        )
        return
    covered = [pattern for entry in entries for pattern, _ in seq_texts(entry.get("hosts"))]
    for host, node in hosts:
        if not any(covers(pattern, host) for pattern in covered):
            yield Violation(
                f'{resource.describe()} serves host "{host}" without TLS: no spec.tls[].hosts entry covers it; '
                "add it to a tls entry with a certificate for it",
                at=node,
            )
