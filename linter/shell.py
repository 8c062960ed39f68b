"""Shell scripts (Dockerfile RUN, CI `run:` steps, `sh -c` strings) as simple commands with offsets.

bashlex parses the script; when it cannot (it does not know every bash construct), a tokenising
fallback splits on unquoted `&&`, `||`, `;`, `|`, `&` and newlines. Either way each command gives
its words with quotes removed and their offsets in the input, so callers can point at the physical
line of the word that matters. Words inside quotes are never commands: `echo "curl | sh"` is one
`echo` command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Words that run the following words as the command.
_WRAPPERS = frozenset({"sudo", "exec", "command", "nohup", "time", "env", "xargs", "nice", "stdbuf", "timeout"})
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(slots=True)
class Word:
    text: str  # unquoted
    start: int
    end: int


@dataclass(slots=True)
class Command:
    words: list[Word]
    pipeline: int = 0  # commands joined by `|` share this number
    position: int = 0  # index within the pipeline
    substitution: bool = False  # inside `$(...)`, backticks or `<(...)`
    sudo: bool = False
    prefix: list[Word] = field(default_factory=list)  # assignments and wrappers before the command

    @property
    def name(self) -> str:
        return self.words[0].text.rsplit("/", 1)[-1] if self.words else ""

    @property
    def args(self) -> list[str]:
        return [w.text for w in self.words[1:]]

    @property
    def start(self) -> int:
        first = self.prefix or self.words
        return first[0].start if first else 0

    def has(self, *options: str) -> bool:
        """Whether any of ``options`` is an argument (`-y` also matches inside `-qy`-style clusters)."""
        for arg in self.args:
            for option in options:
                if arg == option or (option.startswith("--") and arg.startswith(option + "=")):
                    return True
                if (
                    len(option) == 2
                    and option[0] == "-"
                    and arg.startswith("-")
                    and not arg.startswith("--")
                    and option[1] in arg[1:]
                ):
                    return True
        return False

    def option_value(self, option: str) -> str | None:
        """The value of `--opt=value` or `--opt value`."""
        args = self.args
        for index, arg in enumerate(args):
            if arg.startswith(option + "="):
                return arg[len(option) + 1 :]
            if arg == option and index + 1 < len(args):
                return args[index + 1]
        return None


def _split_prefix(words: list[Word]) -> tuple[list[Word], list[Word], bool]:
    prefix: list[Word] = []
    sudo = False
    index = 0
    while index < len(words):
        text = words[index].text
        if _ASSIGNMENT.match(text):
            prefix.append(words[index])
        elif text in _WRAPPERS:
            sudo |= text == "sudo"
            prefix.append(words[index])
            index += 1
            # wrapper options (`sudo -u root`, `timeout 30`) are not the command
            while index < len(words) and (words[index].text.startswith("-") or words[index].text.isdigit()):
                prefix.append(words[index])
                if words[index].text in ("-u", "-g", "-s") and index + 1 < len(words):
                    index += 1
                    prefix.append(words[index])
                index += 1
            continue
        else:
            break
        index += 1
    return prefix, words[index:], sudo


def parse(script: str) -> list[Command]:
    """Every simple command of ``script`` (nested substitutions included), in order of appearance."""
    try:
        commands = _parse_bashlex(script)
    except Exception:  # bashlex raises its own errors, and more, on what it does not understand
        commands = None
    if commands is None:
        commands = _parse_fallback(script)
    return sorted(commands, key=lambda c: c.start)


def _parse_bashlex(script: str) -> list[Command] | None:
    import bashlex

    if not script.strip():
        return []
    trees = bashlex.parse(script)
    out: list[Command] = []
    counter = [0]

    def visit(node: Any, pipeline: int, position: int, substitution: bool) -> None:
        kind = node.kind
        if kind == "pipeline":
            counter[0] += 1
            number = counter[0]
            index = 0
            for part in node.parts:
                if part.kind != "pipe":
                    visit(part, number, index, substitution)
                    index += 1
            return
        if kind == "command":
            words: list[Word] = []
            for part in node.parts:
                if part.kind in ("word", "assignment"):
                    words.append(Word(part.word, part.pos[0], part.pos[1]))
                    for inner in getattr(part, "parts", []):
                        if inner.kind in ("commandsubstitution", "processsubstitution"):
                            visit(inner.command, 0, 0, True)
                elif part.kind == "redirect" and hasattr(part, "output") and not isinstance(part.output, int):
                    for inner in getattr(part.output, "parts", []):
                        if inner.kind in ("commandsubstitution", "processsubstitution"):
                            visit(inner.command, 0, 0, True)
            prefix, rest, sudo = _split_prefix(words)
            if rest or prefix:
                if pipeline == 0:
                    counter[0] += 1
                    pipeline = counter[0]
                out.append(Command(rest, pipeline, position, substitution, sudo, prefix))
            return
        for child in getattr(node, "parts", []) or []:
            visit(child, pipeline, position, substitution)
        for attr in ("list", "command"):
            child = getattr(node, attr, None)
            for item in child if isinstance(child, list) else [child]:
                if item is not None and hasattr(item, "kind"):
                    visit(item, pipeline, position, substitution)

    for tree in trees:
        visit(tree, 0, 0, False)
    return out


_OPERATORS = ("&&", "||", ";", "|", "&", "\n")


def _parse_fallback(script: str) -> list[Command]:
    commands: list[Command] = []
    words: list[Word] = []
    pipeline, position = 1, 0
    i, n = 0, len(script)

    def flush(next_in_pipe: bool) -> None:
        nonlocal words, pipeline, position
        if words:
            prefix, rest, sudo = _split_prefix(words)
            commands.append(Command(rest, pipeline, position, False, sudo, prefix))
        words = []
        if next_in_pipe:
            position += 1
        else:
            pipeline += 1
            position = 0

    while i < n:
        ch = script[i]
        if ch in " \t\r":
            i += 1
            continue
        if ch == "\\" and i + 1 < n and script[i + 1] == "\n":
            i += 2
            continue
        if ch == "#" and (i == 0 or script[i - 1] in " \t\n;"):
            while i < n and script[i] != "\n":
                i += 1
            continue
        operator = next((op for op in _OPERATORS if script.startswith(op, i)), None)
        if operator is not None:
            flush(operator == "|")
            i += len(operator)
            continue
        start, out, quote = i, [], ""
        while i < n:
            ch = script[i]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and quote == '"' and i + 1 < n:
                    i += 1
                    out.append(script[i])
                else:
                    out.append(ch)
            elif ch in "\"'":
                quote = ch
            elif ch == "\\" and i + 1 < n:
                i += 1
                if script[i] != "\n":
                    out.append(script[i])
            elif ch in " \t\r\n;&|":
                break
            else:
                out.append(ch)
            i += 1
        words.append(Word("".join(out), start, i))
    flush(False)
    return commands


def pipelines(commands: list[Command]) -> dict[int, list[Command]]:
    grouped: dict[int, list[Command]] = {}
    for command in commands:
        grouped.setdefault(command.pipeline, []).append(command)
    return grouped
