"""IMG002 sudo-in-image."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._packages import installs_package, package_command
from checks.image._run import run_commands
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SUDO = frozenset({"sudo"})


@Rule(
    id="IMG002",
    slug="sudo-in-image",
    title="The image installs or invokes sudo.",
    severity=Severity.MEDIUM,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    summary="""
        Reports a RUN, in any stage, that runs `sudo` as a command word (also after `&&`, `|`, in
        `$(...)` or in a `sh -c` script) or that installs the `sudo` package with apt, apk,
        yum/dnf/microdnf/tdnf or zypper. The word `sudo` inside a quoted string is not a command.
        """,
    rationale="""
        sudo in an image is a ready-made privilege escalation path: a process that gets a shell as
        the image's non-root user can become root again. During the build every step already runs as
        the current `USER`, so sudo only adds an unpredictable TTY and signal behaviour.
        """,
    fix="Remove sudo; switch users with USER around the steps that need root.",
    bad="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y --no-install-recommends sudo
        USER 10001
        RUN sudo apt-get install -y curl
        """,
    good="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl
        USER 10001
        """,
    example_lang="dockerfile",
    notes="""
        Like hadolint DL3004 a `sudo` command word is reported wherever it is in the RUN; unlike
        DL3004 installing the package is reported too (Checkov CKV2_DOCKER_1 and Trivy DS010 look
        for the word `sudo` anywhere in the RUN, which also matches `echo sudo`).
        """,
    refs=("CKV2_DOCKER_1", "DS010", "DL3004"),
)
def sudo_in_image(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for run in run_commands(dockerfile):
        command = run.command
        sudo_words = [w for w in command.prefix if w.text.rsplit("/", 1)[-1] == "sudo"]
        if command.name == "sudo" and command.words:
            sudo_words.append(command.words[0])
        for word in sudo_words:
            yield Violation(
                f"RUN invokes sudo in stage {run.stage.label!r}; drop sudo and use USER around steps that need root",
                at=run.at(word),
                evidence="sudo: " + " ".join(w.text for w in command.words),
            )
        found = package_command(command)
        for word in installs_package(found, _SUDO) if found is not None else []:
            yield Violation(
                f"RUN installs the sudo package in stage {run.stage.label!r}; remove it and switch users with USER",
                at=run.at(word),
                evidence="install sudo",
            )
