"""IMG014 missing-pipefail."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction, Stage
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import SHELLS, Command


def sets_pipefail(words: list[str]) -> bool:
    """`-o pipefail` among options, also as the end of a cluster (`-eo pipefail`, `-euxo pipefail`)."""
    return any(
        word == "pipefail" and index > 0 and words[index - 1].startswith("-") and words[index - 1].endswith("o")
        for index, word in enumerate(words)
    )


def _shell(stage: Stage, instr: Instruction) -> list[str] | None:
    """The SHELL in effect for ``instr``: the stage's last SHELL before it, else its parents'."""
    for current in stage.chain():
        found: list[str] | None = None
        for other in current.instructions:
            if other is instr:
                break
            if other.keyword == "SHELL":
                found = other.exec_form()
        if found is not None:
            return found
    return None


def _starts_with_set_pipefail(commands: list[Command]) -> bool:
    first = commands[0] if commands else None
    return first is not None and first.name == "set" and sets_pipefail(first.args)


@Rule(
    id="IMG014",
    slug="missing-pipefail",
    title="A piped RUN can hide a failed command.",
    severity=Severity.LOW,
    nist=("4.1.3",),
    target=Target.DOCKERFILE,
    summary="""
        Reports a shell-form RUN with a pipe `|` (not `||`) that runs in a POSIX-like shell (the
        default `/bin/sh -c`, or a SHELL with sh, bash, ash, dash, zsh or ksh) when neither the
        SHELL in effect includes `-o pipefail` nor the script starts with `set -o pipefail` (any
        option cluster such as `set -euo pipefail`). Pipes inside quotes are not pipes.
        """,
    rationale="""
        A pipeline's status is that of its last command, so `curl ... | tar x` succeeds when the
        download fails, and the build carries on with a partial or empty layer that nobody
        notices until it breaks, or worse, half-works, in production.
        """,
    fix='Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` or start the RUN with `set -o pipefail &&`.',
    bad="""
        FROM debian:12.7-slim
        RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt
        """,
    good="""
        FROM debian:12.7-slim
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt
        """,
    example_lang="dockerfile",
    notes="""
        A SHELL set in a stage is inherited by stages built FROM it, as the builder does (hadolint
        DL4006 forgets it at every FROM), and a RUN that starts with `set -o pipefail` is fine
        (DL4006 only accepts SHELL). Each
        heredoc script is judged on its own first line. Pipes inside `$(...)` count, as in hadolint
        (`arch="$(dpkg --print-architecture | cut -d- -f1)"` hides a failed dpkg); pipes inside a
        `sh -c '...'` string run in that inner shell and are not reported.
        """,
    refs=("DL4006",),
)
def missing_pipefail(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            if instr.keyword != "RUN" or instr.exec_form() is not None:
                continue
            shell = _shell(stage, instr)
            if shell is not None:
                program = shell[0].replace("\\", "/").rsplit("/", 1)[-1] if shell else ""
                if program not in SHELLS or sets_pipefail(shell[1:]):
                    continue
            for script in instr.scripts():
                commands = [c for c in script.commands() if not c.inline]
                piped = [c for c in commands if c.pipe is not None]
                if not piped or _starts_with_set_pipefail(commands):
                    continue
                first = min(c.pipe for c in piped if c.pipe is not None)
                yield Violation(
                    "RUN pipes commands without pipefail, so a failure before the last command is ignored; "
                    "add SHELL with -o pipefail or start the RUN with 'set -o pipefail &&'",
                    at=FixedSpan(script.locate(first, first + 1)),
                    evidence="pipe without pipefail: " + " ".join(script.text.split())[:120],
                )
                break
