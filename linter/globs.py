"""Path globs as users write them in .gitignore-like lists.

- ``*`` matches within one path segment, ``**`` across segments, ``?`` one character;
- a pattern without ``/`` matches the file name or any directory name (``vendor``, ``*.lock``);
- a pattern with ``/`` matches from the root (``clusters/dev/**``); a trailing ``/`` means a
  directory and everything below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    out: list[str] = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    core = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "/.*" if directory else "(?:/.*)?"
    return re.compile(f"^{prefix}{core}{suffix}$")


def matches(path: str, pattern: str) -> bool:
    """Whether the POSIX relative ``path`` is matched by ``pattern``."""
    return _compile(pattern).match(path) is not None


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    return any(matches(path, pattern) for pattern in patterns)
