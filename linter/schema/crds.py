"""CustomResourceDefinitions (apiextensions.k8s.io/v1) found in the scanned repository or in the
directories named by config `crd_paths`: the schema of each served version of each custom kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.k8s import Resource, resource_from
from linter.schema.validator import Schema
from linter.yamlnodes import YMap

_CRD_GROUP = "apiextensions.k8s.io"
_EXTENSIONS = (".yaml", ".yml", ".json")


@dataclass(slots=True)
class CrdVersion:
    served: bool
    schema: Schema | None


@dataclass(slots=True)
class Crd:
    group: str
    kind: str
    source: str  # where the definition was found
    versions: dict[str, CrdVersion] = field(default_factory=dict)


def _from_resource(resource: Resource) -> Crd | None:
    if resource.group != _CRD_GROUP or resource.kind != "CustomResourceDefinition" or resource.version != "v1":
        return None
    spec = resource.root.map("spec")
    names = spec.map("names") if spec is not None else None
    group, kind = (spec.text("group"), names.text("kind")) if spec is not None and names is not None else (None, None)
    versions = spec.seq("versions") if spec is not None else None
    if not group or not kind or versions is None:
        return None
    crd = Crd(group, kind, resource.src)
    for entry in versions.maps():
        name = entry.text("name")
        if not name:
            continue
        schema_node = entry.at("schema.openAPIV3Schema")
        schema: Any = schema_node.to_python() if isinstance(schema_node, YMap) else None
        crd.versions[name] = CrdVersion(
            entry.value("served") is not False, schema if isinstance(schema, dict) else None
        )
    return crd


def collect(
    resources: Iterable[Resource], extra_dirs: Iterable[Path], max_bytes: int, alias_limit: int
) -> dict[tuple[str, str], Crd]:
    """(group, kind) -> definition. The repository's own definitions win over `crd_paths`."""
    found: dict[tuple[str, str], Crd] = {}
    for resource in (*resources, *_resources_in(extra_dirs, max_bytes, alias_limit)):
        for member in _members(resource):
            crd = _from_resource(member)
            if crd is not None:
                found.setdefault((crd.group, crd.kind), crd)
    return found


def _members(resource: Resource) -> Iterator[Resource]:
    """The object, or the items of a v1 List (what `kubectl get crds -o yaml` writes)."""
    if resource.kind != "List" or resource.api_version != "v1":
        yield resource
        return
    items = resource.root.seq("items")
    for item in items.maps() if items is not None else ():
        member = resource_from(item, resource.src, resource.doc)
        if member is not None:
            yield member


def _resources_in(directories: Iterable[Path], max_bytes: int, alias_limit: int) -> Iterator[Resource]:
    from linter.loader import parse_source
    from linter.sourcefile import FileKind, SourceFile

    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix not in _EXTENSIONS or path.is_symlink() or not path.is_file():
                continue
            try:
                if path.stat().st_size > max_bytes:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            kind = FileKind.JSON if path.suffix == ".json" else FileKind.YAML
            source = parse_source(SourceFile(str(path), kind), data, alias_limit=alias_limit)
            for doc in source.docs:
                resource = resource_from(doc.root, source.path, doc.index)
                if resource is not None:
                    yield resource
