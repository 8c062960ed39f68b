"""REG001 base-image-latest-tag."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._dockerfile_images import image_uses
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG001",
    slug="base-image-latest-tag",
    title="A Dockerfile image reference has no tag or uses `latest`.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.1.5"),
    target=Target.DOCKERFILE,
    summary="""
        Reports images pulled by `FROM`, `COPY --from=<image>` or `RUN --mount=...,from=<image>`
        that have no digest and either no tag or the tag `latest`. Stage names, `scratch` and
        references that still contain an unresolved variable are skipped; `ARG` defaults declared
        before the first `FROM` are substituted.
        """,
    rationale="""
        `latest` (or no tag) names whatever the registry serves at build time. Two builds of the same
        commit can produce different images, a compromised or broken upstream push is picked up
        silently, and nobody can tell afterwards which base an image was built on.
        """,
    fix="Pin an explicit version tag, ideally with its digest (`image:1.2.3@sha256:...`).",
    bad="""
        FROM python
        COPY --from=ghcr.io/acme/tools:latest /bin/tool /usr/local/bin/tool
        """,
    good="""
        FROM python:3.12.7-slim@sha256:2a6386ad2db20e7f55073f69a98d6da2cf9f168e05e7487d2670baeb9b7601c5
        COPY --from=ghcr.io/acme/tools:1.8.0 /bin/tool /usr/local/bin/tool
        """,
    notes="""
        Same verdicts as Checkov CKV_DOCKER_7 and hadolint DL3006/DL3007 on `FROM`, except that
        `FROM scratch` is not reported (Checkov fails it for lacking a `:`; it is no image) and
        `COPY --from` / `RUN --mount from=` images are judged too. A registry port
        (`localhost:5000/base`) is not a tag.
        """,
    example_lang="dockerfile",
    refs=("CKV_DOCKER_7", "DS001", "DL3006", "DL3007"),
)
def base_image_latest_tag(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        if not use.image.floating:
            continue
        problem = "has no tag (pulls :latest)" if use.image.tag is None else "uses the mutable :latest tag"
        yield Violation(
            f"{use.describe()} {problem}; pin a version tag and digest",
            at=FixedSpan(use.span),
            evidence=f"{use.instruction.keyword} {use.image.raw}",
        )
