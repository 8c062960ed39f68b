"""Dockerfiles as instructions and stages, with exact positions.

``dockerfile-parse`` splits the file into instructions (it understands line continuations, the
``escape`` parser directive and comments). On top of that we add what the rules need and it does
not give: heredocs, the argument text with continuations joined *and* a map from every character
of it back to its physical line and column, leading ``--flags``, stages with their names and
parents, and ARG substitution into ``FROM``. Syntax problems (PARSE003) are recorded, not raised.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter import problems as P
from linter.location import Span
from linter.problems import Problem
from linter.shell import SHELLS, Command, parse

KNOWN_INSTRUCTIONS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)
_EXEC_FORM = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"})
_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")


@dataclass(slots=True)
class Token:
    text: str  # unquoted
    start: int  # offset in Instruction.args
    end: int


@dataclass(slots=True)
class Heredoc:
    name: str
    line: int  # first body line (1-based)
    body: list[str]


@dataclass(slots=True)
class Instruction:
    src: str
    keyword: str
    line: int
    end_line: int
    lines: list[str]  # the physical lines of the instruction (heredoc bodies excluded)
    args: str  # arguments with continuations joined
    stage: int = -1  # index of the stage it belongs to (-1: before the first FROM)
    heredocs: list[Heredoc] = field(default_factory=list)
    _segments: list[tuple[int, int, int]] = field(default_factory=list)  # (args offset, line, col)
    _scripts: list[Script] | None = None
    _tokens: list[Token] | None = None

    def scripts(self) -> list[Script]:
        """What a RUN hands to the shell (its command line, heredoc scripts) and the heredoc texts
        RUN, COPY and ADD feed to commands or files, each with positions (see ``Script``)."""
        if self._scripts is None:
            self._scripts = _scripts(self)
        return self._scripts

    def span(self) -> Span:
        last = self.lines[-1] if self.lines else ""
        return Span(self.src, self.line, 1, self.end_line, len(last.rstrip("\r\n")) + 1)

    def locate(self, start: int, end: int | None = None) -> Span:
        """The physical position of ``args[start:end]`` (clamped to one physical line)."""
        line, col = self._position(start)
        stop_line, stop_col = self._position(max(start, (end if end is not None else start + 1) - 1))
        if stop_line != line:
            stop_col = col
        return Span(self.src, line, col, line, stop_col + 1)

    def _position(self, offset: int) -> tuple[int, int]:
        line, col, base = self.line, 1, 0
        for seg_offset, seg_line, seg_col in self._segments:
            if seg_offset > offset:
                break
            line, col, base = seg_line, seg_col, seg_offset
        return line, col + (offset - base)

    def find(self, text: str, start: int = 0) -> Span:
        """Where ``text`` first occurs in the arguments, or the whole instruction."""
        index = self.args.find(text, start)
        return self.locate(index, index + len(text)) if index >= 0 else self.span()

    def tokens(self) -> list[Token]:
        # Every rule asks for the flags and the form of every instruction: split the text once.
        if self._tokens is None:
            self._tokens = tokenize(self.args)
        return self._tokens

    def flags(self) -> dict[str, str]:
        """Leading ``--name=value`` options (``--name`` alone gives an empty value)."""
        return {name: value for name, value, _ in self.flag_tokens()}

    def flag_tokens(self) -> list[tuple[str, str, Token]]:
        found: list[tuple[str, str, Token]] = []
        for token in self.tokens():
            if not token.text.startswith("--"):
                break
            name, _, value = token.text[2:].partition("=")
            found.append((name.lower(), value, token))
        return found

    def operands(self) -> list[Token]:
        """The tokens after the leading flags."""
        tokens = self.tokens()
        count = 0
        while count < len(tokens) and tokens[count].text.startswith("--"):
            count += 1
        return tokens[count:]

    @property
    def body(self) -> str:
        """The arguments after the leading flags, as written (continuations joined)."""
        flags = self.flag_tokens()
        return self.args[flags[-1][2].end :].strip() if flags else self.args.strip()

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form instruction, or None for shell form."""
        body = self.body
        if not body.startswith("["):
            return None
        try:
            value = json.loads(body)
        except ValueError:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return None


@dataclass(slots=True, eq=False)
class Script:
    """Text from an instruction with its positions: the RUN command line (offsets are those of
    ``Instruction.args``; flags and heredoc markers blanked out), or a heredoc body. ``shell`` is
    False for a body that is data (`cat <<EOF > file`, COPY heredocs) or another language."""

    instruction: Instruction
    text: str
    heredoc: Heredoc | None = None
    shell: bool = True
    _commands: list[Command] | None = None

    def commands(self) -> list[Command]:
        """The simple commands (including `sh -c` scripts); none for data."""
        if self._commands is None:
            self._commands = parse(self.text, inline=True) if self.shell else []
        return self._commands

    def locate(self, start: int, end: int | None = None) -> Span:
        if self.heredoc is None:
            return self.instruction.locate(start, end)
        start = max(0, min(start, len(self.text)))
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        stop = min(end if end is not None else start + 1, line_end)
        line = self.heredoc.line + self.text.count("\n", 0, start)
        return Span(self.instruction.src, line, start - line_start + 1, line, max(stop, start + 1) - line_start + 1)


@dataclass(slots=True)
class Stage:
    index: int
    from_instr: Instruction
    image: str  # as written
    image_resolved: str  # with build ARG defaults substituted (may still contain '$')
    name: str | None = None
    parent: Stage | None = None  # when FROM names an earlier stage
    instructions: list[Instruction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name or str(self.index)

    def image_token(self) -> Token | None:
        operands = self.from_instr.operands()
        return operands[0] if operands else None

    def last(self, keyword: str) -> Instruction | None:
        for instr in reversed(self.instructions):
            if instr.keyword == keyword:
                return instr
        return None

    def chain(self) -> Iterator[Stage]:
        """This stage, then the stage it is built FROM, and so on."""
        stage: Stage | None = self
        seen: set[int] = set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            yield stage
            stage = stage.parent


@dataclass(slots=True)
class Dockerfile:
    src: str
    instructions: list[Instruction]
    stages: list[Stage]
    global_args: dict[str, str | None]
    problems: list[Problem]
    escape: str = "\\"

    @property
    def final(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage_named(self, ref: str) -> Stage | None:
        """A stage by ``AS`` name (case-insensitive) or by index, as ``COPY --from`` accepts."""
        for stage in self.stages:
            if stage.name is not None and stage.name == ref.lower():
                return stage
        if ref.isdigit() and int(ref) < len(self.stages):
            return self.stages[int(ref)]
        return None

    def stage_at(self, line: int) -> Stage | None:
        found = None
        for stage in self.stages:
            if stage.from_instr.line <= line:
                found = stage
        return found


def substitute(text: str, variables: dict[str, str | None]) -> str:
    """Expand ``$VAR``/``${VAR}``/``${VAR:-default}``/``${VAR:+alt}``; unknown variables stay as written."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(4)
        op, word = match.group(2), match.group(3)
        value = variables.get(name)
        if op in (":-", "-"):
            return value if value else (word or "")
        if op in (":+", "+"):
            return (word or "") if value else ""
        return value if value is not None else match.group(0)

    return _VAR.sub(replace, text)


def tokenize(text: str) -> list[Token]:
    """Split on unquoted whitespace, removing quotes and backslash escapes, keeping offsets."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        start, out, quote = i, [], ""
        while i < n and (quote or not text[i].isspace()):
            ch = text[i]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and quote == '"' and i + 1 < n:
                    i += 1
                    out.append(text[i])
                else:
                    out.append(ch)
            elif ch in "\"'":
                quote = ch
            elif ch == "\\" and i + 1 < n:
                i += 1
                out.append(text[i])
            else:
                out.append(ch)
            i += 1
        tokens.append(Token("".join(out), start, i))
    return tokens


_MARKER = re.compile(r"<<-?([\"']?)[A-Za-z_][A-Za-z0-9_]*\1")


def _scripts(instr: Instruction) -> list[Script]:
    if instr.keyword in ("COPY", "ADD"):
        return [Script(instr, "\n".join(h.body), h, shell=False) for h in instr.heredocs]
    if instr.keyword != "RUN":
        return []
    flags = instr.flag_tokens()
    start = flags[-1][2].end if flags else 0
    exec_form = instr.exec_form()
    if exec_form is not None:
        return [Script(instr, _exec_text(instr.args, start))]
    text = " " * start + instr.args[start:]
    markers = list(_MARKER.finditer(text))
    for marker in markers:
        text = text[: marker.start()] + " " * (marker.end() - marker.start()) + text[marker.end() :]
    line = Script(instr, text)
    found = [line]
    commands = line.commands()
    for marker, heredoc in zip(markers, instr.heredocs, strict=False):
        body = "\n".join(heredoc.body)
        before = [c for c in commands if c.start < marker.start() and not c.substitution]
        after = [c for c in commands if c.start > marker.start() and not c.substitution]
        reader = before[-1] if before else after[0] if after else None
        if reader is None:
            shell = _shebang(body) in SHELLS
        else:
            shell = reader.name in SHELLS and not reader.has("-c")
        found.append(Script(instr, body, heredoc, shell=shell))
    return found


def _shebang(body: str) -> str:
    """The interpreter a heredoc script names on its `#!` line (`sh` when it has none)."""
    if not body.startswith("#!"):
        return "sh"
    words = body.partition("\n")[0][2:].split()
    names = [w.rsplit("/", 1)[-1] for w in words]
    if names and names[0] == "env":
        names = [n for n in names[1:] if not n.startswith("-")]
    return names[0] if names else "sh"


def _exec_text(args: str, start: int) -> str:
    """An exec-form array as shell words at the offsets of its elements: each JSON string becomes a
    single-quoted word; one with escapes becomes a placeholder word (its text cannot be mapped)."""
    out = [" "] * len(args)
    for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', args[start:]):
        begin, end = start + match.start(), start + match.end()
        content = match.group(1)
        if "\\" in content or "'" in content:
            content = "_" * len(content)
        out[begin:end] = ["'", *content, "'"]
    return "".join(out)


def parse_assignments(instr: Instruction) -> list[tuple[str, str | None, Token]]:
    """``KEY=value`` pairs of ENV/ARG/LABEL (and the legacy ``ENV KEY value`` form)."""
    tokens = instr.tokens()
    if not tokens:
        return []
    if instr.keyword == "ENV" and "=" not in tokens[0].text:
        rest = instr.args[tokens[0].end :].strip()
        return [(tokens[0].text, rest, tokens[0])]
    pairs: list[tuple[str, str | None, Token]] = []
    for token in tokens:
        name, eq, value = token.text.partition("=")
        pairs.append((name, value if eq else None, token))
    return pairs


def parse_dockerfile(text: str, src: str) -> Dockerfile:
    from dockerfile_parse import DockerfileParser

    raw_lines = text.splitlines(keepends=True)
    problems: list[Problem] = []
    try:
        structure = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8")), env_replace=False).structure
    except Exception as exc:  # the library is not hardened against arbitrary input
        problems.append(Problem(P.DOCKERFILE_SYNTAX, f"Dockerfile could not be parsed: {exc}", fatal=True))
        return Dockerfile(src, [], [], {}, problems)

    escape = "\\"
    for entry in structure:
        if entry["instruction"] != "COMMENT":
            break
        directive = re.match(r"#\s*escape\s*=\s*(\S)", entry["content"].strip(), re.IGNORECASE)
        if directive:
            escape = directive.group(1)

    instructions: list[Instruction] = []
    skip_until = -1
    for entry in structure:
        keyword = entry["instruction"].upper()
        start, end = entry["startline"], entry["endline"]
        if keyword == "COMMENT" or start <= skip_until:
            continue
        lines = raw_lines[start : end + 1]
        instr = _instruction(src, keyword, start + 1, end + 1, lines, escape)
        instructions.append(instr)
        if keyword not in KNOWN_INSTRUCTIONS:
            problems.append(
                Problem(
                    P.DOCKERFILE_SYNTAX,
                    f"unknown instruction {entry['instruction']!r}",
                    instr.line,
                    1,
                    instr.line,
                    len(keyword) + 1,
                    fatal=True,
                    evidence=f"unknown:{keyword}",
                )
            )
            continue
        skip_until = _read_heredocs(instr, raw_lines, end + 1, problems)

    if raw_lines and raw_lines[-1].rstrip().endswith(escape) and instructions:
        last = instructions[-1]
        problems.append(
            Problem(
                P.DOCKERFILE_SYNTAX,
                "line continuation at the end of the file",
                last.end_line,
                1,
                fatal=True,
                evidence="continuation-at-eof",
            )
        )

    stages, global_args = _stages(instructions, problems)
    for instr in instructions:
        if instr.keyword in _EXEC_FORM and _looks_exec_form(instr.body) and instr.exec_form() is None:
            problems.append(
                Problem(
                    P.DOCKERFILE_SYNTAX,
                    f"{instr.keyword} looks like an exec-form JSON array but is not valid JSON "
                    "(use double quotes); Docker would run it as a shell command",
                    instr.line,
                    1,
                    fatal=True,
                    evidence=f"json:{instr.keyword}:{instr.body}",
                )
            )
    return Dockerfile(src, instructions, stages, global_args, problems, escape)


def _looks_exec_form(body: str) -> bool:
    return body.startswith("[") and body[1:].lstrip()[:1] in ('"', "'")


def _instruction(src: str, keyword: str, line: int, end_line: int, lines: list[str], escape: str) -> Instruction:
    segments: list[tuple[int, int, int]] = []
    parts: list[str] = []
    offset = 0
    for i, physical in enumerate(lines):
        content = physical.rstrip("\r\n")
        col = 0
        if i == 0:
            match = re.match(r"\s*\S+\s?", content)
            col = match.end() if match else 0
        elif content.lstrip().startswith("#"):
            continue  # comment lines inside a continuation are dropped by the builder
        piece = content[col:]
        stripped = piece.rstrip()
        if stripped.endswith(escape):
            piece = stripped[: -len(escape)]
        segments.append((offset, line + i, col + 1))
        parts.append(piece)
        offset += len(piece)
    return Instruction(src, keyword, line, end_line, lines, "".join(parts), _segments=segments)


def _read_heredocs(instr: Instruction, raw_lines: list[str], next_index: int, problems: list[Problem]) -> int:
    """Attach heredoc bodies that follow ``instr``; returns the last 0-based line they use."""
    if instr.keyword not in ("RUN", "COPY", "ADD"):
        return -1
    last_used = -1
    index = next_index
    for match in _HEREDOC.finditer(instr.args):
        strip_tabs, name = match.group(1) == "-", match.group(3)
        body: list[str] = []
        first = index + 1
        while index < len(raw_lines):
            candidate = raw_lines[index].rstrip("\r\n")
            if (candidate.lstrip("\t") if strip_tabs else candidate) == name:
                break
            body.append(candidate)
            index += 1
        else:
            problems.append(
                Problem(
                    P.DOCKERFILE_SYNTAX,
                    f"heredoc <<{name} is never terminated",
                    instr.line,
                    1,
                    fatal=True,
                    evidence=f"heredoc:{name}",
                )
            )
            return len(raw_lines)
        instr.heredocs.append(Heredoc(name, first, body))
        last_used = index
        index += 1
    return last_used


def _stages(instructions: list[Instruction], problems: list[Problem]) -> tuple[list[Stage], dict[str, str | None]]:
    stages: list[Stage] = []
    global_args: dict[str, str | None] = {}
    for instr in instructions:
        if instr.keyword == "FROM":
            stages.append(_stage(instr, len(stages), stages, global_args))
        elif not stages:
            if instr.keyword == "ARG":
                for name, value, _ in parse_assignments(instr):
                    global_args[name] = value
            elif instr.keyword in KNOWN_INSTRUCTIONS:
                problems.append(
                    Problem(
                        P.DOCKERFILE_SYNTAX,
                        f"{instr.keyword} before the first FROM (only ARG may come first)",
                        instr.line,
                        1,
                        fatal=True,
                        evidence=f"before-from:{instr.keyword}",
                    )
                )
        if stages:
            instr.stage = stages[-1].index
            stages[-1].instructions.append(instr)
    if not stages and not problems:
        problems.append(Problem(P.DOCKERFILE_SYNTAX, "no FROM instruction", fatal=True, evidence="no-from"))
    return stages, global_args


def _stage(instr: Instruction, index: int, earlier: list[Stage], global_args: dict[str, str | None]) -> Stage:
    operands = instr.operands()
    image = operands[0].text if operands else ""
    name = None
    if len(operands) >= 3 and operands[1].text.lower() == "as":
        name = operands[2].text.lower()
    resolved = substitute(image, global_args)
    parent = None
    for stage in earlier:
        if stage.name is not None and stage.name == resolved.lower():
            parent = stage
    return Stage(index, instr, image, resolved, name, parent)
