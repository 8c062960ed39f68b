"""Images that CI pipelines build, and from which Dockerfile: GitHub Actions and GitLab CI steps
running docker/build-push-action, `docker build`/`docker buildx build`/`podman build`/`buildah bud`,
or kaniko. Pipeline variables (GitHub `env:`, GitLab `variables:`) are expanded in tags and paths."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from linter.dockerfile import substitute
from linter.imageref import ImageRef, parse_image_name
from linter.pipelines import Pipeline, Step
from linter.shell import Command, parse
from linter.yamlnodes import YMap, YScalar

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


def join_paths(*parts: str) -> str:
    """A repository path from CI path parts (the project directory prefix removed)."""
    cleaned = [_PROJECT_DIR.sub("", part) for part in parts if part]
    return posixpath.normpath(posixpath.join(*cleaned)) if cleaned else "."


def pipeline_builds(pipeline: Pipeline) -> Iterator[tuple[str, ImageRef | None]]:
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
    dockerfile = join_paths(_text(file_node)) if _text(file_node) else join_paths(context, "Dockerfile")
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
        dockerfile = join_paths(files[0]) if files else join_paths(context, "Dockerfile")
        for tag in _values(command, "-t", "--tag"):
            yield dockerfile, tag
    elif command.name in ("executor", "kaniko"):
        context = (_values(command, "--context", "-c") or ["."])[0]
        file = (_values(command, "--dockerfile", "-f") or ["Dockerfile"])[0]
        stripped = _PROJECT_DIR.sub("", file)
        dockerfile = join_paths(stripped) if stripped != file else join_paths(context, file)
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
