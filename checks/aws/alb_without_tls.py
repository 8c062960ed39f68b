"""AWS001 alb-internet-facing-without-tls."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from checks.aws._lb import (
    ALB,
    AlbIngress,
    BadAnnotation,
    alb_ingresses,
    annotation,
    annotation_text,
    has_tls,
    listen_ports,
    params_value,
    strings,
)
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YNode, YScalar


@dataclass(slots=True)
class _Listeners:
    internet_facing: bool
    ports: list[tuple[str, int]] | None
    certificate: bool
    redirect: bool


def _listeners(members: list[AlbIngress]) -> _Listeners:
    """The load balancer a group of Ingresses shares: the controller merges their settings."""
    internet_facing = certificate = redirect = False
    ports: list[tuple[str, int]] | None = None
    for member in members:
        resource = member.resource
        params = member.ingress_class.params
        scheme = annotation_text(resource, ALB + "scheme")
        params_scheme = params_value(params, "scheme")
        internet_facing |= scheme == "internet-facing" or (
            scheme is None and isinstance(params_scheme, YScalar) and params_scheme.value == "internet-facing"
        )
        certificate |= (
            bool(strings(annotation(resource, ALB + "certificate-arn")))
            or bool(strings(params_value(params, "certificateArn")))
            or has_tls(resource)
        )
        redirect |= annotation_text(resource, ALB + "ssl-redirect") not in (None, "")
        own = listen_ports(resource)
        if own is not None:
            ports = [*(ports or []), *own]
    return _Listeners(internet_facing, ports, certificate, redirect)


@Rule(
    id="AWS001",
    slug="alb-internet-facing-without-tls",
    title="An internet-facing AWS Application Load Balancer Ingress accepts plain HTTP.",
    severity=Severity.HIGH,
    nist=("4.3.3", "4.4.2"),
    target=Target.REPO,
    summary="""
        Reports Ingresses handled by the AWS Load Balancer Controller (class `alb`, the legacy
        `kubernetes.io/ingress.class: alb` annotation, or an IngressClass of controller
        `ingress.k8s.aws/alb`) that are internet-facing (the `scheme` annotation, or the
        IngressClassParams `scheme`) and either accept plain HTTP without `ssl-redirect` — an `HTTP`
        entry in `listen-ports`, or no `listen-ports` and no certificate, where the controller listens
        on HTTP 80 only — or declare an HTTPS listener with no certificate (`certificate-arn`,
        IngressClassParams `certificateArn`, or `spec.tls`). Ingresses sharing a `group.name` share one
        load balancer and are judged together. A `listen-ports` value that is not valid JSON is reported
        at the annotation: the controller rejects such an Ingress.
        """,
    rationale="""
        Plain HTTP on a public load balancer exposes session cookies, tokens and data to anyone on the
        path, and lets an attacker modify responses. On AWS the TLS termination point is the load
        balancer; the repository decides whether it exists.
        """,
    fix="Listen on HTTPS with a certificate (`certificate-arn` or `spec.tls`) and set "
    "`alb.ingress.kubernetes.io/ssl-redirect: '443'`, or make the scheme `internal`.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/ssl-redirect: '443'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
        """,
    notes="""
        AWS shared responsibility: the load balancer's listeners and certificate are the customer's
        configuration, visible here; the repository cannot show WAF rules, security groups managed
        outside Kubernetes, or certificates attached by other means.
        """,
    refs=("Kubescape C-0263 (partial)", "Polaris tlsSettingsMissing (partial)"),
)
def alb_internet_facing_without_tls(repo: Repository, ctx: Context) -> Iterator[Violation]:
    ingresses = alb_ingresses(repo.resources)
    groups: dict[str, list[AlbIngress]] = defaultdict(list)
    for ingress in ingresses:
        if ingress.group:
            groups[ingress.group].append(ingress)
    for ingress in ingresses:
        resource = ingress.resource
        try:
            listen_ports(resource)  # this Ingress's own value must parse
            listeners = _listeners(groups[ingress.group] if ingress.group else [ingress])
        except BadAnnotation as bad:
            if bad.node.src == resource.src and annotation(resource, ALB + "listen-ports") is bad.node:
                yield Violation(
                    f"{resource.describe()}: {bad.reason}; the controller rejects this Ingress",
                    at=bad.node,
                    subject=resource,
                    evidence=f"bad-annotation:{bad.reason}",
                )
            continue
        if not listeners.internet_facing:
            continue
        where = _anchor(ingress)
        http = any(protocol == "HTTP" for protocol, _ in listeners.ports or [])
        https = any(protocol == "HTTPS" for protocol, _ in listeners.ports or [])
        if (http or (listeners.ports is None and not listeners.certificate)) and not listeners.redirect:
            port = next((p for proto, p in listeners.ports or [] if proto == "HTTP"), 80)
            yield Violation(
                f"{resource.describe()} is an internet-facing ALB that accepts plain HTTP on port {port} "
                "without ssl-redirect; listen on HTTPS with a certificate and redirect HTTP to it",
                at=where,
                subject=resource,
                evidence="plain-http",
            )
        elif https and not listeners.certificate:
            yield Violation(
                f"{resource.describe()} declares an HTTPS listener on an internet-facing ALB but no "
                "certificate (certificate-arn, IngressClassParams certificateArn or spec.tls)",
                at=where,
                subject=resource,
                evidence="https-without-certificate",
            )


def _anchor(ingress: AlbIngress) -> YNode:
    resource = ingress.resource
    scheme = annotation(resource, ALB + "scheme")
    if scheme is not None:
        return scheme
    spec = resource.root.map("spec")
    class_name = spec.get("ingressClassName") if spec is not None else None
    return class_name if class_name is not None else resource.kind_node()
