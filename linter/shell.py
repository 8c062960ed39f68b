"""Shell scripts (Dockerfile RUN, CI `run:` steps, `sh -c` strings) as simple commands with offsets.

bashlex parses the script; when it cannot (it does not know every bash construct), a tokenising
fallback splits on unquoted `&&`, `||`, `;`, `|`, `&`, newlines and `( )` groups, and reads
`$(...)`, backticks and `<(...)` as nested scripts. Either way each command gives its words with
quotes removed and their offsets in the input, so callers can point at the physical line of the
word that matters. Words inside quotes are never commands: `echo "curl | sh"` is one `echo` command.

A command's *name* is its first word after any `VAR=value` assignments and wrappers that run the
rest of the line as the command (`sudo`, `env`, `exec`, ...); those are kept in ``prefix``.
With ``inline=True`` the script of `sh -c '...'` (and `bash -c`, `su -c`, ...) is parsed too.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import Any

# Words that run the following words as the command.
_WRAPPERS = frozenset({"sudo", "exec", "command", "nohup", "time", "env", "xargs", "nice", "stdbuf", "timeout"})
_WRAPPER_VALUE_OPTIONS = frozenset({"-u", "-g", "-s", "-C", "-n", "-k"})
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"})


@dataclass(slots=True)
class Word:
    text: str  # unquoted
    start: int
    end: int


@dataclass(slots=True, eq=False)
class Command:
    words: list[Word]
    pipeline: int = 0  # commands joined by `|` share this number
    position: int = 0  # index within the pipeline
    substitution: bool = False  # inside `$(...)`, backticks or `<(...)`
    sudo: bool = False
    prefix: list[Word] = field(default_factory=list)  # assignments and wrappers before the command
    pipe: int | None = None  # offset of the `|` that feeds this command (position > 0)
    # For a command inside a substitution: the command whose word holds it, the kind of
    # substitution ("command" for `$(...)`/backticks, "process" for `<(...)`/`>(...)`) and where it starts.
    host: Command | None = None
    kind: str = ""
    opening: int = 0
    inline: bool = False  # from the script of a `sh -c '...'` word

    @property
    def name(self) -> str:
        return self.words[0].text.rsplit("/", 1)[-1] if self.words else ""

    @property
    def args(self) -> list[str]:
        return [w.text for w in self.words[1:]]

    @property
    def arg_words(self) -> list[Word]:
        return self.words[1:]

    @property
    def start(self) -> int:
        first = self.prefix or self.words
        return first[0].start if first else 0

    def assignments(self) -> list[tuple[str, str, Word]]:
        """`NAME=value` words before the command (also those after `env`)."""
        found = []
        for word in self.prefix:
            if _ASSIGNMENT.match(word.text):
                name, _, value = word.text.partition("=")
                found.append((name, value, word))
        return found

    def has(self, *options: str) -> bool:
        """Whether any of ``options`` is an argument (`-y` also matches inside `-qy`-style clusters)."""
        return self.find(*options) is not None

    def find(self, *options: str) -> Word | None:
        """The first argument word that is one of ``options`` (as `has` matches them)."""
        for word in self.words[1:]:
            arg = word.text
            if arg == "--":
                return None
            for option in options:
                if arg == option or (option.startswith("--") and arg.startswith(option + "=")):
                    return word
                if (
                    len(option) == 2
                    and option[0] == "-"
                    and arg.startswith("-")
                    and not arg.startswith("--")
                    and option[1] in arg[1:]
                ):
                    return word
        return None

    def option_value(self, option: str) -> str | None:
        """The value of `--opt=value` or `--opt value`."""
        found = self.option_word(option)
        return found[0] if found is not None else None

    def option_word(self, option: str) -> tuple[str, Word] | None:
        """The value of `--opt=value`, `--opt value` (or `-o value`) with the word that holds it."""
        words = self.words[1:]
        for index, word in enumerate(words):
            if word.text.startswith(option + "=") and option.startswith("--"):
                return word.text[len(option) + 1 :], word
            if word.text == option and index + 1 < len(words):
                return words[index + 1].text, words[index + 1]
        return None

    def operands(self, valued: frozenset[str] | set[str] = frozenset()) -> list[Word]:
        """Arguments that are not options: `-x`/`--xx` words are skipped, and so is the word after
        an option in ``valued`` written without `=`; everything after `--` is an operand."""
        out: list[Word] = []
        words = self.words[1:]
        index = 0
        while index < len(words):
            text = words[index].text
            if text == "--":
                out.extend(words[index + 1 :])
                break
            if text.startswith("-") and text != "-":
                if text in valued:
                    index += 1
            else:
                out.append(words[index])
            index += 1
        return out

    def subcommand(self, valued: frozenset[str] | set[str] = frozenset()) -> Word | None:
        """The first operand (`install` in `apt-get -y install x` as in `apt-get install -y x`)."""
        operands = self.operands(valued)
        return operands[0] if operands else None


def _split_prefix(words: list[Word]) -> tuple[list[Word], list[Word], bool]:
    prefix: list[Word] = []
    sudo = False
    index = 0
    while index < len(words):
        text = words[index].text
        if _ASSIGNMENT.match(text):
            prefix.append(words[index])
        elif text.rsplit("/", 1)[-1] in _WRAPPERS:
            sudo |= text.rsplit("/", 1)[-1] == "sudo"
            prefix.append(words[index])
            index += 1
            # wrapper options (`sudo -u root`, `timeout 30`) are not the command
            while index < len(words) and (words[index].text.startswith("-") or words[index].text.isdigit()):
                prefix.append(words[index])
                if words[index].text in _WRAPPER_VALUE_OPTIONS and index + 1 < len(words):
                    index += 1
                    prefix.append(words[index])
                index += 1
            continue
        else:
            break
        index += 1
    return prefix, words[index:], sudo


def parse(script: str, inline: bool = False) -> list[Command]:
    """Every simple command of ``script`` (nested substitutions included), in order of appearance.

    With ``inline``, the script argument of `sh -c`/`bash -c`/`su -c` is parsed as well; its commands
    are marked ``inline`` (and located at the quoted word when its text cannot be mapped exactly)."""
    commands = copy.deepcopy(_simple_commands(script))
    if inline:
        for command in list(commands):
            base = max(c.pipeline for c in commands) + 1
            commands.extend(_inline(script, command, base))
    return sorted(commands, key=lambda c: c.start)


@functools.lru_cache(maxsize=512)
def _simple_commands(script: str) -> list[Command]:
    """Parsed once per distinct text: several rules read the same RUN or CI script, and bashlex is
    slow. Callers get deep copies (commands are adjusted in place when nested scripts are placed)."""
    try:
        commands = _parse_bashlex(script)
    except Exception:  # bashlex raises its own errors, and more, on what it does not understand
        commands = None
    return commands if commands is not None else _parse_fallback(script)


def inline_script(command: Command) -> Word | None:
    """The script word of `sh -c '...'` (`bash -lc`, `su -c`, `busybox sh -c`), if any."""
    words = command.words
    if command.name == "busybox" and len(words) > 1 and words[1].text in SHELLS:
        words = words[1:]
    name = words[0].text.rsplit("/", 1)[-1] if words else ""
    if name not in SHELLS and name != "su":
        return None
    for index, word in enumerate(words[1:], start=1):
        text = word.text
        if text.startswith("-") and not text.startswith("--") and "c" in text[1:]:
            return words[index + 1] if index + 1 < len(words) else None
    return None


def _inline(script: str, command: Command, base: int) -> list[Command]:
    word = inline_script(command)
    if word is None:
        return []
    raw = script[word.start : word.end]
    if raw == word.text:
        offset: int | None = word.start
    elif len(raw) == len(word.text) + 2 and raw[0] == raw[-1] and raw[0] in "\"'" and raw[1:-1] == word.text:
        offset = word.start + 1
    else:
        offset = None  # escapes inside the quotes: positions inside cannot be mapped one to one
    inner = parse(word.text, inline=True)
    for nested in inner:
        nested.inline = True
        for part in (*nested.prefix, *nested.words):
            if offset is None:
                part.start, part.end = word.start, word.end
            else:
                part.start += offset
                part.end += offset
        if nested.pipe is not None:
            nested.pipe = word.start if offset is None else nested.pipe + offset
        nested.opening = word.start if offset is None else nested.opening + offset
        nested.pipeline += base  # keep inner pipelines apart from outer ones
    return inner


def _parse_bashlex(script: str) -> list[Command] | None:
    import bashlex

    if not script.strip():
        return []
    trees = bashlex.parse(script)
    out: list[Command] = []
    counter = [0]

    def substitutions(node: Any, host: Command | None) -> None:
        for inner in getattr(node, "parts", []) or []:
            if inner.kind in ("commandsubstitution", "processsubstitution"):
                kind = "command" if inner.kind == "commandsubstitution" else "process"
                visit(inner.command, 0, 0, True, host, kind, inner.pos[0])

    def visit(
        node: Any,
        pipeline: int,
        position: int,
        substitution: bool,
        host: Command | None = None,
        kind: str = "",
        opening: int = 0,
        pipe: int | None = None,
    ) -> None:
        if node.kind == "pipeline":
            counter[0] += 1
            number = counter[0]
            index = 0
            last_pipe: int | None = None
            for part in node.parts:
                if part.kind == "pipe":
                    last_pipe = part.pos[0]
                    continue
                visit(part, number, index, substitution, host, kind, opening, last_pipe)
                index += 1
            return
        if node.kind == "command":
            words: list[Word] = []
            nested: list[Any] = []
            for part in node.parts:
                if part.kind in ("word", "assignment"):
                    words.append(Word(part.word, part.pos[0], part.pos[1]))
                    nested.append(part)
                elif part.kind == "redirect" and hasattr(part, "output") and not isinstance(part.output, int):
                    nested.append(part.output)
            prefix, rest, sudo = _split_prefix(words)
            command: Command | None = None
            if rest or prefix:
                if pipeline == 0:
                    counter[0] += 1
                    pipeline = counter[0]
                command = Command(rest, pipeline, position, substitution, sudo, prefix, pipe, host, kind, opening)
                out.append(command)
            for part in nested:
                substitutions(part, command or host)
            return
        for child in getattr(node, "parts", []) or []:
            visit(child, pipeline, position, substitution, host, kind, opening, pipe)
        for attr in ("list", "command"):
            child = getattr(node, attr, None)
            for item in child if isinstance(child, list) else [child]:
                if item is not None and hasattr(item, "kind"):
                    visit(item, pipeline, position, substitution, host, kind, opening, pipe)

    for tree in trees:
        visit(tree, 0, 0, False)
    return out


_OPERATORS = ("&&", "||", "|&", ";;", ";", "|", "&", "\n", "(", ")")
_KEYWORDS = frozenset({"then", "do", "else", "elif", "{", "!", "if", "while", "until"})
_CLOSERS = frozenset({"fi", "done", "esac", "}"})
_NOT_COMMANDS = frozenset({"for", "case", "select", "function"})
_REDIRECT = re.compile(r"^(?:\d*|&)(?:>>|>\||>&|<&|&>|<<<|>|<)(.*)$")


def _parse_fallback(
    script: str, base: int = 0, substitution: bool = False, counter: list[int] | None = None
) -> list[Command]:
    state = _Fallback(script, base, substitution, counter if counter is not None else [0])
    state.run()
    return state.commands


class _Fallback:
    """A small tokeniser: enough of the shell grammar to find commands, pipes and substitutions."""

    def __init__(self, script: str, base: int, substitution: bool, counter: list[int]) -> None:
        self.script = script
        self.counter = counter  # pipeline numbers, shared with nested substitutions
        self.base = base  # offset of this text in the outermost input
        self.substitution = substitution
        self.commands: list[Command] = []
        self.words: list[Word] = []
        # substitutions in the current command's words: (text, offset, kind, offset of the opening)
        self.pending: list[tuple[str, int, str, int]] = []
        self.pipeline, self.position = self.next_pipeline(), 0
        self.pipe: int | None = None
        self.closed: tuple[int, int] | None = None  # the pipeline a `)` just closed

    def next_pipeline(self) -> int:
        self.counter[0] += 1
        return self.counter[0]

    def flush(self, operator: str, at: int) -> None:
        words = self.words
        while words and words[0].text in _KEYWORDS and not self.pending_in(words[0]):
            words = words[1:]
        while words and words[-1].text in _CLOSERS:
            words = words[:-1]
        words = _without_redirects(words)
        if words and words[0].text in _NOT_COMMANDS:
            words = []
        if not words and operator in ("|", "|&") and self.closed is not None:
            # `( ... ) | cmd`: the group feeds the pipe
            self.pipeline, self.position = self.closed
        self.closed = None
        command: Command | None = None
        if words:
            prefix, rest, sudo = _split_prefix(words)
            command = Command(rest, self.pipeline, self.position, self.substitution, sudo, prefix, self.pipe)
            self.commands.append(command)
        for text, start, kind, opening in self.pending:
            for inner in _parse_fallback(text, start, True, self.counter):
                if inner.host is None:
                    inner.host, inner.kind, inner.opening = command, kind, opening
                self.commands.append(inner)
        self.words, self.pending = [], []
        if operator == ")":
            self.closed = (self.pipeline, self.position)
        if operator in ("|", "|&"):
            self.position += 1
            self.pipe = self.base + at
        else:
            self.pipeline = self.next_pipeline()
            self.position = 0
            self.pipe = None

    def pending_in(self, word: Word) -> bool:
        return any(word.start <= start < word.end for _, start, _, _ in self.pending)

    def run(self) -> None:
        script, n = self.script, len(self.script)
        i = 0
        while i < n:
            ch = script[i]
            if ch in " \t\r":
                i += 1
                continue
            if ch == "\\" and i + 1 < n and script[i + 1] == "\n":
                i += 2
                continue
            if ch == "#" and (i == 0 or script[i - 1] in " \t\n;&|("):
                while i < n and script[i] != "\n":
                    i += 1
                continue
            if ch in "<>" and i + 1 < n and script[i + 1] == "(":
                i = self.read_word(i)
                continue
            operator = next((op for op in _OPERATORS if script.startswith(op, i)), None)
            if operator is not None:
                self.flush(operator, i)
                i += len(operator)
                continue
            i = self.read_word(i)
        self.flush("", n)

    def read_word(self, i: int) -> int:
        script, n = self.script, len(self.script)
        start, out, quote = i, [], ""
        while i < n:
            ch = script[i]
            if ch == "$" and quote != "'" and script.startswith("$(", i) and not script.startswith("$((", i):
                end = _closing(script, i + 2)
                self.pending.append((script[i + 2 : end], self.base + i + 2, "command", self.base + i))
                out.append(script[i : end + 1])
                i = end + 1
                continue
            if ch in "<>" and not quote and script.startswith("(", i + 1):
                end = _closing(script, i + 2)
                self.pending.append((script[i + 2 : end], self.base + i + 2, "process", self.base + i))
                out.append(script[i : end + 1])
                i = end + 1
                continue
            if ch == "`" and quote != "'":
                end = script.find("`", i + 1)
                end = n if end < 0 else end
                self.pending.append((script[i + 1 : end], self.base + i + 1, "command", self.base + i))
                out.append(script[i : end + 1])
                i = end + 1
                continue
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
            elif ch == "&" and i > start and script[i - 1] in "<>":
                out.append(ch)  # `2>&1`, `<&3`: a redirection, not a background operator
            elif ch in " \t\r\n;&|()":
                break
            else:
                out.append(ch)
            i += 1
        self.words.append(Word("".join(out), self.base + start, self.base + i))
        return i


def _without_redirects(words: list[Word]) -> list[Word]:
    kept: list[Word] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        match = _REDIRECT.match(word.text) if not word.text.startswith(("<(", ">(")) else None
        if match is None:
            kept.append(word)
        elif not match.group(1):
            skip = True  # the target is the next word
    return kept


def _closing(script: str, i: int) -> int:
    """The index of the `)` that closes a group opened just before ``i`` (quotes respected)."""
    depth, quote = 1, ""
    while i < len(script):
        ch = script[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                i += 1
        elif ch in "\"'":
            quote = ch
        elif ch == "\\":
            i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(script)


def pipelines(commands: list[Command]) -> dict[int, list[Command]]:
    grouped: dict[int, list[Command]] = {}
    for command in commands:
        grouped.setdefault(command.pipeline, []).append(command)
    return grouped
