"""IMG022 non-minimal-final-image."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator

from checks.image._packages import (
    APT,
    OS_MANAGERS,
    PackageCommand,
    package_command,
    package_name,
    removed_packages,
    virtual_group,
)
from checks.image._run import RunCommand, commands_by_run, final_image_stages
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.imageref import parse_image
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Word

_BUILD_TOOLS = frozenset({"gcc", "g++", "gcc-c++", "clang", "make", "build-essential", "build-base", "git"})
# `-dev`/`-devel` packages carry headers and static libraries; `-dev` alone is no package.
_DEVEL = re.compile(r"^.+-(dev|devel)$")


def base_candidates(reference: str) -> list[str]:
    """The forms a base image reference is matched in: as written and normalised, without digest."""
    written = reference.partition("@")[0]
    forms = [written]
    image = parse_image(reference)
    if image is not None:
        forms.append(image.name)
        if image.tag is not None:
            forms.append(f"{image.name}:{image.tag}")
    return forms


def is_minimal(reference: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(form, pattern) for form in base_candidates(reference) for pattern in patterns)


def _is_build_tool(name: str) -> bool:
    return name in _BUILD_TOOLS or _DEVEL.match(name) is not None


def _installed_tools(run: list[RunCommand]) -> Iterator[tuple[RunCommand, Word]]:
    """Build tools a RUN installs and does not remove again before the RUN ends (`apk add
    --virtual .deps gcc && ... && apk del .deps` leaves nothing in the layer)."""
    installs: list[tuple[RunCommand, PackageCommand]] = []
    removed: set[str] = set()
    for found in run:
        command = package_command(found.command)
        if command is None or command.manager not in OS_MANAGERS:
            continue
        if command.installs:
            installs.append((found, command))
        removed |= removed_packages(command)
    apt_cleared = _autoremoves_apt(run)
    for found, command in installs:
        if virtual_group(command) in removed or (command.manager == APT and apt_cleared):
            continue
        for word in command.packages():
            name = package_name(command.manager, word.text)
            if _is_build_tool(name) and name not in removed:
                yield found, word


def _autoremoves_apt(run: list[RunCommand]) -> bool:
    """`apt-mark auto '.*'` then `apt-get purge --auto-remove` (or `autoremove`): the Debian idiom
    that removes every package the RUN installed unless it was marked manual again."""
    marks_auto = any(r.command.name == "apt-mark" and r.command.args[:1] == ["auto"] for r in run)
    autoremoves = any(
        r.command.name in ("apt-get", "apt") and ("autoremove" in r.command.args or r.command.has("--auto-remove"))
        for r in run
    )
    return marks_auto and autoremoves


@Rule(
    id="IMG022",
    slug="non-minimal-final-image",
    title="The runtime image is not built on a minimal base or keeps build tools.",
    severity=Severity.INFO,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports the final stage's base image (through `FROM <earlier stage>` chains) when it matches
        none of config `minimal_base_images` (scratch, distroless, Chainguard/Wolfi, Alpine, `-slim`
        tags, UBI minimal/micro by default), and every compiler or build tool (`gcc`, `g++`,
        `clang`, `make`, `build-essential`, `git`, `*-dev`/`*-devel` packages) that a
        RUN of the final image installs with an OS package manager and does not remove again in the
        same RUN.
        """,
    rationale="""
        Every package in the runtime image is attack surface and a source of vulnerability reports:
        a full distribution base brings shells, package managers and libraries the application
        never uses, and compilers or git let an attacker who gets code execution build and fetch
        tools in place. A multi-stage build keeps them in the builder stage.
        """,
    fix="Use a multi-stage build with a distroless/minimal runtime stage.",
    bad="""
        FROM python:3.12.7
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
            && rm -rf /var/lib/apt/lists/*
        COPY . /app
        """,
    good="""
        FROM python:3.12.7 AS build
        RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
        RUN pip wheel --wheel-dir /wheels psycopg==3.2.3
        FROM python:3.12.7-slim
        COPY --from=build /wheels /wheels
        """,
    example_lang="dockerfile",
    notes="""
        Off by default: what counts as minimal is organisation policy. Patterns are globs matched
        against the FROM reference as written (ARG defaults substituted) and in normalised form
        (`docker.io/library/python:3.12-slim`), without the digest. A base that is still a
        variable is not judged. `build-base` (Alpine's `build-essential`) and `gcc-c++` (the RPM
        `g++`) are added to the catalogue's list; a tool installed and removed in the same RUN
        (`apt-get purge`, `apk del` of the package or of its `--virtual` group, or `apt-mark auto`
        followed by `apt-get purge --auto-remove`) is not in the image and is not reported.
        """,
    refs=("CIS Docker 4.3",),
)
def non_minimal_final_image(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    stages = final_image_stages(dockerfile)
    if not stages:
        return
    base, final = stages[0].image_resolved, stages[-1]
    if "$" not in base and base.lower() != "scratch" and not is_minimal(base, ctx.config.minimal_base_images):
        yield Violation(
            f"the final image is built on {base!r}, which is not a minimal base; "
            "use a multi-stage build with a distroless or minimal runtime stage",
            at=final.from_instr,
            evidence=f"base {base}",
        )
    for run in commands_by_run(dockerfile, final_only=True):
        for found, word in _installed_tools(run):
            yield Violation(
                f"the final image installs the build tool {word.text!r}; "
                "build in an earlier stage and copy only the artefacts",
                at=found.at(word),
                evidence=f"install {word.text}",
            )
