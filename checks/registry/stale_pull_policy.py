"""REG008 pull-policy-allows-stale-image."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._workload_images import container_images
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

_CACHING = ("IfNotPresent", "Never")


@Rule(
    id="REG008",
    slug="pull-policy-allows-stale-image",
    title="A mutable image tag is combined with a pull policy that reuses cached images.",
    severity=Severity.LOW,
    nist=("4.2.2",),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports containers whose image has no digest and whose effective `imagePullPolicy` is
        `IfNotPresent` or `Never`: the explicit value, else Kubernetes' default (`Always` for no
        tag or `latest`, `IfNotPresent` otherwise). Containers REG004 reports are left to it.
        Off by default: pinning the digest is the real fix.
        """,
    rationale="""
        With a cached pull policy each node keeps whatever it pulled first under a tag. After the
        tag is moved (a rebuilt fix, or a malicious push) old nodes keep the stale image and new
        nodes run the new one, so replicas silently differ.
        """,
    fix="Pin the image by digest, or set `imagePullPolicy: Always`.",
    bad="""
        containers:
          - name: web
            image: ghcr.io/acme/web:2.1
            imagePullPolicy: IfNotPresent
        """,
    good="""
        containers:
          - name: web
            image: ghcr.io/acme/web:2.1
            imagePullPolicy: Always
        """,
    notes="""
        Digest-pinned images are exempt, unlike Checkov CKV_K8S_15 (which wants `Always` even for
        a digest): a cached image cannot be stale when the digest names it. Otherwise the verdicts
        agree, including the default policy Kubernetes applies when the field is absent. A
        templated image or pull policy is skipped, and so is a container read from the values of
        a chart that could not be rendered, unless it states the policy itself: its templates
        decide the default.
        """,
    superseded_by=("REG004",),
    refs=(
        "CKV_K8S_15",
        "kube-score container-image-pull-policy",
        "Polaris pullPolicyNotAlways",
        "Kubescape C-0075",
        "Kyverno imagepullpolicy-always",
    ),
)
def pull_policy_allows_stale_image(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for use in container_images(pod):
        if use.image.digest is not None:
            continue
        node = use.container.node.get("imagePullPolicy")
        if node is not None and not (isinstance(node, YScalar) and isinstance(node.value, str)):
            continue
        if isinstance(node, YScalar) and isinstance(node.value, str):
            policy, at, how = node.value, node, "sets"
        elif pod.resource.partial is not None:
            continue  # a pod assembled from chart values: the templates may well set the policy
        else:
            policy = "Always" if use.image.floating else "IfNotPresent"
            at, how = use.node, "defaults to"
        if policy not in _CACHING:
            continue
        yield Violation(
            f"{use.describe()} has no digest and {how} imagePullPolicy {policy}; nodes keep a stale image "
            "when the tag moves: pin the digest or set imagePullPolicy: Always",
            at=at,
            about=use.about,
            evidence=f"{use.about}|{use.image.name}|{policy}",
        )
