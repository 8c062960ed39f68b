"""REG005 image-not-digest-pinned."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._overrides import unpinned_kustomize_override
from checks.registry._workload_images import container_images
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG005",
    slug="image-not-digest-pinned",
    title="A workload container image is not pinned by digest.",
    severity=Severity.LOW,
    nist=("4.2.2", "4.1.5"),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports containers whose `image` is not pinned by `@sha256:` followed by 64 lowercase hex
        digits. Containers that REG004 (no tag or `latest`) or REG011 (an image built in this
        repository) report are left to those rules, and so are images set by a kustomization
        `images:` override that REG009 reports. Off by default: enable it to enforce a
        digest-pinning policy, as recommended for production.
        """,
    rationale="""
        A version tag can be pushed again. Without a digest, nodes that pull at different times
        can run different content under the same name, and what runs is not provably what was
        scanned and approved.
        """,
    fix="Reference the image by digest (`repo:tag@sha256:...`), updated by automation.",
    bad="""
        containers:
          - name: web
            image: nginx:1.27.2
        """,
    good="""
        containers:
          - name: web
            image: nginx:1.27.2@sha256:d2eb56950b84efe34f966a2b92efb1a1a2ea53e7e93b94cdf45a27cf3cd47fc0
        """,
    notes="""
        Same verdict as Checkov CKV_K8S_43 (an image without `@`-digest fails), except that
        templated values (`$`, `{{`) are skipped and a malformed digest does not count as a pin.
        The override exemption is applied when REG009 runs in the same scan (a disabled REG009
        leaves the container to this rule); Argo CD overrides are not rendered into the objects,
        so REG010 never overlaps with this rule.
        """,
    superseded_by=("REG004", "REG011"),
    refs=("CKV_K8S_43", "Kyverno require-image-checksum"),
)
def image_not_digest_pinned(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for use in container_images(pod):
        if use.image.pinned:
            continue
        if "REG009" in ctx.enabled and unpinned_kustomize_override(use.node, ctx):
            continue
        yield Violation(
            f"{use.describe()} is not pinned by digest; deploy it as repo:tag@sha256:<digest>",
            at=use.node,
            about=use.about,
            evidence=f"{use.about}|{use.image.name}",
        )
