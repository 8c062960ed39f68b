"""A kustomization file read into its fields, each entry keeping its located node."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from linter.kustomize.errors import NotRendered, RenderError
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

# Fields that configure what gitops-lint deliberately does not render (they fetch or execute code,
# or substitute values from elsewhere), with the reason given to the user.
UNSUPPORTED = {
    "helmCharts": "Helm charts inflated by kustomize",
    "helmChartInflationGenerator": "Helm charts inflated by kustomize",
    "helmGlobals": "Helm charts inflated by kustomize",
    "generators": "generator plugins",
    "transformers": "transformer plugins",
    "validators": "validator plugins",
    "replacements": "replacements",
    "vars": "vars",
    "configurations": "custom transformer configurations",
    "openapi": "custom OpenAPI schemas",
}
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/|gitlab\.com/|bitbucket\.org/)|\?ref=|//")


@dataclass(slots=True)
class Entry:
    """A string list item (a path, usually) and where it is written."""

    value: str
    node: YNode


@dataclass(slots=True)
class Kustomization:
    path: str  # the kustomization file, relative to the scan root
    root: YMap
    kind: str = "Kustomization"
    resources: list[Entry] = field(default_factory=list)
    components: list[Entry] = field(default_factory=list)
    namespace: YScalar | None = None
    name_prefix: YScalar | None = None
    name_suffix: YScalar | None = None
    common_labels: YMap | None = None
    labels: list[YMap] = field(default_factory=list)
    common_annotations: YMap | None = None
    images: list[YMap] = field(default_factory=list)
    replicas: list[YMap] = field(default_factory=list)
    patches: list[YMap] = field(default_factory=list)
    patches_smp: list[YScalar] = field(default_factory=list)
    patches_json6902: list[YMap] = field(default_factory=list)
    configmap_generators: list[YMap] = field(default_factory=list)
    secret_generators: list[YMap] = field(default_factory=list)
    generator_options: YMap | None = None

    @property
    def directory(self) -> str:
        return posixpath.dirname(self.path)

    def resolve(self, relative: str) -> str:
        """A path written in this kustomization, relative to the scan root ('' is the root)."""
        joined = posixpath.normpath(posixpath.join(self.directory, relative))
        return "" if joined == "." else joined


def is_remote(entry: str) -> bool:
    return bool(_REMOTE.search(entry))


def read_kustomization(source: SourceFile, *, strict: bool = True) -> Kustomization:
    """The kustomization in ``source``; raises RenderError (and, when ``strict``, NotRendered for what
    gitops-lint does not render) with a located node."""
    if source.fatal:
        raise RenderError(f"{source.path} cannot be parsed")
    docs = [d.root for d in source.docs if d.root is not None]
    if len(docs) != 1 or not isinstance(docs[0], YMap):
        raise RenderError(f"{source.path} must hold exactly one mapping")
    root = docs[0]
    spec = Kustomization(source.path, root, kind=root.text("kind") or "Kustomization")
    for name, reason in UNSUPPORTED.items():
        node = root.get(name)
        if strict and node is not None and not _empty(node):
            raise NotRendered(f"{source.path} uses {name} ({reason}), which gitops-lint does not render", node)
    spec.resources = _entries(root, "resources") + _entries(root, "bases")
    spec.components = _entries(root, "components")
    spec.namespace = _string(root, "namespace")
    spec.name_prefix = _string(root, "namePrefix")
    spec.name_suffix = _string(root, "nameSuffix")
    spec.common_labels = root.map("commonLabels")
    spec.labels = _maps(root, "labels")
    spec.common_annotations = root.map("commonAnnotations")
    spec.images = _maps(root, "images")
    spec.replicas = _maps(root, "replicas")
    spec.patches = _maps(root, "patches")
    spec.patches_json6902 = _maps(root, "patchesJson6902")
    spec.configmap_generators = _maps(root, "configMapGenerator")
    spec.secret_generators = _maps(root, "secretGenerator")
    spec.generator_options = root.map("generatorOptions")
    smp = root.seq("patchesStrategicMerge")
    spec.patches_smp = [item for item in smp.items if isinstance(item, YScalar)] if smp else []
    for entry in spec.resources + spec.components if strict else ():
        if is_remote(entry.value):
            raise NotRendered(
                f"remote resource {entry.value!r} is not fetched (gitops-lint never uses the network)", entry.node
            )
    return spec


def _empty(node: YNode) -> bool:
    return (isinstance(node, (YMap, YSeq)) and len(node) == 0) or (isinstance(node, YScalar) and node.value is None)


def _string(root: YMap, key: str) -> YScalar | None:
    node = root.scalar(key)
    return node if node is not None and node.value not in (None, "") else None


def _entries(root: YMap, key: str) -> list[Entry]:
    seq = root.seq(key)
    if seq is None:
        return []
    out = []
    for item in seq.items:
        if isinstance(item, YScalar) and item.value is not None:
            out.append(Entry(str(item.value) if not isinstance(item.value, str) else item.value, item))
    return out


def _maps(root: YMap, key: str) -> list[YMap]:
    seq = root.seq(key)
    return list(seq.maps()) if seq is not None else []
