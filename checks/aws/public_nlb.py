"""AWS003 public-network-load-balancer-unrestricted."""

from __future__ import annotations

from collections.abc import Iterator

from checks.aws._lb import SVC, annotation, annotation_text, strings, targets_aws
from linter.context import Context
from linter.k8s import Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YNode

_OPEN = frozenset({"0.0.0.0/0", "::/0"})
_LBC_TYPES = frozenset({"external", "nlb-ip"})
_LBC_CLASS = "service.k8s.aws/nlb"


def _internet_facing(service: Resource, spec_class: str | None) -> tuple[bool, YNode | None]:
    """(internet-facing on AWS, the annotation that decides it) per the controller's defaults."""
    scheme = annotation(service, SVC + "aws-load-balancer-scheme")
    lb_type = annotation(service, SVC + "aws-load-balancer-type")
    internal = annotation_text(service, SVC + "aws-load-balancer-internal")
    if scheme is not None:
        return scheme.value == "internet-facing", scheme
    if internal is not None and internal.lower() == "true":
        return False, None
    type_text = str(lb_type.value) if lb_type is not None else None
    if type_text in _LBC_TYPES or spec_class == _LBC_CLASS:
        return False, None  # the AWS Load Balancer Controller makes these internal unless told otherwise
    if spec_class is not None and lb_type is None:
        return False, None  # another load balancer implementation
    return True, lb_type


@Rule(
    id="AWS003",
    slug="public-network-load-balancer-unrestricted",
    title="An internet-facing AWS Network Load Balancer Service accepts traffic from anywhere.",
    severity=Severity.MEDIUM,
    nist=("4.4.2", "4.3.3"),
    target=Target.REPO,
    summary="""
        Reports `type: LoadBalancer` Services that get an internet-facing AWS load balancer — the
        `aws-load-balancer-scheme: internet-facing` annotation, or `aws-load-balancer-type: nlb` or the
        in-tree cloud provider (no type annotation, no `loadBalancerClass`), in both cases without an
        internal annotation — while neither `spec.loadBalancerSourceRanges` nor the
        `load-balancer-source-ranges` annotation restricts the sources (absent, or `0.0.0.0/0` / `::/0`).
        Services for the AWS Load Balancer Controller (`external`, `nlb-ip`,
        `service.k8s.aws/nlb`) without a scheme are internal and not reported. Services with no AWS
        annotation at all are reported only when the repository targets AWS (EKS, Karpenter, eksctl or
        Load Balancer Controller objects exist).
        """,
    rationale="""
        An internet-facing network load balancer forwards any source to the pods; without source ranges
        the service is exposed to scanning and attacks from the whole internet, bypassing the ingress
        layer where authentication and WAF rules usually live.
        """,
    fix="Restrict `spec.loadBalancerSourceRanges` to known CIDRs, or make the load balancer internal.",
    bad="""
        apiVersion: v1
        kind: Service
        metadata:
          name: mqtt
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
        spec:
          type: LoadBalancer
          ports: [{port: 8883}]
        """,
    good="""
        apiVersion: v1
        kind: Service
        metadata:
          name: mqtt
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: ["203.0.113.0/24"]
          ports: [{port: 8883}]
        """,
    notes="""
        AWS shared responsibility: the exposure is configured here; security groups, NACLs or AWS WAF
        managed outside Kubernetes are not visible to the repository. ORC018 covers load balancer
        exposure on any cloud.
        """,
)
def public_network_load_balancer_unrestricted(repo: Repository, ctx: Context) -> Iterator[Violation]:
    on_aws: bool | None = None
    for service in repo.resources:
        spec = service.root.map("spec")
        if service.kind != "Service" or service.group != "" or spec is None or spec.text("type") != "LoadBalancer":
            continue
        facing, decider = _internet_facing(service, spec.text("loadBalancerClass"))
        if not facing:
            continue
        if decider is None:
            if on_aws is None:
                on_aws = targets_aws(repo.resources)
            if not on_aws:
                continue
        ranges = strings(spec.get("loadBalancerSourceRanges")) or strings(
            annotation(service, SVC + "load-balancer-source-ranges")
        )
        if ranges and not _OPEN.intersection(ranges):
            continue
        where = decider if decider is not None else spec.get("type") or service.kind_node()
        detail = "from anywhere (0.0.0.0/0)" if ranges else "with no loadBalancerSourceRanges"
        yield Violation(
            f"{service.describe()} gets an internet-facing AWS load balancer that accepts traffic {detail}; "
            "restrict loadBalancerSourceRanges or make it internal",
            at=where,
            subject=service,
        )
