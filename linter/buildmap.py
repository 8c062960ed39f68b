"""Which images this repository builds, and from which Dockerfile (REG011, IMG020).

Sources, first one wins for an image: config `image_build_map`; GitHub Actions and GitLab CI
build steps (docker/build-push-action, `docker build`/`docker buildx build`/`podman build`,
kaniko `--destination`); docker-bake.hcl targets; skaffold.yaml artifacts; a Dockerfile's
`org.opencontainers.image.source`/`title` LABEL; finally a Dockerfile's directory name, only for
images in a registry namespace that an earlier source already maps.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.config import Config
from linter.dockerfile import Dockerfile, parse_assignments
from linter.imagebuilds import image_builds, join_paths
from linter.imageref import ImageRef, parse_image_name
from linter.repository import Repository
from linter.sourcefile import FileKind
from linter.yamlnodes import YMap, YSeq

_BAKE_TARGET = re.compile(r'target\s+"([^"]+)"\s*\{(.*?)\n\s*\}', re.DOTALL)
_BAKE_STRING = r'\b{}\s*=\s*"([^"]*)"'
_BAKE_TAGS = re.compile(r"\btags\s*=\s*\[(.*?)\]", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Build:
    dockerfile: str
    how: str  # how the mapping is known, for messages


@dataclass(slots=True)
class BuildMap:
    names: dict[str, Build] = field(default_factory=dict)  # registry/repository -> build
    titles: dict[str, Build] = field(default_factory=dict)  # OCI title label -> build
    dirs: dict[str, Build] = field(default_factory=dict)  # Dockerfile directory name -> build
    # registry/namespace parts of the mapped names: where a directory name may stand for an image
    namespaces: set[str] = field(default_factory=set)

    def add(self, dockerfile: str, image: ImageRef | None, how: str) -> None:
        if image is not None:
            self.names.setdefault(image.name, Build(dockerfile, how))
            self.namespaces.add(image.name.rpartition("/")[0])

    def lookup(self, image: ImageRef) -> Build | None:
        found = self.names.get(image.name)
        if found is not None:
            return found
        namespace, _, basename = image.name.rpartition("/")
        if basename in self.titles and not image.name.startswith("docker.io/library/"):
            return self.titles[basename]
        return self.dirs.get(basename) if namespace in self.namespaces else None


def build_map(repo: Repository, config: Config) -> BuildMap:
    dockerfiles = {source.path for source in repo.files if source.kind == FileKind.DOCKERFILE}
    found = BuildMap()
    for path, name in config.image_build_map.items():
        found.add(posixpath.normpath(path), parse_image_name(name), "configured in image_build_map")
    for built in image_builds(repo.files):
        for ref in built.images if built.dockerfile in dockerfiles else ():
            found.add(built.dockerfile, ref, f"built by {built.origin}")
    for source in repo.files:
        name = source.path.rpartition("/")[2]
        if name == "docker-bake.hcl" and source.text:
            for dockerfile, image in _bake(source.path, source.text):
                if dockerfile in dockerfiles:
                    found.add(dockerfile, image, f"built by {source.path}")
        elif name in ("skaffold.yaml", "skaffold.yml"):
            for dockerfile, image in _skaffold(source.path, [d.root for d in source.docs if isinstance(d.root, YMap)]):
                if dockerfile in dockerfiles:
                    found.add(dockerfile, image, f"built by {source.path}")
    mapped = {build.dockerfile for build in found.names.values()}
    for parsed in repo.dockerfiles:
        if parsed.src not in mapped:
            _labels(parsed, found)
    labelled = mapped | {build.dockerfile for build in found.titles.values()}
    for path in sorted(dockerfiles - labelled):
        directory = posixpath.basename(posixpath.dirname(path))
        if directory:
            found.dirs.setdefault(directory, Build(path, "its directory name"))
    return found


def _labels(dockerfile: Dockerfile, found: BuildMap) -> None:
    """LABELs of the final image: its stage and the earlier stages it is built FROM."""
    final = dockerfile.final
    stages = list(final.chain()) if final is not None else []
    for instr in (instr for stage in stages for instr in stage.instructions):
        if instr.keyword != "LABEL":
            continue
        for key, value, _ in parse_assignments(instr):
            if not value:
                continue
            if key == "org.opencontainers.image.title":
                found.titles.setdefault(value.strip(), Build(dockerfile.src, "its OCI title label"))
            elif key == "org.opencontainers.image.source":
                # GitHub links a package to the repository this label names: ghcr.io/<owner>/<repo>.
                match = re.match(r"^https://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", value.strip())
                if match:
                    image = parse_image_name(f"ghcr.io/{match.group(1).lower()}/{match.group(2).lower()}")
                    found.add(dockerfile.src, image, "its OCI source label")


def _bake(path: str, text: str) -> Iterator[tuple[str, ImageRef | None]]:
    base = posixpath.dirname(path)
    for _, body in _BAKE_TARGET.findall(text):
        context = re.search(_BAKE_STRING.format("context"), body)
        file = re.search(_BAKE_STRING.format("dockerfile"), body)
        tags = _BAKE_TAGS.search(body)
        dockerfile = join_paths(base, context.group(1) if context else ".", file.group(1) if file else "Dockerfile")
        for tag in re.findall(r'"([^"]+)"', tags.group(1)) if tags else []:
            yield dockerfile, parse_image_name(tag)


def _skaffold(path: str, roots: list[YMap]) -> Iterator[tuple[str, ImageRef | None]]:
    base = posixpath.dirname(path)
    for root in roots:
        artifacts = root.at("build.artifacts")
        for artifact in artifacts.maps() if isinstance(artifacts, YSeq) else ():
            image = artifact.text("image")
            if not image:
                continue
            context = artifact.text("context") or "."
            file = artifact.text_at("docker.dockerfile") or "Dockerfile"
            yield join_paths(base, context, file), parse_image_name(image)
