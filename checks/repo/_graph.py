"""The repository graph shared by the REPO rules: kustomization entries, directories, what a
deploy path reaches, render units and the clusters they target."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.context import Context
from linter.discovery import KUSTOMIZATION_NAMES
from linter.k8s import Resource
from linter.kustomize.errors import RenderError
from linter.kustomize.spec import Kustomization, is_remote, read_kustomization
from linter.repository import Repository
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


def kustomizations(repo: Repository) -> Iterator[tuple[SourceFile, Kustomization]]:
    for source in repo.files:
        if source.kind == FileKind.KUSTOMIZATION and not source.fatal:
            try:
                yield source, read_kustomization(source, strict=False)
            except RenderError:
                continue


def directories(repo: Repository) -> set[str]:
    found = {""}
    for source in repo.files:
        directory = posixpath.dirname(source.path)
        while directory not in found:
            found.add(directory)
            directory = posixpath.dirname(directory)
    return found


def has_kustomization(repo: Repository, directory: str) -> bool:
    return any(repo.file(f"{directory}/{name}" if directory else name) is not None for name in KUSTOMIZATION_NAMES)


def normal(path: str) -> str:
    joined = posixpath.normpath(path.strip().lstrip("/"))
    return "" if joined in (".", "") else joined


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


def reachable(repo: Repository, directory: str) -> set[str]:
    """Files a deploy tool reads from ``directory``: through its kustomization (resources,
    components, generators, patches), or, without one, every file below it."""
    if not has_kustomization(repo, directory):
        prefix = f"{directory}/" if directory else ""
        return {s.path for s in repo.files if s.path.startswith(prefix)}
    specs = {posixpath.dirname(s.path): k for s, k in kustomizations(repo)}
    dirs = directories(repo)
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
    scope: str | None  # the cluster it targets, when it can be told
    resources: list[Resource] = field(default_factory=list)


def _scope_of_flux(resource: Resource) -> str:
    parts = resource.src.split("/")
    return f"flux:{'/'.join(parts[:2])}" if len(parts) > 2 and parts[0] == "clusters" else "flux:repository"


def render_units(ctx: Context) -> list[Unit]:
    """Kustomize roots and Helm releases (as rendered), Argo CD / Flux paths without a
    kustomization, and every other manifest file on its own, each with the cluster it targets."""
    repo = ctx.repo
    scopes: dict[str, str] = {}  # directory -> cluster scope
    for app in ctx.gitops.argo_apps:
        destination = app.destination
        target = (destination.text("server") or destination.text("name")) if destination is not None else None
        for source in app.sources:
            path = source.text("path")
            if path is not None and target and ctx.gitops.is_this_repo(source.text("repoURL")):
                scopes.setdefault(normal(path), f"argo:{target}")
    for kustomization in ctx.gitops.flux_objects("Kustomization"):
        spec = kustomization.root.map("spec")
        path = spec.text("path") if spec is not None else None
        if path is not None:
            scopes.setdefault(normal(path), _scope_of_flux(kustomization))
    units: dict[str, Unit] = {}
    raw_dirs = {d for d in scopes if not has_kustomization(repo, d)}
    for resource in repo.resources:
        if resource.render_root is not None:
            first = resource.render_root.split(" ", 1)[0]
            directory = posixpath.dirname(first) if first.rpartition("/")[2] in KUSTOMIZATION_NAMES else first
            key, scope = resource.render_root, scopes.get(directory)
        else:
            owner = next(
                (d for d in sorted(raw_dirs, key=len, reverse=True) if not d or resource.src.startswith(d + "/")), None
            )
            key = f"{owner}/" if owner is not None else resource.src
            scope = scopes.get(owner) if owner is not None else None
        units.setdefault(key, Unit(key, scope)).resources.append(resource)
    return list(units.values())


def object_key(resource: Resource) -> tuple[str, str, str, str]:
    from linter.kustomize.objects import CLUSTER_SCOPED

    namespace = "" if resource.kind in CLUSTER_SCOPED else (resource.effective_namespace or "")
    return resource.group, resource.kind, namespace, resource.name or ""


def name_node(resource: Resource) -> YNode:
    metadata = resource.metadata
    node = metadata.get("name") if isinstance(metadata, YMap) else None
    return node if node is not None else resource.kind_node()
