"""Every place an image reference is written, for the REG rules that judge where an image comes
from: workload containers, kustomization `images[].newName`, Argo CD `kustomize.images`, and the
images a Dockerfile pulls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checks.registry._dockerfile_images import image_uses
from checks.registry._overrides import argo_images, kustomizations, kustomize_images, override_of
from checks.registry._workload_images import container_images
from linter.context import Context
from linter.imageref import ImageRef, parse_image
from linter.location import FixedSpan, Located
from linter.rule import Violation


@dataclass(slots=True)
class ImageSite:
    image: ImageRef
    at: Located
    what: str  # names the place, e.g. `container "web" image 'nginx:1'`
    key: str  # the place within its subject, stable when the tag changes (for fingerprints)
    subject: Any = None  # the Resource a finding is about (None: the file)
    about: str | None = None

    def violation(self, message: str) -> Violation:
        """A finding whose fingerprint survives a tag bump: the same place, the same repository."""
        return Violation(
            f"{self.what} {message}",
            at=self.at,
            subject=self.subject,
            about=self.about,
            evidence=f"{self.key}|{self.image.name}",
        )


def workload_sites(ctx: Context) -> Iterator[ImageSite]:
    """Container images; a value a kustomization `images:` entry renamed is left to that entry."""
    for pod in ctx.repo.pod_specs:
        for use in container_images(pod):
            override = override_of(use.node, ctx)
            if override is not None and override[0].field("newName") is not None:
                continue
            yield ImageSite(use.image, use.node, use.describe(), use.about, pod.resource, use.about)


def kustomize_name_sites(ctx: Context) -> Iterator[ImageSite]:
    for source, root in kustomizations(ctx):
        for entry in kustomize_images(source, root):
            node = entry.field("newName")
            image = parse_image(node.text) if node is not None else None
            if node is not None and image is not None:
                what = f"kustomization images entry {entry.name or '?'!r} newName {node.text!r}"
                yield ImageSite(image, node, what, f"images:{entry.name}:newName")


def argo_sites(ctx: Context) -> Iterator[ImageSite]:
    for override in argo_images(ctx):
        image = override.target
        if image is not None:
            what = f"{override.app.describe()} kustomize.images override {override.text!r}"
            key = "kustomize.images:" + (override.text.split("=", 1)[0] if "=" in override.text else image.name)
            yield ImageSite(image, override.node, what, key, override.app.resource)


def dockerfile_sites(ctx: Context) -> Iterator[ImageSite]:
    for dockerfile in ctx.repo.dockerfiles:
        for use in image_uses(dockerfile):
            yield ImageSite(use.image, FixedSpan(use.span), use.describe(), use.instruction.keyword)
