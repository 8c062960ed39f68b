"""Which directory of the repository a Flux Kustomization applies: its `spec.path` in its source,
translated through an ArtifactGenerator's copy rules when the source is an ExternalArtifact."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from linter.k8s import Resource
from linter.yamlnodes import YSeq

# (kind, name, namespace) of a Flux source -> whether it reads this repository.
SourceTest = Callable[[str | None, str | None, str | None], bool]
# (namespace, ExternalArtifact name) -> [(directory inside the artifact, repository directory)]
Copies = dict[tuple[str | None, str], list[tuple[str, str]]]


def normal(path: str) -> str:
    joined = posixpath.normpath(path.strip().lstrip("/"))
    return "" if joined in (".", "") else joined


def artifact_copies(resources: Iterable[Resource], ours: SourceTest) -> Copies:
    """What ArtifactGenerators copy from sources that read this repository into their artifacts."""
    copies: Copies = {}
    for generator in resources:
        if generator.kind != "ArtifactGenerator" or generator.group != "source.extensions.fluxcd.io":
            continue
        sources = generator.root.at("spec.sources")
        aliases = {
            s.text("alias")
            for s in (sources.maps() if isinstance(sources, YSeq) else ())
            if ours(s.text("kind"), s.text("name"), s.text("namespace") or generator.namespace)
        }
        artifacts = generator.root.at("spec.artifacts")
        for artifact in artifacts.maps() if isinstance(artifacts, YSeq) else ():
            name, entries = artifact.text("name"), artifact.seq("copy")
            if name is None or entries is None:
                continue
            pairs = copies.setdefault((generator.namespace, name), [])
            for entry in entries.maps():
                source, target = entry.text("from") or "", entry.text("to") or ""
                alias, _, inside = source.removeprefix("@").partition("/")
                if alias in aliases and target.startswith("@artifact"):
                    pairs.append((normal(target.removeprefix("@artifact")), normal(inside.split("*", 1)[0])))
    return copies


def flux_path(kustomization: Resource, copies: Copies, ours: SourceTest) -> str | None:
    """The repository directory a Flux Kustomization applies; None when it applies another
    source or the path cannot be told."""
    spec = kustomization.root.map("spec")
    ref = spec.map("sourceRef") if spec is not None else None
    if spec is None or ref is None:
        return None
    path = normal(spec.text("path") or "")
    namespace = ref.text("namespace") or kustomization.namespace
    if ref.text("kind") != "ExternalArtifact":
        return path if ours(ref.text("kind"), ref.text("name"), namespace) else None
    for inside, origin in copies.get((namespace, ref.text("name") or ""), ()):
        if not inside or path == inside or path.startswith(inside + "/"):
            return normal(posixpath.join(origin, path[len(inside) :].lstrip("/")))
    return None
