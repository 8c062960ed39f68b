"""REG004 image-latest-tag."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._workload_images import container_images
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG004",
    slug="image-latest-tag",
    title="A workload container image has no tag or uses `latest`.",
    severity=Severity.HIGH,
    nist=("4.2.2",),
    target=Target.POD_SPEC,
    summary="""
        Reports containers whose `image` has no digest and either no tag or the tag `latest`.
        Templated values (containing `$` or `{{`) are skipped.
        """,
    rationale="""
        A floating tag makes the running version depend on when each node pulled it: replicas can
        run different code, a rollback does not roll back, and a compromised upstream push reaches
        production on the next pod restart without any change in the repository.
        """,
    fix="Deploy an immutable version tag, ideally with its digest.",
    bad="""
        containers:
          - name: web
            image: nginx:latest
        """,
    good="""
        containers:
          - name: web
            image: nginx:1.27.2@sha256:d2eb56950b84efe34f966a2b92efb1a1a2ea53e7e93b94cdf45a27cf3cd47fc0
        """,
    superseded_by=("REG011",),
    refs=(
        "CKV_K8S_14",
        "KSV013",
        "kube-linter latest-tag",
        "kube-score container-image-tag",
        "Polaris tagNotSpecified",
        "Kubescape C-0075 (partial)",
        "Kyverno disallow-latest-tag",
    ),
)
def image_latest_tag(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for use in container_images(pod):
        if not use.image.floating:
            continue
        problem = "has no tag (runs :latest)" if use.image.tag is None else "uses the mutable :latest tag"
        yield Violation(f"{use.describe()} {problem}; deploy a version tag and digest", at=use.node, about=use.about)
