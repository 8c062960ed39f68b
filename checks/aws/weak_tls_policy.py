"""AWS002 alb-weak-tls-policy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.aws._lb import ALB, SVC, alb_ingresses, annotation, has_tls, params_value, strings
from linter.context import Context
from linter.k8s import Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

_WEAK = re.compile(r"^ELBSecurityPolicy-(2015-05|2016-08|FS-2018-06|FS-1-1-2019-08|TLS-1-[01]-.+|TLS13-1-[01]-.+)$")
_CONTROLLER_IMAGE = "aws-load-balancer-controller"


def _controller_default(resources: list[Resource]) -> tuple[bool, str | None]:
    """(the repository configures the controller, its default SSL policy if set there)."""
    found, policy = False, None
    for resource in resources:
        if resource.pod is not None:
            for container in resource.pod.containers():
                image = container.node.text("image") or ""
                if _CONTROLLER_IMAGE not in image:
                    continue
                found = True
                args = container.node.seq("args")
                for item in args.items if args else ():
                    text = item.text if isinstance(item, YScalar) else ""
                    if text.startswith("--default-ssl-policy="):
                        policy = text.partition("=")[2]
        values = _controller_values(resource)
        if values is not None:
            found = True
            policy = values.text("defaultSSLPolicy") or policy
    return found, policy


def _controller_values(resource: Resource) -> YMap | None:
    """Values of a HelmRelease / Argo CD Application that deploys the aws-load-balancer-controller chart."""
    spec = resource.root.map("spec")
    if spec is None:
        return None
    if resource.kind == "HelmRelease":
        chart = spec.at("chart.spec.chart")
        if isinstance(chart, YScalar) and str(chart.value).endswith(_CONTROLLER_IMAGE):
            return spec.map("values") or YMap(resource.src, 1, 1, 1, 1)
    if resource.kind == "Application":
        source = spec.map("source")
        if source is not None and source.text("chart") == _CONTROLLER_IMAGE:
            helm = source.map("helm")
            values = helm.map("valuesObject") if helm is not None else None
            return values or YMap(resource.src, 1, 1, 1, 1)
    return None


@Rule(
    id="AWS002",
    slug="alb-weak-tls-policy",
    title="An AWS load balancer is configured with a TLS policy that allows TLS 1.0 or 1.1.",
    severity=Severity.MEDIUM,
    nist=("4.3.3",),
    target=Target.REPO,
    summary="""
        Reports an ALB Ingress (`alb.ingress.kubernetes.io/ssl-policy`) or an NLB Service
        (`service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy`) whose TLS policy permits
        TLS below 1.2 (`ELBSecurityPolicy-2016-08`, `TLS-1-0/1-1` and `TLS13-1-0/1-1` variants, ...).
        Reported as low when an HTTPS listener exists with no policy annotation and the repository's
        AWS Load Balancer Controller configuration (its Helm values or container args, when present)
        does not set a TLS 1.2+ default: the controller's own default allows TLS 1.0.
        """,
    rationale="""
        TLS 1.0 and 1.1 have known weaknesses and are deprecated; a load balancer that still accepts them
        lets a downgrade expose traffic that the service believes is protected.
        """,
    fix="Use a TLS 1.2+ policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08
        spec:
          ingressClassName: alb
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        spec:
          ingressClassName: alb
        """,
    notes="""
        AWS shared responsibility: listener policies are customer configuration; an account-level
        default or a policy set outside Kubernetes cannot be seen from the repository.
        """,
)
def alb_weak_tls_policy(repo: Repository, ctx: Context) -> Iterator[Violation]:
    configured, default_policy = _controller_default(repo.resources)
    weak_default = not configured or default_policy is None or bool(_WEAK.match(default_policy))
    for ingress in alb_ingresses(repo.resources):
        resource = ingress.resource
        policy = annotation(resource, ALB + "ssl-policy")
        certificate = annotation(resource, ALB + "certificate-arn")
        params_cert = params_value(ingress.ingress_class.params, "certificateArn")
        has_https = bool(strings(certificate)) or bool(strings(params_cert)) or has_tls(resource)
        yield from _judge(resource, policy, has_https, weak_default, _cert_anchor(resource, certificate))
    for resource in repo.resources:
        if resource.kind == "Service" and resource.group == "":
            policy = annotation(resource, SVC + "aws-load-balancer-ssl-negotiation-policy")
            certificate = annotation(resource, SVC + "aws-load-balancer-ssl-cert")
            yield from _judge(resource, policy, bool(strings(certificate)), weak_default, certificate)


def _judge(
    resource: Resource, policy: YScalar | None, has_https: bool, weak_default: bool, anchor: YNode | None
) -> Iterator[Violation]:
    if policy is not None and isinstance(policy.value, str):
        if _WEAK.match(policy.value):
            yield Violation(
                f"{resource.describe()} uses TLS policy {policy.value}, which allows TLS 1.0/1.1; use a "
                "TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06",
                at=policy,
                subject=resource,
            )
    elif has_https and weak_default and anchor is not None:
        yield Violation(
            f"{resource.describe()} has an HTTPS listener without a TLS policy, so the controller's default "
            "(ELBSecurityPolicy-2016-08, TLS 1.0+) applies; set a TLS 1.2+ ssl-policy",
            at=anchor,
            subject=resource,
            severity=Severity.LOW,
            evidence="default-policy",
        )


def _cert_anchor(resource: Resource, certificate: YScalar | None) -> YNode | None:
    if certificate is not None:
        return certificate
    spec = resource.root.map("spec")
    tls = spec.get("tls") if spec is not None else None
    return tls if tls is not None else resource.kind_node()
