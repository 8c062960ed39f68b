"""TOML read line by line into located entries, for rules that need the line of a key.

`tomllib` gives values but no positions; configuration files such as containerd's config.toml or
buildkitd.toml are simple enough (tables, `key = value`, arrays) to be read by lines: each entry
knows the table it is in, its key, its value as written and as a Python value when it is a
string, boolean, number or array of those. Multi-line arrays are joined; anything else that cannot
be read is skipped, never raised on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from linter.location import Span

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=\s*"""
)
_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


@dataclass(frozen=True, slots=True)
class TomlEntry:
    table: tuple[str, ...]  # the table path, quotes removed: ("plugins", "io.containerd...", ...)
    block: int  # which table header the entry follows (tells `[[array]]` tables apart)
    table_line: int  # the line of that header (0 before the first one)
    key: tuple[str, ...]  # the key path (dotted keys split)
    value: Any  # the parsed value, or None when it could not be read
    text: str  # the value as written
    path: str
    line: int
    col: int  # where the key starts

    @property
    def dotted(self) -> tuple[str, ...]:
        """Table path and key together."""
        return self.table + self.key

    def span(self) -> Span:
        return Span(self.path, self.line, self.col, self.line, self.col + len(self.key[-1]) if self.key else self.col)


def split_key(text: str) -> tuple[str, ...]:
    """`plugins."io.containerd.grpc.v1.cri".registry` -> its parts, quotes removed."""
    return tuple(next(g for g in match.groups() if g is not None) for match in _PART.finditer(text))


def entries(text: str, path: str) -> list[TomlEntry]:
    found: list[TomlEntry] = []
    table: tuple[str, ...] = ()
    block = table_line = 0
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            table = split_key(header.group(2))
            block += 1
            table_line = index
            continue
        match = _KEY.match(line)
        if match is None:
            continue
        raw = line[match.end() :]
        # An array may continue on the following lines until its brackets balance.
        while raw.lstrip().startswith("[") and _depth(raw) > 0 and index < len(lines):
            raw += "\n" + lines[index]
            index += 1
        found.append(
            TomlEntry(
                table,
                block,
                table_line,
                split_key(match.group(1)),
                _value(raw),
                raw.strip(),
                path,
                index - raw.count("\n"),
                len(line) - len(line.lstrip()) + 1,
            )
        )
    return found


def _depth(text: str) -> int:
    depth, quote, comment = 0, "", False
    for char in text:
        if comment:
            comment = char != "\n"
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
    return depth


def _value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw.strip()}\n")["v"]  # the newline ends a trailing comment
    except (tomllib.TOMLDecodeError, KeyError):
        return None
