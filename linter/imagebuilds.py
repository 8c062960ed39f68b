"""Which Dockerfile of the repository CI builds, from which context, into which images.

Read from GitHub Actions and GitLab CI (`linter.pipelines`): `docker/build-push-action` steps
(`context`, `file`, `tags`, with tags from a `docker/metadata-action` step of the same job), and
`docker|podman|nerdctl [buildx|image] build`, `buildah bud` and kaniko `executor` commands in
scripts (`-t`/`--tag`, `-f`/`--file`, the context operand; `--context`, `--dockerfile`,
`--destination`), following `cd` and `working-directory`. Paths are relative to the repository
root; the workspace variables CI sets (`$GITHUB_WORKSPACE`, `${{ github.workspace }}`,
`$CI_PROJECT_DIR`) are the root. Pipeline variables (GitHub `env:` of the workflow, job and
step, GitLab `variables:`) are expanded in paths and tags. A path that still holds a variable is
unknown and the build is skipped; a tag whose repository does not parse is dropped (a templated
tag such as `:${{ github.sha }}` still names its repository).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.dockerfile import substitute
from linter.imageref import ImageRef, parse_image_name
from linter.pipelines import Job, Pipeline, Step, pipelines
from linter.shell import Command, parse
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YScalar

_WORKSPACE = re.compile(
    r"^(?:\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?|\$\{?CI_PROJECT_DIR\}?|dir://)/?"
)
# Options of `docker build` and its relatives that take a separate value.
_BUILD_VALUED = frozenset(
    {"-t", "--tag", "-f", "--file", "--build-arg", "--target", "--platform", "--label", "--cache-from"}
    | {"--cache-to", "--secret", "--ssh", "-o", "--output", "--network", "--progress", "--iidfile"}
    | {"--metadata-file", "--builder", "--add-host", "--build-context", "--shm-size", "--ulimit", "-m"}
    | {"--memory", "--isolation", "--attest", "--provenance", "--sbom", "--annotation", "--allow"}
    | {"--format", "--layers", "--authfile", "--creds", "--arch", "--os", "--variant", "--jobs"}
)
_CLIS = frozenset({"docker", "podman", "nerdctl"})
_BUILD_ACTIONS = frozenset({"docker/build-push-action", "redhat-actions/buildah-build"})
_GITHUB_ENV = re.compile(r"\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True, slots=True)
class ImageBuild:
    dockerfile: str  # repository path of the Dockerfile
    context: str  # repository directory of the build context ("" for the root)
    images: tuple[ImageRef, ...]  # the repositories the build tags (tags dropped, each once)
    origin: str  # the CI file that declares the build


def repo_path(value: str, base: str = "") -> str | None:
    """A CI path as a repository path ("" for the root), or None when it is not knowable."""
    raw = value.strip()
    text = _WORKSPACE.sub("", raw)
    if text != raw:
        base = ""  # anchored at the workspace, the repository root
    if "$" in text or "{{" in text or "://" in text or text.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(base, text)) if text else base or "."
    if joined.startswith(".."):
        return None
    return "" if joined == "." else joined


def join_paths(*parts: str) -> str:
    """A repository path from path parts (the CI project directory prefix removed); "." for the root."""
    cleaned = [_WORKSPACE.sub("", part) for part in parts if part]
    return posixpath.normpath(posixpath.join(*cleaned)) if cleaned else "."


def _images(values: list[str], variables: dict[str, str | None]) -> tuple[ImageRef, ...]:
    found: dict[str, ImageRef] = {}
    for value in values:
        image = parse_image_name(_expand(value, variables))
        if image is not None:
            found.setdefault(image.name, image)
    return tuple(found.values())


def _variables(pipeline: Pipeline, job: YMap, step: Step) -> dict[str, str | None]:
    """Variables a step sees: GitHub `env:` (workflow, job, step), GitLab `variables:` (global, job)."""
    key = "env" if pipeline.platform == "github" else "variables"
    found: dict[str, str | None] = {}
    for scope in (pipeline.root, job, step.node if pipeline.platform == "github" else None):
        table = scope.get(key) if isinstance(scope, YMap) else None
        for name, node in table.items.items() if isinstance(table, YMap) else ():
            value = node.get("value") if isinstance(node, YMap) else node  # GitLab `{value: ..., description: ...}`
            if isinstance(value, YScalar) and value.value is not None:
                found[name] = value.value if isinstance(value.value, str) else value.text
    return found


def _expand(text: str, variables: dict[str, str | None]) -> str:
    """`${{ env.NAME }}` and `$NAME`/`${NAME}` with the variables' values; others stay as written."""
    if not variables:
        return text
    return substitute(_GITHUB_ENV.sub(lambda m: variables.get(m.group(1)) or m.group(0), text), variables)


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def _metadata_images(job: Job) -> list[str]:
    """The `images` input of the job's docker/metadata-action steps (the repositories it tags)."""
    found: list[str] = []
    for step in job.steps:
        images = _text_input(step, "images") if step.action == "docker/metadata-action" else None
        if images is not None:
            # Lines are `ghcr.io/acme/app` or CSV attributes (`name=ghcr.io/acme/app,enable=true`).
            for line in images.splitlines():
                first = line.strip().split(",")[0]
                found.append(first.removeprefix("name="))
    return found


def _working_directory(step: Step) -> str:
    node = step.node.get("working-directory") if isinstance(step.node, YMap) else None
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return repo_path(node.value) or ""
    return ""


def _text_input(step: Step, name: str) -> str | None:
    node = step.input(name)
    return node.value if node is not None and isinstance(node.value, str) and node.value.strip() else None


def _action_build(job: Job, step: Step, origin: str, variables: dict[str, str | None]) -> ImageBuild | None:
    context_text, file_text, tags_text = (
        _expand(text, variables) if text is not None else None
        for text in (_text_input(step, "context"), _text_input(step, "file"), _text_input(step, "tags"))
    )
    context = repo_path(context_text) if context_text is not None else ""
    if context is None:
        return None
    dockerfile = repo_path(file_text) if file_text is not None else posixpath.join(context, "Dockerfile")
    if dockerfile is None:
        return None
    tags = _split(tags_text) if tags_text is not None else []
    if any("steps." in tag and "outputs" in tag for tag in tags):
        tags = [*tags, *_metadata_images(job)]
    return ImageBuild(dockerfile, context, _images(tags, variables), origin)


def _values(command: Command, *options: str) -> list[str]:
    """Every value of the options (`-t a -t b`, `--tag=a`)."""
    found: list[str] = []
    words = command.words[1:]
    for index, word in enumerate(words):
        for option in options:
            if word.text == option and index + 1 < len(words):
                found.append(words[index + 1].text)
            elif option.startswith("--") and word.text.startswith(option + "="):
                found.append(word.text[len(option) + 1 :])
    return found


def _is_build(command: Command) -> bool:
    args = command.args
    if command.name in _CLIS:
        return args[:1] == ["build"] or args[:2] in (["buildx", "build"], ["image", "build"])
    return command.name == "buildah" and args[:1] in (["bud"], ["build"])


def _command_build(command: Command, base: str, origin: str, variables: dict[str, str | None]) -> ImageBuild | None:
    if command.name in ("executor", "kaniko"):
        contexts = _values(command, "--context", "-c")
        context = repo_path(contexts[0], base) if contexts else base
        if context is None:
            return None
        files = _values(command, "--dockerfile", "-f")
        dockerfile = repo_path(files[0], context) if files else posixpath.join(context, "Dockerfile")
        if dockerfile is None:
            return None
        return ImageBuild(dockerfile, context, _images(_values(command, "--destination", "-d"), variables), origin)
    if not _is_build(command):
        return None
    operands = [w.text for w in command.operands(_BUILD_VALUED)]
    verbs = 2 if operands[:1] in (["buildx"], ["image"]) else 1
    positional = operands[verbs:]
    if not positional or positional[0] == "-":
        return None
    context = repo_path(positional[0], base)
    files = _values(command, "-f", "--file")
    dockerfile = (
        repo_path(files[0], base) if files else posixpath.join(context, "Dockerfile") if context is not None else None
    )
    if context is None or dockerfile is None:
        return None
    return ImageBuild(dockerfile, context, _images(_values(command, "-t", "--tag"), variables), origin)


def _step_commands(step: Step, variables: dict[str, str | None]) -> list[Command]:
    """The step's commands, after GitHub has substituted `${{ env.NAME }}` into the script."""
    script = step.run.value if step.run is not None and isinstance(step.run.value, str) else None
    if script is None or not variables:
        return step.commands()
    expanded = _GITHUB_ENV.sub(lambda m: variables.get(m.group(1)) or m.group(0), script)
    return parse(expanded) if expanded != script else step.commands()


def _builds(files: list[SourceFile]) -> Iterator[ImageBuild]:
    for pipeline in pipelines(files):
        for job, step in pipeline.steps():
            variables = _variables(pipeline, job.node, step)
            if step.action in _BUILD_ACTIONS:
                build = _action_build(job, step, pipeline.path, variables)
                if build is not None:
                    yield build
                continue
            # GitLab runs a job's script lines in one shell, so a `cd` holds for the next lines.
            if pipeline.platform == "github" or step is job.steps[0]:
                base: str | None = _working_directory(step)
            for command in _step_commands(step, variables):
                if command.name == "cd":
                    base = repo_path(command.args[0], base) if command.args and base is not None else None
                    continue
                build = _command_build(command, base, pipeline.path, variables) if base is not None else None
                if build is not None:
                    yield build


def image_builds(files: list[SourceFile]) -> list[ImageBuild]:
    """Every build CI declares, in file order (the first build of a Dockerfile is its main one)."""
    return list(_builds(files))
