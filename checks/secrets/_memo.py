"""Results computed once per scan and shared by several SEC rules (the engine hands each rule the
same repository and, for file rules, the same file in a row)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_MEMO: dict[str, tuple[Any, Any]] = {}


def memo(name: str, subject: object, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``subject`` (compared by identity; only the last one is kept)."""
    cached = _MEMO.get(name)
    if cached is not None and cached[0] is subject:
        value: T = cached[1]
        return value
    value = compute()
    _MEMO[name] = (subject, value)
    return value


def per_repo(name: str, repo: object, compute: Callable[[], T]) -> T:
    return memo(name, repo, compute)
