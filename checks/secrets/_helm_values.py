"""Every place a repository gives Helm values: chart values files, files named by Argo CD
`helm.valueFiles`, Flux `valuesFiles` and kustomize `helmCharts[].valuesFile`, Argo CD
`helm.values`/`valuesObject`/`parameters`, Flux HelmRelease `spec.values` and kustomize
`helmCharts[].valuesInline`. Read as written, without rendering anything."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._values import is_sops_encrypted
from linter.embedded import parse_embedded
from linter.k8s import Resource
from linter.repository import Repository
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


@dataclass(slots=True)
class ValuesTree:
    label: str  # e.g. "values of Application argocd/status-page"
    root: YMap


@dataclass(slots=True)
class Parameter:
    label: str
    entry: YMap  # {name, value}


def values_sources(repo: Repository) -> tuple[list[ValuesTree], list[Parameter]]:
    trees: list[ValuesTree] = []
    parameters: list[Parameter] = []
    seen: set[int] = set()

    def add_file(path: str, label: str) -> None:
        source = repo.file(posixpath.normpath(path))
        if source is None or source.fatal:
            return
        for doc in source.docs:
            if isinstance(doc.root, YMap) and id(doc.root) not in seen and not is_sops_encrypted(doc.root):
                seen.add(id(doc.root))
                trees.append(ValuesTree(f"{label} {source.path}", doc.root))

    def add_tree(root: YNode | None, label: str) -> None:
        if isinstance(root, YMap) and id(root) not in seen:
            seen.add(id(root))
            trees.append(ValuesTree(label, root))

    for source in repo.files:
        if source.kind == FileKind.HELM_VALUES:
            add_file(source.path, "values file")
        elif source.kind == FileKind.KUSTOMIZATION and not source.fatal:
            for tree, path in _kustomize_values(source):
                if path is not None:
                    add_file(path, "helmCharts values file")
                else:
                    add_tree(tree, f"helmCharts valuesInline in {source.path}")
    for resource in repo.resources:
        if resource.group == "argoproj.io" and resource.kind in ("Application", "ApplicationSet"):
            for helm, base in _argo_helm(resource):
                label = f"Helm values of {resource.describe()}"
                inline = helm.scalar("values")
                if inline is not None and isinstance(inline.value, str):
                    for doc in parse_embedded(inline, repo.file(inline.src)).docs:
                        add_tree(doc.root, label)
                add_tree(helm.map("valuesObject"), label)
                params = helm.seq("parameters")
                parameters.extend(Parameter(label, entry) for entry in (params.maps() if params else ()))
                for item in _strings(helm.seq("valueFiles")):
                    if base is not None and not item.startswith(("$", "/", "http://", "https://")):
                        add_file(posixpath.join(base, item), "values file")
        elif resource.group == "helm.toolkit.fluxcd.io" and resource.kind == "HelmRelease":
            spec = resource.root.map("spec")
            add_tree(spec.map("values") if spec else None, f"values of {resource.describe()}")
            files = spec.at("chart.spec.valuesFiles") if spec else None
            for item in _strings(files if isinstance(files, YSeq) else None):
                add_file(item.removeprefix("./"), "values file")
    return trees, parameters


def _strings(seq: YSeq | None) -> list[str]:
    if seq is None:
        return []
    return [item.value for item in seq.items if isinstance(item, YScalar) and isinstance(item.value, str)]


def _argo_helm(resource: Resource) -> Iterator[tuple[YMap, str | None]]:
    spec = resource.root.map("spec")
    if spec is not None and resource.kind == "ApplicationSet":
        spec = spec.at("template.spec") if isinstance(spec.at("template.spec"), YMap) else None  # type: ignore[assignment]
    if spec is None:
        return
    single, many = spec.map("source"), spec.seq("sources")
    for source in [single] if single is not None else list(many.maps()) if many is not None else []:
        helm = source.map("helm")
        if helm is not None:
            path = source.text("path")
            yield helm, posixpath.normpath(path.strip("/")) if path else None


def _kustomize_values(source: SourceFile) -> Iterator[tuple[YMap | None, str | None]]:
    base = posixpath.dirname(source.path)
    for doc in source.docs:
        charts = doc.root.seq("helmCharts") if isinstance(doc.root, YMap) else None
        for chart in charts.maps() if charts is not None else ():
            inline = chart.map("valuesInline")
            if inline is not None:
                yield inline, None
            files = [chart.text("valuesFile"), *_strings(chart.seq("additionalValuesFiles"))]
            for path in files:
                if path and "://" not in path:
                    yield None, posixpath.join(base, path)
