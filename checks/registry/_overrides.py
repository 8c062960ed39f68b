"""Image and chart overrides written outside the manifests: kustomization `images:` and
`helmCharts:` entries, and Argo CD `kustomize.images` / `helm.parameters` of an Application."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.context import Context
from linter.gitops.model import ArgoApp
from linter.gitops.paths import artifact_copies, flux_path, normal
from linter.imageref import ImageRef, parse_image
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")


@dataclass(slots=True)
class KustomizeImage:
    """One `images:` entry of a kustomization."""

    source: SourceFile
    entry: YMap

    @property
    def name(self) -> str | None:
        return self.entry.text("name")

    def field(self, key: str) -> YScalar | None:
        node = self.entry.get(key)
        return node if isinstance(node, YScalar) and node.value not in (None, "") else None

    @property
    def pinned(self) -> bool:
        """A `digest:`, or a `newTag` that carries `@sha256:` itself."""
        digest, tag = self.field("digest"), self.field("newTag")
        return digest is not None or (tag is not None and "@sha256:" in tag.text)

    @property
    def changes(self) -> YScalar | None:
        """The `newTag` (else `newName`) this entry sets: what decides the deployed image."""
        return self.field("newTag") or self.field("newName")

    def target(self) -> ImageRef | None:
        """The image the entry deploys: newName (else name) with newTag and digest."""
        name = self.field("newName")
        text = name.text if name is not None else self.name
        if not text:
            return None
        tag, digest = self.field("newTag"), self.field("digest")
        if tag is not None:
            text += tag.text if tag.text.startswith("@") else f":{tag.text}"
        if digest is not None:
            text += f"@{digest.text}"
        return parse_image(text)


def kustomizations(ctx: Context) -> Iterator[tuple[SourceFile, YMap]]:
    """Every kustomization document (Kustomization or Component)."""
    for source in ctx.repo.files:
        if source.kind != FileKind.KUSTOMIZATION or source.fatal:
            continue
        for doc in source.docs:
            if isinstance(doc.root, YMap):
                yield source, doc.root


def kustomize_images(source: SourceFile, root: YMap) -> Iterator[KustomizeImage]:
    images = root.get("images")
    for entry in images.maps() if isinstance(images, YSeq) else ():
        yield KustomizeImage(source, entry)


def kustomization_is_prod(source: SourceFile, root: YMap, ctx: Context) -> bool:
    """PROD by the kustomization's path, namespace or name, or because a production Argo CD
    Application or Flux Kustomization deploys its directory."""
    if ctx.gitops.is_prod_text(source.path, root.text("namespace"), root.text_at("metadata.name")):
        return True
    return normal(posixpath.dirname(source.path)) in ctx.shared("registry.prod-dirs", lambda: _prod_dirs(ctx))


def _prod_dirs(ctx: Context) -> frozenset[str]:
    def any_source(*_: str | None) -> bool:
        return True  # which repository a path belongs to is not known offline; paths are compared

    found: set[str] = set()
    for app in ctx.gitops.argo_apps:
        if ctx.gitops.app_is_prod(app):
            found.update(normal(path) for source in app.sources if (path := source.text("path")))
    copies = artifact_copies(ctx.gitops.flux_objects("ArtifactGenerator"), any_source)
    for kustomization in ctx.gitops.flux_objects("Kustomization"):
        path = flux_path(kustomization, copies, any_source)
        if path is not None and ctx.gitops.is_prod(kustomization, path):
            found.add(path)
    return frozenset(found)


def override_of(node: YNode, ctx: Context) -> tuple[KustomizeImage, YMap] | None:
    """The kustomization `images:` entry (with its document) that wrote a rendered image value:
    the renderer locates the value at the entry's `digest`, else its `newTag`."""
    source = ctx.repo.file(node.src)
    if source is None or source.kind != FileKind.KUSTOMIZATION:
        return None
    for doc in source.docs:
        root = doc.root
        if not isinstance(root, YMap):
            continue
        for image in kustomize_images(source, root):
            decider = image.field("digest") or image.field("newTag")
            if decider is not None and (decider.line, decider.col) == (node.line, node.col):
                return image, root
    return None


def unpinned_kustomize_override(node: YNode, ctx: Context) -> bool:
    """Whether a rendered value was written by a production kustomization `images:` entry that sets
    a tag or name without a digest (what REG009 reports)."""
    found = override_of(node, ctx)
    return found is not None and not found[0].pinned and kustomization_is_prod(found[0].source, found[1], ctx)


@dataclass(slots=True)
class ArgoImage:
    """One `kustomize.images` string of an Argo CD source: `[old=]new[:tag][@digest]`."""

    app: ArgoApp
    node: YScalar
    text: str

    @property
    def target(self) -> ImageRef | None:
        return parse_image(self.text.split("=", 1)[-1])

    @property
    def pinned(self) -> bool:
        return _DIGEST.search(self.text.split("=", 1)[-1]) is not None


def argo_images(ctx: Context) -> Iterator[ArgoImage]:
    for app in ctx.gitops.argo_apps:
        for source in app.sources:
            images = source.at("kustomize.images")
            for item in images.items if isinstance(images, YSeq) else ():
                if isinstance(item, YScalar) and isinstance(item.value, str) and item.value.strip():
                    yield ArgoImage(app, item, item.value.strip())
