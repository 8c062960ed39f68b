"""Unified diffs as git prints them (``-U0``): which lines each file gains, with their numbers.

Two sources: the hunks gitpython hands over per file (``Diff.diff``), and whole multi-file outputs
that gitpython has no API for (``git show --remerge-diff``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HUNK = re.compile(r"^@@+ ((?:-\d+(?:,\d+)? )+)\+(\d+)(?:,(\d+))? @@+")
_DIFF_GIT = re.compile(r'^diff --(?:git|cc|combined) (?:"?a/(.*?)"? "?b/(.*?)"?|(.*))$')
_QUOTED = re.compile(r'^"(.*)"$')
# Options that make `git diff`-like commands print what the parser expects whatever the user's
# configuration says (external diff drivers, textconv, colours, prefixes, relative paths).
DIFF_OPTIONS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--full-index",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--unified=0",
)


@dataclass(frozen=True, slots=True)
class AddedLine:
    line: int  # 1-based, in the new version of the file
    text: str


@dataclass(slots=True)
class FilePatch:
    """One file's part of a multi-file diff."""

    path: str  # the new path (the old one for a deletion)
    old_path: str | None = None
    status: str = "M"  # A, M, D or R
    blob: str | None = None  # the new content's blob, from the `index` line (``--full-index``)
    mode: str = ""  # the new mode when the diff says it, e.g. 120000 for a symlink
    binary: bool = False
    added: list[AddedLine] = field(default_factory=list)
    removed: int = 0  # how many lines the diff takes away
    notes: list[str] = field(default_factory=list)  # e.g. "remerge CONFLICT (content): ..."

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed and not self.binary and self.status == "M"


def added_lines(hunks: str) -> tuple[list[AddedLine], int]:
    """The lines a diff body adds (numbered in the new file), and how many it removes. Each hunk is
    read by its header's line counts, so content that looks like a header is still content."""
    added: list[AddedLine] = []
    removed = 0
    number = old_left = new_left = 0
    for line in hunks.splitlines():
        if old_left <= 0 and new_left <= 0:
            match = _HUNK.match(line)
            if match:
                number = int(match.group(2))
                new_left = int(match.group(3)) if match.group(3) is not None else 1
                old_left = max(_old_count(part) for part in match.group(1).split())
            continue
        if line.startswith("+"):
            added.append(AddedLine(number, line[1:]))
            number += 1
            new_left -= 1
        elif line.startswith("-"):
            removed += 1
            old_left -= 1
        elif line.startswith(" "):
            number += 1
            new_left -= 1
            old_left -= 1
    return added, removed


def _old_count(part: str) -> int:
    """The line count of a ``-start,count`` range (a merge's combined diff has one per parent)."""
    _, _, count = part.partition(",")
    return int(count) if count else 1


def parse_patches(text: str) -> list[FilePatch]:
    """Split a multi-file diff (e.g. ``git show --remerge-diff``) into files with their added lines."""
    patches: list[FilePatch] = []
    current: FilePatch | None = None
    body: list[str] = []

    def finish() -> None:
        if current is not None:
            current.added, current.removed = added_lines("\n".join(body))
            patches.append(current)

    for line in text.splitlines():
        header = _DIFF_GIT.match(line)
        if header:
            finish()
            body = []
            new = header.group(2) or header.group(3) or ""
            old = header.group(1) or new
            current = FilePatch(_unquote(new), None if old == new else _unquote(old))
            continue
        if current is None:
            continue
        if body or _HUNK.match(line):
            body.append(line)  # hunks run to the next file's header
        elif line.startswith("new file mode "):
            current.status, current.mode = "A", line.rsplit(" ", 1)[1]
        elif line.startswith("new mode "):
            current.mode = line.rsplit(" ", 1)[1]
        elif line.startswith("index "):
            shas = line.split()[1].split("..")
            current.blob = shas[-1] if len(shas) == 2 and shas[-1].strip("0") else None
            if len(line.split()) > 2:
                current.mode = line.split()[2]
        elif line.startswith("deleted file mode"):
            current.status = "D"
        elif line.startswith("rename from "):
            current.status, current.old_path = "R", _unquote(line[len("rename from ") :])
        elif line.startswith("rename to "):
            current.path = _unquote(line[len("rename to ") :])
        elif line.startswith("+++ ") and line[4:] != "/dev/null":
            current.path = _unquote(line[4:]).removeprefix("b/")
        elif line.startswith(("Binary files ", "GIT binary patch")):
            current.binary = True
        elif line.startswith("remerge "):
            current.notes.append(line)
    finish()
    return patches


def _unquote(path: str) -> str:
    """git quotes paths with unusual characters as C strings."""
    match = _QUOTED.match(path)
    if match is None:
        return path
    raw = match.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1", "replace").decode("utf-8", "replace")
