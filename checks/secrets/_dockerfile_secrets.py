"""Secret-bearing parts of a Dockerfile: ENV/ARG/LABEL assignments, secret-named build ARGs, and
RUN commands that set an account password from a literal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._values import is_literal_text, is_secret_key
from linter.dockerfile import Dockerfile, Instruction, Token, parse_assignments
from linter.location import FixedSpan, Located, Span
from linter.shell import Command, parse, pipelines

ASSIGNING = ("ENV", "ARG", "LABEL")
_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))")


@dataclass(slots=True)
class Assignment:
    instruction: Instruction
    name: str
    value: str | None
    token: Token

    def at(self) -> Located:
        return FixedSpan(self.instruction.locate(self.token.start, self.token.end))


def assignments(dockerfile: Dockerfile) -> Iterator[Assignment]:
    for instr in dockerfile.instructions:
        if instr.keyword in ASSIGNING:
            for name, value, token in parse_assignments(instr):
                yield Assignment(instr, name, value, token)


def secret_args(dockerfile: Dockerfile) -> set[str]:
    return {a.name for a in assignments(dockerfile) if a.instruction.keyword == "ARG" and is_secret_key(a.name)}


def referenced_variables(value: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in _VARIABLE.finditer(value)}


# --- RUN: passwords set from literals -----------------------------------------------------------

_PRODUCERS = ("echo", "printf")
_MENTIONS_PASSWORD = re.compile(r"passwd|useradd|usermod")  # chpasswd too; parsing is for these only


@dataclass(slots=True)
class PasswordSetting:
    what: str  # e.g. "chpasswd fed by echo"
    at: Located


def password_settings(instr: Instruction) -> Iterator[PasswordSetting]:
    """`echo 'u:pw' | chpasswd`, `chpasswd <<< 'u:pw'`, a heredoc into chpasswd, `passwd --stdin`,
    `useradd/usermod -p <literal>` and `openssl passwd <literal>` feeding these."""
    if instr.keyword != "RUN" or not _MENTIONS_PASSWORD.search(instr.args) or instr.exec_form() is not None:
        return
    flags = instr.flag_tokens()
    offset = flags[-1][2].end if flags else 0
    commands = parse(instr.args[offset:])
    setters = [c for c in commands if _sets_password(c)]
    if not setters:
        return
    starts = sorted({c.start for c in commands})
    script_end = len(instr.args) - offset
    for group in pipelines(commands).values():
        for position, command in enumerate(group):
            if not (command.name == "chpasswd" or (command.name == "passwd" and command.has("--stdin"))):
                continue
            end = next((start for start in starts if start > command.start), script_end)
            for producer in group[:position]:
                if producer.name in _PRODUCERS:
                    words = [w for w in producer.words[1:] if not w.text.startswith("-")]
                    if words and _literal_input(" ".join(w.text for w in words), command.name):
                        yield PasswordSetting(
                            f"{command.name} fed by {producer.name}",
                            _span(instr, offset, words[0].start, words[-1].end),
                        )
            yield from _stdin_of(instr, offset, command, end)
    for command in commands:
        if command.name in ("useradd", "usermod"):
            for index, word in enumerate(command.words[:-1]):
                if word.text in ("-p", "--password"):
                    value = command.words[index + 1]
                    if is_literal_text(value.text):
                        yield PasswordSetting(f"{command.name} -p", _span(instr, offset, value.start, value.end))
        if command.name == "openssl" and command.args[:1] == ["passwd"]:
            operands = [w for w in command.words[2:] if not w.text.startswith("-")]
            if operands and is_literal_text(operands[-1].text):
                last = operands[-1]
                yield PasswordSetting("openssl passwd", _span(instr, offset, last.start, last.end))


def _sets_password(command: Command) -> bool:
    return command.name in ("chpasswd", "passwd", "useradd", "usermod")


def _literal_input(text: str, reader: str) -> bool:
    """Whether text fed to chpasswd (`user:password` lines) or passwd --stdin holds a literal."""
    for line in text.replace("\\n", "\n").splitlines():
        secret = line.partition(":")[2] if reader == "chpasswd" else line
        if secret and "$" not in secret and is_literal_text(secret):
            return True
    return False


_HERE_STRING = re.compile(r"""<<<\s*(?:'(?P<sq>[^']*)'|"(?P<dq>[^"]*)"|(?P<bare>[^\s;&|]+))""")
_HEREDOC = re.compile(r"""<<-?\s*(["']?)(?P<name>[A-Za-z_][A-Za-z0-9_]*)\1""")


def _stdin_of(instr: Instruction, offset: int, command: Command, end: int) -> Iterator[PasswordSetting]:
    """A here-string or heredoc written after ``command`` (up to ``end``) that feeds it a literal."""
    segment = instr.args[offset + command.start : offset + end]
    base = offset + command.start
    for match in _HERE_STRING.finditer(segment):
        group = next(g for g in ("sq", "dq", "bare") if match.group(g) is not None)
        if _literal_input(match.group(group), command.name):
            start = base + match.start(group)
            yield PasswordSetting(
                f"{command.name} fed by a here-string", FixedSpan(instr.locate(start, base + match.end(group)))
            )
    for match in _HEREDOC.finditer(segment.replace("<<<", "   ")):
        for heredoc in instr.heredocs:
            if heredoc.name == match.group("name") and _literal_input("\n".join(heredoc.body), command.name):
                body = heredoc.body[0] if heredoc.body else ""
                line = heredoc.line
                yield PasswordSetting(
                    f"{command.name} fed by a heredoc", FixedSpan(Span(instr.src, line, 1, line, len(body) + 1))
                )


def _span(instr: Instruction, offset: int, start: int, end: int) -> Located:
    return FixedSpan(instr.locate(offset + start, offset + end))
