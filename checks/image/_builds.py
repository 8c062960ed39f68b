"""How CI builds each Dockerfile: its build context."""

from __future__ import annotations

import posixpath

from linter.context import Context
from linter.imagebuilds import ImageBuild, image_builds


def builds_of(ctx: Context, dockerfile: str) -> list[ImageBuild]:
    """The CI builds of ``dockerfile`` (a repository path), in the order CI declares them."""
    builds = ctx.shared("image-builds", lambda: image_builds(ctx.repo.files))
    return [build for build in builds if build.dockerfile == dockerfile]


def build_context(ctx: Context, dockerfile: str) -> str:
    """The build context of ``dockerfile``: the first CI build's, else the Dockerfile's directory."""
    builds = builds_of(ctx, dockerfile)
    return builds[0].context if builds else posixpath.dirname(dockerfile)
