"""The repository graph shared by the REPO rules: kustomization entries, directories, what a
deploy path reaches, render units and the clusters they target."""

from __future__ import annotations

import bisect
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.context import Context
from linter.discovery import KUSTOMIZATION_NAMES
from linter.gitops.scopes import cluster_scopes
from linter.k8s import Resource
from linter.kustomize.errors import RenderError
from linter.kustomize.spec import Kustomization, is_remote, read_kustomization
from linter.repository import Repository
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


def kustomizations(ctx: Context) -> list[tuple[SourceFile, Kustomization]]:
    """Every readable kustomization of the tree (read once per scan)."""

    def read() -> list[tuple[SourceFile, Kustomization]]:
        found = []
        for source in ctx.repo.files:
            if source.kind == FileKind.KUSTOMIZATION and not source.fatal:
                try:
                    found.append((source, read_kustomization(source, strict=False)))
                except RenderError:
                    continue
        return found

    return ctx.shared("repo.kustomizations", read)


def directories(ctx: Context) -> set[str]:
    """Every directory that holds a file, and their parents ("" is the root)."""

    def collect() -> set[str]:
        found = {""}
        for source in ctx.repo.files:
            directory = posixpath.dirname(source.path)
            while directory not in found:
                found.add(directory)
                directory = posixpath.dirname(directory)
        return found

    return ctx.shared("repo.directories", collect)


def _files_under(ctx: Context, directory: str) -> set[str]:
    paths = ctx.shared("repo.sorted-paths", lambda: sorted(s.path for s in ctx.repo.files))
    if not directory:
        return set(paths)
    prefix = directory + "/"
    start = bisect.bisect_left(paths, prefix)
    end = bisect.bisect_left(paths, directory + "0")  # "0" sorts right after "/"
    return set(paths[start:end])


def has_kustomization(repo: Repository, directory: str) -> bool:
    return any(repo.file(f"{directory}/{name}" if directory else name) is not None for name in KUSTOMIZATION_NAMES)


def _strings(node: YNode | None) -> Iterator[YScalar]:
    if isinstance(node, YSeq):
        for item in node.items:
            if isinstance(item, YScalar) and isinstance(item.value, str):
                yield item
    elif isinstance(node, YScalar) and isinstance(node.value, str):
        yield node


def local_entries(spec: Kustomization) -> Iterator[tuple[str, str, YScalar]]:
    """(field, path relative to the scan root, node) of every local path a kustomization names."""
    root = spec.root

    def paths(field: str, node: YNode | None, strip_key: bool = False) -> Iterator[tuple[str, str, YScalar]]:
        for item in _strings(node):
            text = item.value if isinstance(item.value, str) else ""
            if strip_key and "=" in text:
                text = text.split("=", 1)[1]
            if text and not is_remote(text) and "\n" not in text:
                yield field, spec.resolve(text), item

    for name in ("resources", "bases", "components", "crds"):
        yield from paths(name, root.get(name))
    for item in _strings(root.get("patchesStrategicMerge")):
        if isinstance(item.value, str) and ":" not in item.value and "\n" not in item.value:
            yield "patchesStrategicMerge", spec.resolve(item.value), item
    for name in ("patches", "patchesJson6902", "replacements"):
        seq = root.seq(name)
        for entry in seq.maps() if seq is not None else ():
            yield from paths(name, entry.get("path"))
    for name in ("configMapGenerator", "secretGenerator"):
        seq = root.seq(name)
        for entry in seq.maps() if seq is not None else ():
            yield from paths(name, entry.get("files"), strip_key=True)
            yield from paths(name, entry.get("envs"))
            yield from paths(name, entry.get("env"))
    charts = root.seq("helmCharts")
    for entry in charts.maps() if charts is not None else ():
        yield from paths("helmCharts", entry.get("valuesFile"))
    openapi = root.map("openapi")
    if openapi is not None:
        yield from paths("openapi", openapi.get("path"))


def reachable(ctx: Context, directory: str) -> set[str]:
    """Files a deploy tool reads from ``directory``: through its kustomization (resources,
    components, generators, patches), or, without one, every file below it."""
    cache: dict[str, set[str]] = ctx.shared("repo.reachable", dict)
    if directory not in cache:
        cache[directory] = _reachable(ctx, directory)
    return cache[directory]


def _reachable(ctx: Context, directory: str) -> set[str]:
    repo = ctx.repo
    if not has_kustomization(repo, directory):
        return _files_under(ctx, directory)
    specs = {posixpath.dirname(s.path): k for s, k in kustomizations(ctx)}
    dirs = directories(ctx)
    seen: set[str] = set()
    files: set[str] = set()
    stack = [directory]
    while stack:
        current = stack.pop()
        if current in seen or current not in specs:
            continue
        seen.add(current)
        spec = specs[current]
        files.add(spec.path)
        for _, path, _ in local_entries(spec):
            if repo.file(path) is not None:
                files.add(path)
            elif path in dirs:
                stack.append(path)
    return files


@dataclass(slots=True)
class Unit:
    """A render unit: what one deploy tool applies together."""

    label: str
    scopes: frozenset[str]  # the clusters it targets (empty when they cannot be told)
    standalone: bool  # a manifest file no kustomization, Helm release or deploy path reaches
    resources: list[Resource] = field(default_factory=list)


def render_units(ctx: Context) -> list[Unit]:
    """Kustomize roots and Helm releases (as rendered), Argo CD / Flux paths without a
    kustomization, and every other manifest file on its own, each with the cluster it targets."""
    return ctx.shared("repo.render-units", lambda: _render_units(ctx))


def _render_units(ctx: Context) -> list[Unit]:
    repo = ctx.repo
    scopes = cluster_scopes(ctx)
    raw_dirs = {d for d in scopes.by_directory if not has_kustomization(repo, d)}
    units: dict[str, Unit] = {}
    for resource in repo.resources:
        scope = scopes.of(resource)
        if resource.render_root is not None:
            key, standalone = resource.render_root, False
        else:
            owner = scopes.raw_owner(resource.src, raw_dirs)
            key, standalone = (f"{owner}/", False) if owner is not None else (resource.src, True)
        units.setdefault(key, Unit(key, scope, standalone)).resources.append(resource)
    return list(units.values())


def object_key(resource: Resource) -> tuple[str, str, str, str]:
    from linter.kustomize.objects import CLUSTER_SCOPED

    namespace = "" if resource.kind in CLUSTER_SCOPED else (resource.effective_namespace or "")
    return resource.group, resource.kind, namespace, resource.name or ""


def name_node(resource: Resource) -> YNode:
    metadata = resource.metadata
    node = metadata.get("name") if isinstance(metadata, YMap) else None
    return node if node is not None else resource.kind_node()
