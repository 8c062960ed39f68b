"""Environment settings a Dockerfile makes: ENV and ARG (with a value), `VAR=x cmd`, `export VAR=x`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.image._run import run_commands, run_scripts
from linter.dockerfile import Dockerfile, Script, parse_assignments
from linter.location import FixedSpan, Located
from linter.shell import Word


@dataclass(slots=True)
class Setting:
    name: str
    value: str
    at: Located
    how: str  # ENV, ARG, or RUN

    def describe(self) -> str:
        return f"{self.how} {self.name}"


def settings(dockerfile: Dockerfile) -> Iterator[Setting]:
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            if instr.keyword not in ("ENV", "ARG"):
                continue
            for name, value, token in parse_assignments(instr):
                if value is not None:
                    yield Setting(name, value, FixedSpan(instr.locate(token.start, token.end)), instr.keyword)
    for instr in dockerfile.instructions:
        if instr.keyword == "ARG" and instr.stage < 0:
            for name, value, token in parse_assignments(instr):
                if value is not None:
                    yield Setting(name, value, FixedSpan(instr.locate(token.start, token.end)), "ARG")
    for run in run_commands(dockerfile):
        for name, value, word in run.command.assignments():
            yield Setting(name, value, run.at(word), "RUN")
        if run.command.name in ("export", "declare", "typeset", "readonly"):
            for word in run.command.arg_words:
                name, eq, value = word.text.partition("=")
                if eq and name.isidentifier():
                    yield Setting(name, value, run.at(word), "RUN")


@dataclass(slots=True)
class Written:
    """A piece of text a RUN could write to a file: an argument word or a heredoc body."""

    text: str
    script: Script
    word: Word | None  # None for a heredoc body

    def at(self, start: int, end: int) -> FixedSpan:
        """Where ``text[start:end]`` is written: inside a word when the piece appears there as is
        (quotes and escapes removed elsewhere in the word), else the whole word."""
        if self.word is None:
            return FixedSpan(self.script.locate(start, end))
        raw = self.script.text[self.word.start : self.word.end]
        index = raw.find(self.text[start:end]) if end > start else -1
        if index < 0:
            return FixedSpan(self.script.locate(self.word.start, self.word.end))
        return FixedSpan(self.script.locate(self.word.start + index, self.word.start + index + end - start))


def written_texts(dockerfile: Dockerfile) -> Iterator[Written]:
    """Every argument word of every RUN command, and heredoc bodies that are data (RUN/COPY/ADD)."""
    for _, _, script in run_scripts(dockerfile):
        if not script.shell:
            yield Written(script.text, script, None)
            continue
        for command in script.commands():
            for word in command.arg_words:
                yield Written(word.text, script, word)
