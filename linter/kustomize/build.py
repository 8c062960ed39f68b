"""`kustomize build` over the files of the scanned tree (a work tree or a git commit)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from linter.embedded import parse_embedded
from linter.kustomize import transformers as T
from linter.kustomize.errors import RenderError
from linter.kustomize.generators import ReadText, add_hash_suffixes, generate
from linter.kustomize.nameref import fix_references
from linter.kustomize.objects import RObject, object_id
from linter.kustomize.patches import LoadDocs, apply_patches
from linter.kustomize.spec import KUSTOMIZATION_FILES, Kustomization, read_kustomization
from linter.sourcefile import FileKind, SourceFile
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar


@dataclass(slots=True)
class Build:
    objects: list[RObject]
    files: set[str]  # every file the build read


@dataclass(slots=True)
class _Accumulated:
    objects: list[RObject]
    files: set[str] = field(default_factory=set)


class Builder:
    """Builds kustomization directories; the result of each directory is computed once and copied
    for every build that includes it (a base shared by overlays is rendered once)."""

    def __init__(self, files: dict[str, SourceFile]) -> None:
        self.files = files
        self.directories = _directories(files)
        self._cache: dict[str, _Accumulated] = {}
        self._parsed: dict[str, list[YNode]] = {}

    def kustomization_in(self, directory: str) -> SourceFile | None:
        for name in KUSTOMIZATION_FILES:
            found = self.files.get(f"{directory}/{name}" if directory else name)
            if found is not None:
                return found
        return None

    def build(self, directory: str) -> Build:
        """The rendered objects of the kustomization in ``directory`` (raises RenderError)."""
        accumulated = self._accumulate(directory, ())
        objects = [o.copy() for o in accumulated.objects]
        add_hash_suffixes(objects)
        fix_references(objects)
        return Build(objects, set(accumulated.files))

    def _accumulate(self, directory: str, stack: tuple[str, ...]) -> _Accumulated:
        cached = self._cache.get(directory)
        if cached is not None:
            return cached
        if directory in stack:
            chain = " -> ".join((*stack, directory)) or "."
            raise RenderError(f"kustomization cycle: {chain}")
        source = self.kustomization_in(directory)
        if source is None:
            raise RenderError(f"no kustomization file in {directory or '.'}")
        spec = read_kustomization(source)
        if spec.kind == "Component":
            raise RenderError(f"{source.path} is a Component; list it under `components`, not `resources`")
        result = _Accumulated([], {source.path})
        self._run(spec, result, (*stack, directory))
        self._cache[directory] = result
        return result

    def _run(self, spec: Kustomization, acc: _Accumulated, stack: tuple[str, ...]) -> None:
        """kustomize's order: resources, generators, components, then the transformers."""
        for entry in spec.resources:
            self._add_resource(spec, entry.value, entry.node, acc, stack)
        generate(spec, acc.objects, self._read_text(acc))
        for entry in spec.components:
            directory = spec.resolve(entry.value)
            source = self.kustomization_in(directory) if directory in self.directories else None
            if source is None:
                raise RenderError(f"component {entry.value!r} is not a directory with a kustomization", entry.node)
            component = read_kustomization(source)
            if component.kind != "Component":
                raise RenderError(f"{source.path} is listed as a component but is a {component.kind}", entry.node)
            acc.files.add(source.path)
            self._run(component, acc, (*stack, directory))
        self._transform(spec, acc)

    def _transform(self, spec: Kustomization, acc: _Accumulated) -> None:
        objects = acc.objects
        load = self._patch_loader(acc)
        apply_patches(spec, objects, load, json6902=False)
        if spec.namespace is not None:
            T.set_namespace(objects, spec.namespace)
        T.add_name_affixes(objects, spec.name_prefix, spec.name_suffix)
        T.add_labels(objects, spec)
        if spec.common_annotations is not None:
            T.add_annotations(objects, spec.common_annotations)
        apply_patches(spec, objects, load, json6902=True)
        if spec.replicas:
            T.set_replicas(objects, spec.replicas)
        if spec.images:
            T.set_images(objects, spec.images)

    def _add_resource(
        self, spec: Kustomization, entry: str, node: YNode, acc: _Accumulated, stack: tuple[str, ...]
    ) -> None:
        path = spec.resolve(entry)
        source = self.files.get(path)
        if source is not None and source.kind != FileKind.KUSTOMIZATION:
            if spec.directory and not (path + "/").startswith(spec.directory + "/"):
                raise RenderError(
                    f"resource {entry!r} is outside {spec.directory}/ (kustomize only loads files "
                    "in or below the kustomization's directory)",
                    node,
                )
            acc.files.add(path)
            self._merge(acc, self._objects_of(source, node), node)
            return
        if path in self.directories:
            child = self._accumulate(path, stack)
            acc.files.update(child.files)
            self._merge(acc, [o.copy() for o in child.objects], node)
            return
        raise RenderError(f"resource {entry!r} not found", node)

    def _objects_of(self, source: SourceFile, node: YNode) -> list[RObject]:
        if source.fatal:
            raise RenderError(f"{source.path} cannot be parsed", node)
        objects = []
        for doc in source.docs:
            root = doc.root
            if root is None or (isinstance(root, YScalar) and root.value is None):
                continue
            if not isinstance(root, YMap) or not root.text("kind"):
                raise RenderError(f"{source.path}: document {doc.index + 1} is not a Kubernetes object", node)
            items = (
                root.seq("items")
                if root.text(
                    "kind",
                )
                in ("List",)
                else None
            )
            for member in items.maps() if items is not None else (root,):
                copy = RObject(member, source.path, doc.index, object_id(member)).copy()
                objects.append(copy)
        return objects

    @staticmethod
    def _merge(acc: _Accumulated, objects: list[RObject], node: YNode) -> None:
        known = {o.id[:1] + o.id[2:] for o in acc.objects}
        for obj in objects:
            key = obj.id[:1] + obj.id[2:]
            if key in known:
                raise RenderError(f"{obj.id.describe()} is defined twice in this build", node)
            known.add(key)
            acc.objects.append(obj)

    def _read_text(self, acc: _Accumulated) -> ReadText:
        def read(path: str) -> str | None:
            source = self.files.get(path)
            if source is None:
                return None
            acc.files.add(path)
            return source.text

        return read

    def _patch_loader(self, acc: _Accumulated) -> LoadDocs:
        def load(spec: Kustomization, value: YScalar, inline: bool) -> list[YNode]:
            if inline:
                return self._inline_docs(spec, value)
            path = spec.resolve(str(value.value))
            source = self.files.get(path)
            if source is None:
                raise RenderError(f"patch file {value.value!r} not found", value)
            acc.files.add(path)
            return self._file_docs(source, value)

        return load

    def _file_docs(self, source: SourceFile, node: YNode) -> list[YNode]:
        if source.fatal:
            raise RenderError(f"patch {source.path} cannot be parsed", node)
        if not source.docs and source.text:
            # JSON patches are not manifests, so the reader did not parse them.
            parsed = self._parsed.get(source.path)
            if parsed is None:
                result = parse_yaml(source.text, source.path)
                if result.fatal:
                    raise RenderError(f"patch {source.path} cannot be parsed", node)
                parsed = [d.root for d in result.docs if d.root is not None]
                self._parsed[source.path] = parsed
            return parsed
        return [d.root for d in source.docs if d.root is not None]

    def _inline_docs(self, spec: Kustomization, value: YScalar) -> list[YNode]:
        key = f"{spec.path}:{value.line}:{value.col}"
        parsed = self._parsed.get(key)
        if parsed is None:
            result = parse_embedded(value, self.files.get(spec.path))
            if result.fatal:
                raise RenderError(f"inline patch cannot be parsed: {result.problems[0].message}", value)
            parsed = [d.root for d in result.docs if d.root is not None]
            self._parsed[key] = parsed
        return parsed


def _directories(files: dict[str, SourceFile]) -> set[str]:
    directories = {""}
    for path in files:
        directory = posixpath.dirname(path)
        while directory not in directories:
            directories.add(directory)
            directory = posixpath.dirname(directory)
    return directories
