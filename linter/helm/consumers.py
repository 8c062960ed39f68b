"""Who deploys a chart of this repository, and with which values: Argo CD Applications (a source
`path` at the chart; `helm.valueFiles`, `values`, `valuesObject`, `parameters`) and Flux
HelmReleases (a chart `./path` from a GitRepository or Bucket; `valuesFrom` ConfigMaps/Secrets in
the repository, `spec.values`)."""

from __future__ import annotations

import base64
import binascii
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from linter.embedded import parse_embedded
from linter.helm.values import overlay, set_value
from linter.k8s import Resource
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, map_like


class ConsumerError(Exception):
    def __init__(self, message: str, node: YNode) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


@dataclass(slots=True)
class Consumer:
    """One release of a chart: who asks for it, its name and namespace, and its values layers."""

    label: str  # e.g. "HelmRelease observability/status-page"
    resource: Resource
    release: str
    namespace: str
    layers: list[YMap] = field(default_factory=list)  # in increasing precedence
    parameters: list[tuple[str, YScalar, bool]] = field(default_factory=list)  # (path, value, force string)

    def apply(self, values: YMap) -> YMap:
        for layer in self.layers:
            values = overlay(values, layer)
        for path, value, force in self.parameters:
            set_value(values, path, value, force_string=force)
        return values


def _qualified(resource: Resource) -> str:
    return f"{resource.namespace}/{resource.name}" if resource.namespace else str(resource.name)


def _normal(path: str) -> str:
    normal = posixpath.normpath(path.strip().lstrip("/").removeprefix("./"))
    return "" if normal == "." else normal


def candidates(resources: Iterable[Resource]) -> dict[str, list[Resource]]:
    """Chart directory -> the objects that may deploy it: Argo CD Applications by their sources'
    paths, Flux HelmReleases by their chart path."""
    by_path: dict[str, list[Resource]] = {}
    for resource in resources:
        spec = resource.root.map("spec")
        if spec is None:
            continue
        paths: set[str] = set()
        if (resource.group, resource.kind) == ("argoproj.io", "Application"):
            single, many = spec.map("source"), spec.seq("sources")
            for source in [single] if single is not None else list(many.maps()) if many is not None else []:
                path = source.text("path")
                if path is not None:
                    paths.add(_normal(path))
        elif (resource.group, resource.kind) == ("helm.toolkit.fluxcd.io", "HelmRelease"):
            chart = spec.at("chart.spec.chart")
            if isinstance(chart, YScalar) and isinstance(chart.value, str):
                paths.add(_normal(chart.value))
        for path in paths:
            by_path.setdefault(path, []).append(resource)
    return by_path


def find_consumers(
    chart: str, deployers: list[Resource], resources: list[Resource], files: dict[str, SourceFile]
) -> list[Consumer]:
    """Every consumer of the chart directory ``chart`` among ``deployers`` (see `candidates`);
    raises ConsumerError for broken ones."""
    found: list[Consumer] = []
    for resource in deployers:
        if resource.kind == "Application":
            found.extend(_argo(chart, resource, files))
        elif resource.group == "helm.toolkit.fluxcd.io" and resource.kind == "HelmRelease":
            consumer = _flux(chart, resource, resources, files)
            if consumer is not None:
                found.append(consumer)
    return found


def _argo(chart: str, app: Resource, files: dict[str, SourceFile]) -> list[Consumer]:
    spec = app.root.map("spec")
    if spec is None:
        return []
    single, many = spec.map("source"), spec.seq("sources")
    sources = [single] if single is not None else list(many.maps()) if many is not None else []
    refs = {s.text("ref"): _normal(s.text("path") or "") for s in sources if s.text("ref")}
    destination = spec.map("destination")
    namespace = (destination.text("namespace") if destination else None) or "default"
    out = []
    for source in sources:
        path = source.text("path")
        if path is None or _normal(path) != chart:
            continue
        helm = source.map("helm")
        release = (helm.text("releaseName") if helm else None) or app.name or chart.rpartition("/")[2]
        consumer = Consumer(f"Application {_qualified(app)}", app, release, namespace)
        if helm is not None:
            _argo_values(consumer, helm, chart, refs, files)
        out.append(consumer)
    return out


def _argo_values(
    consumer: Consumer, helm: YMap, chart: str, refs: dict[str | None, str], files: dict[str, SourceFile]
) -> None:
    ignore_missing = helm.value("ignoreMissingValueFiles") is True
    value_files = helm.seq("valueFiles")
    for item in value_files.items if value_files else ():
        if not isinstance(item, YScalar) or not isinstance(item.value, str):
            continue
        text = item.value
        if text.startswith("$"):
            ref, _, rest = text[1:].partition("/")
            base = refs.get(ref)
            if base is None:
                raise ConsumerError(f"value file {text!r} names an unknown source ref ${ref}", item)
            path = _normal(posixpath.join(base, rest))
        else:
            path = _normal(posixpath.join(chart, text))
        layer = _values_file(files.get(path))
        if layer is None:
            if ignore_missing:
                continue
            raise ConsumerError(f"value file {text!r} not found in this repository", item)
        consumer.layers.append(layer)
    inline = helm.scalar("values")
    if inline is not None and isinstance(inline.value, str) and inline.value.strip():
        consumer.layers.append(_embedded(inline, files))
    values_object = helm.map("valuesObject")
    if values_object is not None:
        consumer.layers.append(values_object)
    parameters = helm.seq("parameters")
    for parameter in parameters.maps() if parameters else ():
        name, value = parameter.text("name"), parameter.scalar("value")
        if name and value is not None:
            consumer.parameters.append((name, value, parameter.value("forceString") is True))


def _flux(chart: str, release: Resource, resources: list[Resource], files: dict[str, SourceFile]) -> Consumer | None:
    spec = release.root.map("spec")
    template = spec.at("chart.spec") if spec is not None else None
    if spec is None or not isinstance(template, YMap):
        return None
    source_ref = template.map("sourceRef")
    kind = source_ref.text("kind") if source_ref else None
    path = template.text("chart")
    if kind not in ("GitRepository", "Bucket") or path is None or _normal(path) != chart:
        return None
    target = spec.text("targetNamespace")
    namespace = target or release.namespace or "default"
    name = spec.text("releaseName") or (f"{target}-{release.name}" if target else release.name or chart)
    consumer = Consumer(
        f"HelmRelease {release.namespace or ''}/{release.name}".replace(" /", " "), release, name, namespace
    )
    value_files = template.seq("valuesFiles")
    for item in value_files.items if value_files else ():
        if isinstance(item, YScalar) and isinstance(item.value, str):
            layer = _values_file(files.get(_normal(item.value)))
            if layer is None:
                raise ConsumerError(f"values file {item.value!r} not found in this repository", item)
            consumer.layers.append(layer)
    values_from = spec.seq("valuesFrom")
    for reference in values_from.maps() if values_from else ():
        layer = _values_from(reference, release, resources, files)
        if layer is not None:
            consumer.layers.append(layer)
    values = spec.map("values")
    if values is not None:
        consumer.layers.append(values)
    return consumer


def _values_from(
    reference: YMap, release: Resource, resources: list[Resource], files: dict[str, SourceFile]
) -> YMap | None:
    kind, name = reference.text("kind"), reference.text("name")
    key = reference.text("valuesKey") or "values.yaml"
    optional = reference.value("optional") is True
    holder = next(
        (
            r
            for r in resources
            if r.kind == kind
            and r.name == name
            and r.group == ""
            and (r.namespace or release.namespace) == release.namespace
        ),
        None,
    )
    data = holder.root.map("data") if holder is not None else None
    value = data.scalar(key) if data is not None else None
    if value is None:
        if optional or holder is None:
            return None  # a ConfigMap/Secret managed outside this repository: nothing to read here
        raise ConsumerError(f"{kind} {name!r} has no key {key!r}", reference)
    if kind == "Secret":
        try:
            decoded = base64.b64decode(str(value.value), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return None
        value = YScalar(value.src, value.line, value.col, value.end_line, value.end_col, decoded, decoded)
    target_path = reference.text("targetPath")
    if target_path:  # the whole value, as a string, at that path
        wrapped = map_like(reference)
        set_value(wrapped, target_path, value, force_string=True)
        return wrapped
    return _embedded(value, files if kind != "Secret" else None)


def _values_file(source: SourceFile | None) -> YMap | None:
    if source is None or source.fatal:
        return None
    roots = [d.root for d in source.docs if isinstance(d.root, YMap)]
    if roots:
        return roots[0]
    if source.text is not None and not source.docs:
        return YMap(source.path, 1, 1, 1, 1)  # an empty values file
    return None


def _embedded(value: YScalar, files: dict[str, SourceFile] | None) -> YMap:
    outer = files.get(value.src) if files is not None else None
    result = parse_embedded(value, outer)
    if result.fatal:
        raise ConsumerError(f"inline values cannot be parsed: {result.problems[0].message}", value)
    roots = [d.root for d in result.docs if isinstance(d.root, YMap)]
    return roots[0] if roots else map_like(value)
