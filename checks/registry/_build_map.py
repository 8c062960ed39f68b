"""Which images this repository builds, and from which Dockerfile (REG011).

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
from linter.dockerfile import Dockerfile, parse_assignments, substitute
from linter.imageref import ImageRef, parse_image_name
from linter.pipelines import Pipeline, Step, pipelines
from linter.repository import Repository
from linter.shell import Command, parse
from linter.sourcefile import FileKind
from linter.yamlnodes import YMap, YScalar, YSeq

_PROJECT_DIR = re.compile(r"^\$\{?CI_PROJECT_DIR\}?/?|^\$\{\{\s*github\.workspace\s*\}\}/?|^dir://")
_BUILD_VALUED = frozenset(
    {
        "-t",
        "--tag",
        "-f",
        "--file",
        "--build-arg",
        "--platform",
        "--target",
        "--label",
        "--cache-from",
        "--cache-to",
        "-o",
        "--output",
        "--secret",
        "--ssh",
        "--network",
        "--progress",
        "--builder",
        "--iidfile",
        "--metadata-file",
        "--add-host",
        "--build-context",
        "--attest",
        "--annotation",
        "--shm-size",
        "--ulimit",
        "--provenance",
        "--sbom",
    }
)
_GITHUB_ENV = re.compile(r"\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
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
    for pipeline in pipelines(repo.files):
        for dockerfile, image in _pipeline_builds(pipeline):
            if dockerfile in dockerfiles:
                found.add(dockerfile, image, f"built by {pipeline.path}")
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


def _join(*parts: str) -> str:
    cleaned = [_PROJECT_DIR.sub("", part) for part in parts if part]
    return posixpath.normpath(posixpath.join(*cleaned)) if cleaned else "."


def _pipeline_builds(pipeline: Pipeline) -> Iterator[tuple[str, ImageRef | None]]:
    for job in pipeline.jobs:
        metadata_images: list[str] = []
        for step in job.steps:
            images = step.input("images") if step.action == "docker/metadata-action" else None
            metadata_images += _split_list(_text(images))
        for step in job.steps:
            variables = _variables(pipeline, job.node, step)
            builds: Iterator[tuple[str, str]] = iter(())
            if step.action in ("docker/build-push-action", "redhat-actions/buildah-build"):
                builds = _action_build(step, metadata_images)
            elif step.run is not None:
                # GitHub substitutes `${{ ... }}` before the shell reads the script.
                script = _github_env(_text(step.run), variables)
                commands = parse(script) if script != _text(step.run) else step.commands()
                builds = (build for command in commands for build in _command_build(command))
            for dockerfile, tag in builds:
                yield posixpath.normpath(_expand(dockerfile, variables)), parse_image_name(_expand(tag, variables))


def _variables(pipeline: Pipeline, job: YMap, step: Step) -> dict[str, str | None]:
    """Variables a step sees: GitHub `env:` (workflow, job, step), GitLab `variables:` (global, job)."""
    key = "env" if pipeline.platform == "github" else "variables"
    found: dict[str, str | None] = {}
    scopes = [pipeline.root, job, step.node if pipeline.platform == "github" else None]
    for scope in scopes:
        table = scope.get(key) if isinstance(scope, YMap) else None
        for name, node in table.items.items() if isinstance(table, YMap) else ():
            value = node.get("value") if isinstance(node, YMap) else node  # GitLab `{value: ..., description: ...}`
            if isinstance(value, YScalar) and value.value is not None:
                found[name] = _text(value)
    return found


def _expand(text: str, variables: dict[str, str | None]) -> str:
    """`${{ env.NAME }}` and `$NAME`/`${NAME}` with the variables' values; others stay as written."""
    if not variables:
        return text
    return substitute(_github_env(text, variables), variables)


def _github_env(text: str, variables: dict[str, str | None]) -> str:
    return _GITHUB_ENV.sub(lambda m: variables.get(m.group(1)) or m.group(0), text)


def _text(node: YScalar | None) -> str:
    if node is None or node.value is None:
        return ""
    return node.value if isinstance(node.value, str) else node.text


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def _action_build(step: Step, metadata_images: list[str]) -> Iterator[tuple[str, str]]:
    context_node, file_node, tags_node = step.input("context"), step.input("file"), step.input("tags")
    context = _text(context_node) or "."
    dockerfile = _join(_text(file_node)) if _text(file_node) else _join(context, "Dockerfile")
    tags = _split_list(_text(tags_node))
    if any("steps." in tag and "outputs" in tag for tag in tags):
        tags += metadata_images
    for tag in tags:
        yield dockerfile, tag


def _command_build(command: Command) -> Iterator[tuple[str, str]]:
    args = command.args
    if command.name in ("docker", "podman", "nerdctl", "buildah"):
        if not (args[:1] in (["build"], ["bud"]) or args[:2] in (["buildx", "build"], ["image", "build"])):
            return
        operands = [w.text for w in command.operands(_BUILD_VALUED)]
        operands = operands[2:] if args[0] in ("buildx", "image") else operands[1:]
        context = operands[0] if operands else "."
        files = _values(command, "-f", "--file")
        dockerfile = _join(files[0]) if files else _join(context, "Dockerfile")
        for tag in _values(command, "-t", "--tag"):
            yield dockerfile, tag
    elif command.name in ("executor", "kaniko"):
        context = (_values(command, "--context", "-c") or ["."])[0]
        file = (_values(command, "--dockerfile", "-f") or ["Dockerfile"])[0]
        stripped = _PROJECT_DIR.sub("", file)
        dockerfile = _join(stripped) if stripped != file else _join(context, file)
        for tag in _values(command, "--destination", "-d"):
            yield dockerfile, tag


def _values(command: Command, *options: str) -> list[str]:
    """Every value of a repeatable option (`-t a -t b`, `--tag=a`)."""
    found: list[str] = []
    words = command.words[1:]
    for index, word in enumerate(words):
        for option in options:
            if word.text == option and index + 1 < len(words):
                found.append(words[index + 1].text)
            elif option.startswith("--") and word.text.startswith(option + "="):
                found.append(word.text[len(option) + 1 :])
    return found


def _bake(path: str, text: str) -> Iterator[tuple[str, ImageRef | None]]:
    base = posixpath.dirname(path)
    for _, body in _BAKE_TARGET.findall(text):
        context = re.search(_BAKE_STRING.format("context"), body)
        file = re.search(_BAKE_STRING.format("dockerfile"), body)
        tags = _BAKE_TAGS.search(body)
        dockerfile = _join(base, context.group(1) if context else ".", file.group(1) if file else "Dockerfile")
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
            yield _join(base, context, file), parse_image_name(image)
