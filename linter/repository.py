"""The scanned set as one model: files, Kubernetes objects, pod templates and Dockerfiles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from linter import problems as P
from linter.config import Config
from linter.discovery import Discovery, chart_of
from linter.dockerfile import Dockerfile
from linter.embedded import EMBEDDED_YAML, parse_embedded
from linter.globs import matches_any
from linter.helm.charts import render_charts
from linter.k8s import PodSpec, Resource, pod_spec_of, resource_from
from linter.kustomization import is_kustomize_config, patch_paths
from linter.kustomize.roots import render_roots
from linter.loader import load_file
from linter.problems import Problem
from linter.sourcefile import FileKind, SourceFile

# Only these kinds of file can hold Kubernetes objects.
_MANIFEST_KINDS = frozenset({FileKind.YAML, FileKind.JSON})
ROLE_PATCH = "kustomize-patch"


@dataclass(slots=True)
class Repository:
    root: Path
    files: list[SourceFile] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    pod_specs: list[PodSpec] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    _by_path: dict[str, SourceFile] | None = None

    @property
    def dockerfiles(self) -> list[Dockerfile]:
        return [f.dockerfile for f in self.files if f.dockerfile is not None and not f.fatal]

    def file(self, path: str) -> SourceFile | None:
        if self._by_path is None or len(self._by_path) != len(self.files):
            self._by_path = {source.path: source for source in self.files}
        return self._by_path.get(path)


def build_repository(discovery: Discovery, config: Config, *, render: bool = True) -> Repository:
    files = [
        load_file(entry, max_bytes=config.max_file_bytes, alias_limit=config.yaml_alias_limit)
        for entry in discovery.files
    ]
    files.extend(escaped_link(link, target) for link, target in discovery.escaped_links)
    return assemble(discovery.root, files, discovery.charts, config, render=render)


def escaped_link(link: str, target: str) -> SourceFile:
    """A symlink that points out of the scanned tree: never followed, reported as unreadable."""
    source = SourceFile(link, FileKind.OTHER)
    source.problems.append(
        Problem(
            P.UNREADABLE,
            f"symlink to {target!r} leaves the scanned tree; not followed",
            fatal=True,
            evidence="symlink-escape",
        )
    )
    return source


def assemble(
    root: Path, files: list[SourceFile], charts: Iterable[str], config: Config, *, render: bool = True
) -> Repository:
    """Build the model from files that are already read (a work tree or a git commit).
    ``render=False`` takes every object as written (a file-local scan has not read what a
    kustomization or chart would need)."""
    repo = Repository(root, files, charts=sorted(charts))
    _mark_patches(files)
    raw = list(_raw_resources(files, config))
    if not render:
        for resource in raw:
            _add(repo, resource, config)
        return repo
    helm = render_charts(files, repo.charts, raw, config.helm_renderer)
    _note_unrendered_charts(repo, helm.rendered_charts)
    for resource in helm.resources:
        _add(repo, resource, config)
    rendering = render_roots(files, raw)
    for resource in raw:
        if resource.src not in rendering.covered:
            _add(repo, resource, config)
    for rendered_root in rendering.roots:
        for obj in rendered_root.objects:
            rendered = resource_from(obj.root, obj.origin_src, obj.origin_doc)
            if rendered is None:
                continue
            rendered.render_root = rendered_root.path
            origin = obj.origin
            rendered.origin_identity = f"{origin.group}/{origin.kind}/{origin.namespace}/{origin.name}"
            _add(repo, rendered, config)
    return repo


def _raw_resources(files: list[SourceFile], config: Config) -> Iterator[Resource]:
    for source in files:
        if source.kind not in _MANIFEST_KINDS or source.fatal or source.role == ROLE_PATCH:
            continue
        if config.non_manifest_paths and matches_any(source.path, config.non_manifest_paths):
            continue
        for doc in source.docs:
            resource = resource_from(doc.root, source.path, doc.index)
            if resource is not None and not is_kustomize_config(resource.api_version):
                yield resource


def _add(repo: Repository, resource: Resource, config: Config) -> None:
    repo.resources.append(resource)
    _parse_embedded(repo, resource)
    resource.pod = pod_spec_of(resource, config.extra_pod_kinds)
    if resource.pod is not None:
        repo.pod_specs.append(resource.pod)


def _parse_embedded(repo: Repository, resource: Resource) -> None:
    keys = EMBEDDED_YAML.get((resource.kind, resource.name or ""))
    data = resource.root.map("data") if keys and resource.group == "" else None
    if data is None:
        return
    for key in keys or ():
        value = data.scalar(key)
        if value is None or not isinstance(value.value, str):
            continue
        outer = repo.file(value.src)
        parsed = parse_embedded(value, outer)
        roots = [d.root for d in parsed.docs if d.root is not None]
        if parsed.fatal or len(roots) > 1:
            resource.embedded[key] = None
            problem = parsed.problems[0] if parsed.problems else None
            if outer is not None:
                span = (value.key or value).span()
                reason = problem.message if problem is not None else "more than one YAML document"
                outer.problems.append(
                    Problem(
                        P.YAML_SYNTAX,
                        f"{resource.describe()} data.{key} is not valid YAML ({reason}); its entries were not checked",
                        span.line,
                        span.col,
                        span.end_line,
                        span.end_col,
                        evidence=f"embedded:{key}",
                    )
                )
        else:
            resource.embedded[key] = roots[0] if roots else None


def _mark_patches(files: list[SourceFile]) -> None:
    """Kustomize patches are partial objects; until overlays are rendered they are not judged alone."""
    by_path = {f.path: f for f in files}
    for source in files:
        if source.kind == FileKind.KUSTOMIZATION and not source.fatal:
            for path in patch_paths(source):
                target = by_path.get(path)
                if target is not None:
                    target.role = ROLE_PATCH


def _note_unrendered_charts(repo: Repository, rendered: set[str]) -> None:
    templates: Counter[str] = Counter()
    first_template: dict[str, SourceFile] = {}
    chart_files: dict[str, SourceFile] = {}
    if not repo.charts:
        return
    charts = set(repo.charts)
    for source in repo.files:
        chart = chart_of(source.path, charts)
        if chart is None:
            continue
        if source.kind == FileKind.HELM_TEMPLATE:
            templates[chart] += 1
            first_template.setdefault(chart, source)
        elif source.kind == FileKind.HELM_CHART:
            chart_files[chart] = source
    for chart, count in sorted(templates.items()):
        if chart in rendered:
            continue
        holder = chart_files.get(chart) or first_template[chart]
        name = chart or "."
        holder.problems.append(
            Problem(
                P.NOT_RENDERED,
                f"Helm chart {name!r} was not rendered: its {count} template file(s) were not checked "
                "(install gitops-lint[helm] or a helm binary to render it)",
                evidence=f"chart:{name}",
            )
        )
