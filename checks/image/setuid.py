"""IMG003 setuid-setgid-bit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._run import run_commands
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Word

_SYMBOLIC = re.compile(r"[ugoa]*[+=][rwxXt]*s")
_NUMERIC = re.compile(r"^0?[246][0-7]{3}$")


def adds_setid(mode: str) -> bool:
    """Whether a chmod mode adds a setuid or setgid bit (any clause of a `u+s,g-w` list)."""
    if _NUMERIC.match(mode):
        return True
    return any(_SYMBOLIC.match(clause) for clause in mode.split(","))


def _install_mode(word: Word) -> tuple[str, Word]:
    """The mode of `install --mode=M` / `install -mM`, else an empty mode."""
    text = word.text
    if text.startswith("--mode="):
        return text[len("--mode=") :], word
    if text.startswith("-m") and len(text) > 2:
        return text[2:], word
    return "", word


@Rule(
    id="IMG003",
    slug="setuid-setgid-bit",
    title="The build adds setuid or setgid permission bits.",
    severity=Severity.MEDIUM,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    summary="""
        Reports `chmod` and `install -m` modes in RUN, and `--chmod=` on COPY/ADD, that set the
        setuid or setgid bit: symbolic modes that add `s` (`u+s`, `g=rxs`, `+s`) or four-digit
        numeric modes starting with 2, 4 or 6 (`4755`, `02755`). All stages count, because a later
        `COPY --from` keeps the bit.
        """,
    rationale="""
        A setuid/setgid binary runs with its owner's or group's identity whoever starts it. Inside a
        container that owner is usually root, so any flaw in the binary becomes a way from the
        application user back to root.
        """,
    fix="Do not add setuid/setgid bits; grant file capabilities or restructure the program to run unprivileged.",
    bad="""
        FROM alpine:3.20
        COPY --chmod=4755 tool /usr/local/bin/tool
        RUN chmod u+s /usr/bin/ping
        """,
    good="""
        FROM alpine:3.20
        COPY --chmod=0755 tool /usr/local/bin/tool
        RUN chmod u-s /usr/bin/ping
        """,
    example_lang="dockerfile",
    notes="Removing bits (`u-s`, `0755`) is not reported. Modes held in variables are not judged.",
    refs=("CIS Docker 4.8",),
)
def setuid_setgid_bit(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            if instr.keyword not in ("COPY", "ADD"):
                continue
            for name, value, token in instr.flag_tokens():
                if name == "chmod" and adds_setid(value):
                    offset = instr.args.find(value, token.start)
                    yield Violation(
                        f"{instr.keyword} --chmod={value} sets a setuid/setgid bit; use a mode without s (e.g. 0755)",
                        at=FixedSpan(instr.locate(offset, offset + len(value))),
                        evidence=f"{instr.keyword} chmod {value}",
                    )
    for run in run_commands(dockerfile):
        command = run.command
        modes: list[tuple[str, Word]] = []
        if command.name == "chmod":
            operands = command.operands({"--reference"})
            modes = [(operands[0].text, operands[0])] if operands else []
        elif command.name == "install":
            modes = [_install_mode(w) for w in command.arg_words]
            found = command.option_word("-m")
            modes.append((found[0], found[1]) if found is not None else ("", command.words[0]))
        for text, word in modes:
            if text and adds_setid(text):
                yield Violation(
                    f"RUN {command.name} mode {text} sets a setuid/setgid bit; use a mode without s",
                    at=run.at(word),
                    evidence=f"{command.name} {text}",
                )
