"""What CI steps do, for the CI rules: build, push, scan, sign, cluster changes."""

from __future__ import annotations

from collections.abc import Iterator

from linter.k8s import is_true
from linter.pipelines import Pipeline, Step
from linter.shell import Command
from linter.yamlnodes import YScalar

BUILD_ACTIONS = ("docker/build-push-action", "docker/bake-action")
SCAN_ACTIONS = ("aquasecurity/trivy-action", "anchore/scan-action", "snyk/actions/docker")


def _commands(step: Step) -> list[Command]:
    return step.commands()


def builds(step: Step) -> bool:
    if step.action in BUILD_ACTIONS:
        return True
    return any(_is_build(c) for c in _commands(step))


def _is_build(c: Command) -> bool:
    args = c.args
    if c.name in ("docker", "podman", "nerdctl"):
        return (bool(args) and args[0] == "build") or args[:2] in (
            ["buildx", "build"],
            ["buildx", "bake"],
            ["image", "build"],
        )
    if c.name == "buildah":
        return bool(args) and args[0] in ("bud", "build")
    if c.name in ("executor", "kaniko") or (c.words and c.words[0].text.endswith("/kaniko/executor")):
        return True
    if c.name == "ko":
        return bool(args) and args[0] in ("build", "publish")
    return c.name in ("mvn", "gradle", "./gradlew", "gradlew") and any("jib" in a for a in args)


def pushes(step: Step) -> bool:
    if step.action == "docker/build-push-action":
        push = step.input("push")
        return push is not None and str(push.value).lower() == "true"
    for c in _commands(step):
        if c.name in ("docker", "podman", "nerdctl") and c.args[:1] == ["push"]:
            return True
        if c.name == "docker" and c.args[:1] == ["buildx"] and c.has("--push"):
            return True
        if (
            (c.name in ("executor", "kaniko") or (c.words and c.words[0].text.endswith("/kaniko/executor")))
            and c.has("--destination")
            and not c.has("--no-push")
        ):
            return True
        if c.name == "ko" and c.args[:1] in (["build"], ["publish"]):
            return True
    return False


def scanner(step: Step) -> str | None:
    """The scanner a step runs (trivy, grype, scout, snyk), or None."""
    if step.action in SCAN_ACTIONS:
        return step.action.split("/")[0].replace("aquasecurity", "trivy").replace("anchore", "grype")
    for c in _commands(step):
        if c.name == "trivy" and c.args[:1] in (["image"], ["i"]):
            return "trivy"
        if c.name == "grype":
            return "grype"
        if c.name == "docker" and c.args[:2] == ["scout", "cves"]:
            return "scout"
        if c.name == "snyk" and c.args[:2] == ["container", "test"]:
            return "snyk"
    return None


def scanner_command(step: Step) -> Command | None:
    for c in _commands(step):
        if c.name in ("trivy", "grype", "snyk") or (c.name == "docker" and c.args[:1] == ["scout"]):
            return c
    return None


def gitlab_scans(pipeline: Pipeline) -> bool:
    return any("Container-Scanning" in t.text for t in pipeline.templates)


def ordered_steps(pipeline: Pipeline) -> Iterator[tuple[int, int, Step]]:
    """(job index, step index, step) in pipeline order."""
    for j, job in enumerate(pipeline.jobs):
        for s, step in enumerate(job.steps):
            yield j, s, step


def flag_true(node: object) -> bool:
    return is_true(node) if isinstance(node, YScalar) else False
