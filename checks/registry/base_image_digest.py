"""REG002 base-image-not-digest-pinned."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._dockerfile_images import image_uses
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG002",
    slug="base-image-not-digest-pinned",
    title="A Dockerfile image reference is not pinned by digest.",
    severity=Severity.LOW,
    nist=("4.1.5", "4.2.2", "4.1.1"),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports images pulled by `FROM`, `COPY --from=<image>` or `RUN --mount=...,from=<image>`
        that are not pinned by `@sha256:` followed by 64 lowercase hex digits. References REG001
        already reports (no tag, or `latest`) are left to it. Off by default: enable it to enforce
        a digest-pinning policy, as recommended for production images.
        """,
    rationale="""
        A tag is a pointer the registry owner can move. Only a digest makes the image that was
        scanned and reviewed the one the build actually starts from, and identifies it without
        ambiguity when an advisory names a vulnerable base.
        """,
    fix="Append `@sha256:<digest>` (keep the tag for readability) and let Renovate/Dependabot refresh it.",
    bad="""
        FROM python:3.12.7-slim
        """,
    good="""
        FROM python:3.12.7-slim@sha256:2a6386ad2db20e7f55073f69a98d6da2cf9f168e05e7487d2670baeb9b7601c5
        """,
    notes="""
        A digest that is not `sha256:` plus 64 lowercase hex digits (a truncated or upper-case
        digest) does not count as a pin. Stage names, `scratch` and references that still contain
        an unresolved variable are skipped, as in REG001.
        """,
    example_lang="dockerfile",
    superseded_by=("REG001",),
    refs=("CIS Docker 4.2",),
)
def base_image_not_digest_pinned(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        if use.image.pinned:
            continue
        yield Violation(
            f"{use.describe()} is not pinned by digest; append @sha256:<digest> to the reference",
            at=FixedSpan(use.span),
            evidence=f"{use.instruction.keyword} {use.image.name}",
        )
