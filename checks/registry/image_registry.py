"""REG006 image-untrusted-registry."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checks.registry._image_sites import argo_sites, kustomize_name_sites, workload_sites
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG006",
    slug="image-untrusted-registry",
    title="A workload image (or image override) comes from a registry that is not on the trusted list.",
    severity=Severity.HIGH,
    nist=("4.1.5",),
    target=Target.REPO,
    summary="""
        When `trusted_registries` is set, reports workload container images, kustomization
        `images[].newName` values and Argo CD `kustomize.images` override targets whose
        normalised `registry/repository` is not under any entry (whole path components only).
        Without `trusted_registries` the rule stays silent.
        """,
    rationale="""
        The registry decides what code a cluster runs. Images from registries outside the
        organisation's vetted set bypass its scanning, signing and mirroring, and a typo-squatted
        or taken-over namespace runs with the workload's privileges.
        """,
    fix="Pull from (or mirror into) a trusted registry, or extend `trusted_registries`.",
    bad="""
        containers:
          - name: web
            image: quay.io/someone/web:1.4.0
        """,
    good="""
        containers:
          - name: web
            image: ghcr.io/acme/web:1.4.0
        """,
    notes="""
        `docker.io` images are normalised first (`nginx` is `docker.io/library/nginx`). A
        container whose image a kustomization `images:` entry renames is reported once, at the
        entry's `newName`. Templated values (`$`, `{{`) are skipped. Same verdict as Trivy KSV125
        and Kyverno restrict-image-registries for the registries they are given; those compare
        prefixes as plain strings, this rule on path-component boundaries.
        """,
    example_config=(("trusted_registries", ["ghcr.io/acme"]),),
    refs=(
        "KSV125",
        "KSV032-KSV035 (deprecated variants)",
        "Kubescape C-0078",
        "Kubescape C-0001",
        "Kyverno restrict-image-registries",
    ),
)
def image_untrusted_registry(repo: Repository, ctx: Context) -> Iterator[Violation]:
    trusted = ctx.config.trusted_registries
    if not trusted:
        return
    for site in itertools.chain(workload_sites(ctx), kustomize_name_sites(ctx), argo_sites(ctx)):
        if not any(site.image.under(entry) for entry in trusted):
            yield site.violation(
                f"comes from {site.image.name!r}, which is not under any trusted_registries entry; "
                "pull it from a trusted (or mirrored) registry"
            )
