"""`.dockerignore` files read the way the builder reads them.

Patterns are matched from the context root (`*.pem` is only the root's, `**/*.pem` is any
directory's); a pattern that matches a directory excludes everything below it; `!` re-includes;
the last matching pattern decides. BuildKit prefers `<Dockerfile>.dockerignore` next to the
Dockerfile over the context root's `.dockerignore`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.globs import matches

if TYPE_CHECKING:
    from linter.repository import Repository
    from linter.sourcefile import SourceFile


@dataclass(frozen=True, slots=True)
class IgnorePattern:
    pattern: str  # cleaned: no `!`, no leading `/`
    negated: bool


def parse_patterns(text: str) -> list[IgnorePattern]:
    patterns: list[IgnorePattern] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        body = posixpath.normpath(line.lstrip("!").strip().lstrip("/"))
        patterns.append(IgnorePattern(body, negated))
    return patterns


def anchored(path: str, pattern: str) -> bool:
    """``pattern`` matched from the context root; a matching directory covers what is below it."""
    return matches(path, "/" + pattern)


def is_ignored(path: str, patterns: list[IgnorePattern]) -> bool:
    """Whether the context-relative ``path`` is excluded from the build context."""
    ignored = False
    for entry in patterns:
        if anchored(path, entry.pattern):
            ignored = not entry.negated
    return ignored


def ignore_file(repo: Repository, dockerfile: str, context: str) -> SourceFile | None:
    """The ignore file the builder uses for ``dockerfile`` built in ``context`` (repository paths)."""
    specific = repo.file(f"{dockerfile}.dockerignore")
    if specific is not None:
        return specific
    return repo.file(posixpath.join(context, ".dockerignore") if context else ".dockerignore")
