"""Which kustomizations to render, and the repository-level result of rendering them.

A render root is a kustomization that no other kustomization in the tree includes, or one that
an Argo CD Application or a Flux Kustomization points at. Files read by a root that rendered are
checked through its rendered objects; a root that could not be rendered leaves its files to be
checked as plain manifests, and says why (PARSE005 for what we never render, PARSE006 for errors).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from linter import problems as P
from linter.gitops.paths import artifact_copies, flux_path, normal
from linter.k8s import Resource
from linter.kustomize.build import Builder
from linter.kustomize.errors import NotRendered, RenderError
from linter.kustomize.objects import RObject
from linter.kustomize.spec import read_kustomization
from linter.problems import Problem
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap


@dataclass(slots=True)
class RenderedRoot:
    path: str  # the root's kustomization file
    objects: list[RObject]


@dataclass(slots=True)
class Rendering:
    roots: list[RenderedRoot] = field(default_factory=list)
    covered: set[str] = field(default_factory=set)  # files whose objects were rendered


def render_roots(files: list[SourceFile], resources: Iterable[Resource]) -> Rendering:
    by_path = {f.path: f for f in files}
    builder = Builder(by_path)
    rendering = Rendering()
    for directory in find_roots(files, resources, builder):
        source = builder.kustomization_in(directory)
        assert source is not None
        try:
            build = builder.build(directory)
        except RenderError as error:
            source.problems.append(_problem(source, error))
            continue
        rendering.roots.append(RenderedRoot(source.path, build.objects))
        rendering.covered.update(build.files)
    return rendering


def find_roots(files: list[SourceFile], resources: Iterable[Resource], builder: Builder) -> list[str]:
    kustomizations = [f for f in files if f.kind == FileKind.KUSTOMIZATION and not f.fatal]
    included: set[str] = set()
    for source in kustomizations:
        try:
            spec = read_kustomization(source)
        except RenderError:
            continue
        if spec.kind == "Component":
            # Only built into a kustomization that lists it (or a Flux Kustomization's
            # `spec.components`), never on its own.
            included.add(posixpath.dirname(source.path))
        for entry in spec.resources + spec.components:
            path = spec.resolve(entry.value)
            if path in builder.directories:
                included.add(path)
    roots = {posixpath.dirname(s.path) for s in kustomizations} - included
    roots |= {d for d in _deploy_tool_paths(resources) if builder.kustomization_in(d) is not None}
    return sorted(roots)


def _deploy_tool_paths(resources: Iterable[Resource]) -> Iterable[str]:
    """Directories that an Argo CD Application or a Flux Kustomization may deploy from this tree
    (whichever repository their source names: an extra root is harmless, a missed one is not)."""
    resources = list(resources)
    copies = artifact_copies(resources, _any_source)
    for resource in resources:
        spec = resource.root.map("spec")
        if spec is None:
            continue
        if resource.group == "argoproj.io" and resource.kind == "Application":
            sources = [spec.map("source")] + [s for s in (spec.seq("sources") or ()) if isinstance(s, YMap)]
            for source in sources:
                path = source.text("path") if source is not None else None
                if path:
                    yield normal(path)
        elif resource.group == "kustomize.toolkit.fluxcd.io" and resource.kind == "Kustomization":
            path = flux_path(resource, copies, _any_source)
            if path is not None:
                yield path


def _any_source(kind: str | None, name: str | None, namespace: str | None) -> bool:
    return True


def _problem(source: SourceFile, error: RenderError) -> Problem:
    node = error.node
    kind = P.NOT_RENDERED if isinstance(error, NotRendered) else P.RENDER_FAILED
    verb = "not rendered" if kind == P.NOT_RENDERED else "kustomize build failed"
    if node is not None and node.src == source.path:
        span = node.span()
        return Problem(
            kind, f"{verb}: {error.message}", span.line, span.col, span.end_line, span.end_col, evidence=error.message
        )
    where = f" (at {node.src}:{node.span().line})" if node is not None else ""
    return Problem(kind, f"{verb}: {error.message}{where}", evidence=error.message)
