"""REG003 base-image-untrusted-registry."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._dockerfile_images import image_uses
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG003",
    slug="base-image-untrusted-registry",
    title="A Dockerfile pulls from a registry that is not on the trusted list.",
    severity=Severity.HIGH,
    nist=("4.1.5", "4.1.2"),
    target=Target.DOCKERFILE,
    summary="""
        When `trusted_registries` is set, reports images pulled by `FROM`, `COPY --from=<image>`
        or `RUN --mount=...,from=<image>` whose normalised `registry/repository` is not under any
        entry. Entries match whole path components: `ghcr.io/acme` covers `ghcr.io/acme/api`, not
        `ghcr.io/acme-evil/api`. Without `trusted_registries` the rule stays silent.
        """,
    rationale="""
        A base image is code that runs in every container built on it. Pulling it from an
        arbitrary registry or namespace skips the vetting, scanning and mirroring the
        organisation applies to the registries it trusts.
        """,
    fix="Use a base image from a trusted registry (or mirror it there) or extend `trusted_registries`.",
    bad="""
        FROM quay.io/someone/python:3.12
        """,
    good="""
        FROM ghcr.io/acme/base/python:3.12
        """,
    notes="""
        Images are normalised before matching: `python` is `docker.io/library/python`, and
        `index.docker.io` is `docker.io`, so trust Docker Hub official images with the entry
        `docker.io/library`. hadolint DL3026 gives the same verdict for registries it is told to
        allow, but it compares only the registry host; this rule also accepts host/path prefixes.
        """,
    example_lang="dockerfile",
    example_config=(("trusted_registries", ["ghcr.io/acme"]),),
    refs=("DL3026", "CIS Docker 4.2"),
)
def base_image_untrusted_registry(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    trusted = ctx.config.trusted_registries
    if not trusted:
        return
    for use in image_uses(dockerfile):
        if any(use.image.under(entry) for entry in trusted):
            continue
        yield Violation(
            f"{use.describe()} comes from {use.image.name!r}, which is not under any trusted_registries "
            "entry; use a trusted (or mirrored) base image",
            at=FixedSpan(use.span),
            evidence=f"{use.instruction.keyword} {use.image.name}",
        )
