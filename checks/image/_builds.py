"""How the repository builds each Dockerfile: its build context and the images it becomes."""

from __future__ import annotations

import posixpath
import re

from checks.image._run import final_image_stages
from linter.context import Context
from linter.dockerfile import Dockerfile, parse_assignments
from linter.imagebuilds import ImageBuild, image_builds
from linter.imageref import ImageRef


def builds_of(ctx: Context, dockerfile: str) -> list[ImageBuild]:
    """The CI builds of ``dockerfile`` (a repository path), in the order CI declares them."""
    builds = ctx.shared("image-builds", lambda: image_builds(ctx.repo.files))
    return [build for build in builds if build.dockerfile == dockerfile]


def build_context(ctx: Context, dockerfile: str) -> str:
    """The build context of ``dockerfile``: the first CI build's, else the Dockerfile's directory."""
    builds = builds_of(ctx, dockerfile)
    return builds[0].context if builds else posixpath.dirname(dockerfile)


def _labels(dockerfile: Dockerfile) -> dict[str, str]:
    found: dict[str, str] = {}
    for stage in final_image_stages(dockerfile):
        for instr in stage.instructions:
            if instr.keyword == "LABEL":
                found.update((name, value) for name, value, _ in parse_assignments(instr) if value is not None)
    return found


def _source_path(url: str) -> str | None:
    """`owner/name` of a source repository URL (`https://github.com/acme/api(.git)`, `git@host:acme/api`)."""
    match = re.match(r"^(?:[a-z+]+://(?:[^@/]+@)?[^/]+/|[^@/\s]+@[^:/\s]+:)(.+?)(?:\.git)?/?$", url.strip())
    return match.group(1).lower() if match else None


def builds_image(ctx: Context, dockerfile: Dockerfile, image: ImageRef) -> bool:
    """Whether ``image`` is (very likely) built from ``dockerfile``: CI tags it so, the image's
    OCI `source`/`title` labels name it, or its repository's last component is the Dockerfile's
    directory name."""
    if any(image.name in build.images for build in builds_of(ctx, dockerfile.src)):
        return True
    repository = image.repository.lower()
    basename = repository.rpartition("/")[2]
    labels = _labels(dockerfile)
    source = _source_path(labels.get("org.opencontainers.image.source", ""))
    if source is not None and (repository == source or repository.endswith("/" + source)):
        return True
    if basename == labels.get("org.opencontainers.image.title", "").strip().lower():
        return True
    directory = posixpath.basename(posixpath.dirname(dockerfile.src)).lower()
    return bool(directory) and basename == directory
