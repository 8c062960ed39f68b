"""What the RUN instructions of a Dockerfile execute: shell commands with their stage and position."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from linter.dockerfile import Dockerfile, Instruction, Script, Stage
from linter.location import FixedSpan
from linter.shell import Command, Word

# SHELL executables whose RUN lines are not POSIX shell: the shell analysis does not apply.
_NON_POSIX = ("powershell", "pwsh", "cmd")


@dataclass(slots=True)
class RunCommand:
    stage: Stage
    instr: Instruction
    script: Script
    command: Command

    def at(self, word: Word | None = None) -> FixedSpan:
        """Where ``word`` (default: the command word) is written."""
        target = word if word is not None else (self.command.words or self.command.prefix)[0]
        return FixedSpan(self.script.locate(target.start, target.end))

    def at_offset(self, start: int, end: int) -> FixedSpan:
        return FixedSpan(self.script.locate(start, end))


def posix_shell(stage: Stage, instr: Instruction) -> bool:
    """Whether a shell-form RUN of ``stage`` at ``instr`` runs in a POSIX-like shell (SHELL aware)."""
    shell: list[str] | None = None
    for other in stage.instructions:
        if other is instr:
            break
        if other.keyword == "SHELL":
            shell = other.exec_form()
    if not shell:
        return True
    program = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    return not program.startswith(_NON_POSIX)


def final_image_stages(dockerfile: Dockerfile) -> list[Stage]:
    """The stages whose layers and settings make up the final image: the final stage and the
    earlier stages it is built `FROM` (`FROM base AS app` keeps everything `base` installed),
    base first."""
    final = dockerfile.final
    return list(reversed(list(final.chain()))) if final is not None else []


def run_scripts(dockerfile: Dockerfile, final_only: bool = False) -> Iterator[tuple[Stage, Instruction, Script]]:
    """Every script of every RUN (and the heredoc texts of COPY/ADD), stage by stage; with
    ``final_only``, those of the final image's stages."""
    stages = final_image_stages(dockerfile) if final_only else dockerfile.stages
    for stage in stages:
        for instr in stage.instructions:
            if instr.keyword not in ("RUN", "COPY", "ADD"):
                continue
            if instr.keyword == "RUN" and instr.exec_form() is None and not posix_shell(stage, instr):
                continue
            for script in instr.scripts():
                yield stage, instr, script


def run_commands(dockerfile: Dockerfile, final_only: bool = False) -> Iterator[RunCommand]:
    """Every simple command that a RUN executes, in order."""
    for stage, instr, script in run_scripts(dockerfile, final_only):
        for command in script.commands():
            yield RunCommand(stage, instr, script, command)


def commands_by_run(dockerfile: Dockerfile, final_only: bool = False) -> Iterator[list[RunCommand]]:
    """The commands of each RUN instruction, one list per RUN."""
    current: list[RunCommand] = []
    for found in run_commands(dockerfile, final_only):
        if current and current[0].instr is not found.instr:
            yield current
            current = []
        current.append(found)
    if current:
        yield current
