"""Render each Helm chart of the tree once per consumer (or once with its defaults when nothing in
the tree deploys it) and turn the output into located Resources."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from linter import problems as P
from linter.helm.consumers import Consumer, ConsumerError, candidates, find_consumers
from linter.helm.provenance import locate
from linter.helm.renderers import HelmFailed, HelmRenderer, find_renderer
from linter.helm.values import copy_values
from linter.helm.values_pod import pod_from_values
from linter.k8s import Resource, resource_from
from linter.problems import Problem
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YNode


@dataclass(slots=True)
class HelmRendering:
    resources: list[Resource] = field(default_factory=list)
    rendered_charts: set[str] = field(default_factory=set)


def render_charts(
    files: list[SourceFile], charts: list[str], resources: list[Resource], preference: str
) -> HelmRendering:
    """Render every chart once per release; a release that cannot be rendered is still judged by
    the conventional keys of its values (a partial stand-in pod)."""
    rendering = HelmRendering()
    if not charts:
        return rendering
    renderer = find_renderer(preference)
    by_path = {f.path: f for f in files}
    contents = _files_by_chart(files, charts)
    deployers = candidates(resources)
    for chart in charts:
        chart_file = by_path.get(f"{chart}/Chart.yaml" if chart else "Chart.yaml")
        if chart_file is None or chart_file.fatal:
            continue
        chart_files = contents.get(chart, {})
        if _render_chart(chart, chart_file, chart_files, by_path, deployers, resources, renderer, rendering):
            rendering.rendered_charts.add(chart)
    return rendering


def _files_by_chart(files: list[SourceFile], charts: list[str]) -> dict[str, dict[str, SourceFile]]:
    """Chart directory -> its files (subcharts included) by path inside the chart, in one pass."""
    wanted = set(charts)
    out: dict[str, dict[str, SourceFile]] = {}
    for source in files:
        directory = source.path
        while True:
            directory = posixpath.dirname(directory)
            if directory in wanted:
                out.setdefault(directory, {})[source.path[len(directory) + 1 if directory else 0 :]] = source
            if not directory:
                break
    return out


def _chart_bytes(chart_files: dict[str, SourceFile]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path, source in chart_files.items():
        text = source.text
        if text is not None:
            out[path] = text.encode("utf-8")
    return out


def _render_chart(
    chart: str,
    chart_file: SourceFile,
    chart_files: dict[str, SourceFile],
    files: dict[str, SourceFile],
    deployers: dict[str, list[Resource]],
    resources: list[Resource],
    renderer: HelmRenderer | None,
    rendering: HelmRendering,
) -> bool:
    metadata = chart_file.docs[0].root if chart_file.docs else None
    name = metadata.text("name") if isinstance(metadata, YMap) else None
    if not name or not isinstance(metadata, YMap):
        chart_file.problems.append(
            Problem(P.RENDER_FAILED, "Chart.yaml has no chart name; chart not rendered", evidence="chart-without-name")
        )
        return False
    _note_missing_dependencies(metadata, chart_file, chart_files)
    chart_bytes = _chart_bytes(chart_files)
    values_file = files.get(f"{chart}/values.yaml" if chart else "values.yaml")
    defaults = values_file.docs[0].root if values_file is not None and values_file.docs else None
    try:
        consumers: list[Consumer | None] = [*find_consumers(chart, deployers.get(chart, []), resources, files)]
    except ConsumerError as error:
        _problem_at(error.node, files, P.RENDER_FAILED, f"Helm values for chart {chart!r}: {error.message}")
        return False
    if not consumers:
        consumers = [None]  # nothing here deploys it: check it with its defaults
    rendered_any = False
    for consumer in consumers:
        values = copy_values(defaults) if isinstance(defaults, YMap) else YMap(chart_file.path, 1, 1, 1, 1)
        release, namespace, label = name, "default", f"{chart} (chart defaults)"
        if consumer is not None:
            values = consumer.apply(values)
            release, namespace, label = consumer.release, consumer.namespace, f"{chart} ({consumer.label})"
        output = None
        if renderer is not None:
            try:
                output = renderer.render(name, chart_bytes, values.to_python(), release, namespace)
            except HelmFailed as failure:
                _render_failure(chart, chart_file, files, failure, consumer)
        if output is None:
            source = consumer.resource.src if consumer is not None else chart_file.path
            stand_in = pod_from_values(name, values, label, source)
            if stand_in is not None:
                stand_in.effective_namespace = namespace
                rendering.resources.append(stand_in)
            continue
        rendered_any = True
        for template, text in sorted(output.items()):
            _add_objects(chart, template, text, files, values, namespace, label, rendering)
    return rendered_any


def _add_objects(
    chart: str,
    template: str,
    text: str,
    files: dict[str, SourceFile],
    values: YMap,
    namespace: str,
    label: str,
    rendering: HelmRendering,
) -> None:
    if not text.strip() or not template.endswith((".yaml", ".yml", ".json", ".tpl")):
        return
    path = f"{chart}/{template}" if chart else template
    source = files.get(path)
    located = locate(text, path, source.text or "" if source is not None else "", values)
    for doc in located.docs:
        resource = resource_from(doc.root, path, doc.index)
        if resource is None:
            continue
        resource.render_root = label
        resource.effective_namespace = resource.namespace or namespace
        rendering.resources.append(resource)


def _render_failure(
    chart: str, chart_file: SourceFile, files: dict[str, SourceFile], failure: HelmFailed, consumer: Consumer | None
) -> None:
    who = f" for {consumer.label}" if consumer is not None else ""
    message = f"helm template failed{who}: {failure.message}"
    template = (
        files.get(f"{chart}/{failure.template}" if chart else str(failure.template)) if failure.template else None
    )
    holder = template or chart_file
    line = failure.line if template is not None else 1
    holder.problems.append(Problem(P.RENDER_FAILED, message, line, 1, evidence=f"helm:{who}:{failure.message}"))


def _note_missing_dependencies(metadata: YMap, chart_file: SourceFile, chart_files: dict[str, SourceFile]) -> None:
    dependencies = metadata.seq("dependencies")
    vendored = {path.split("/")[1] for path in chart_files if path.startswith("charts/")}
    for dependency in dependencies.maps() if dependencies else ():
        name = dependency.text("name")
        if name and name not in vendored:
            node = dependency.get("name") or dependency
            span = node.span()
            chart_file.problems.append(
                Problem(
                    P.NOT_RENDERED,
                    f"dependency {name!r} is not a chart directory under charts/ (remote and packaged dependencies "
                    "are not rendered): its objects were not checked",
                    span.line,
                    span.col,
                    span.end_line,
                    span.end_col,
                    evidence=f"dependency:{name}",
                )
            )


def _problem_at(node: YNode, files: dict[str, SourceFile], kind: str, message: str) -> None:
    holder = files.get(node.src)
    if holder is None:
        return
    span = node.span()
    holder.problems.append(Problem(kind, message, span.line, span.col, span.end_line, span.end_col, evidence=message))
