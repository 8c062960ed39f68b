"""Naming, in a SEC finding, the DETECTOR hits folded into it (the detector rules stay silent about
values that finding covers)."""

from __future__ import annotations

from collections.abc import Iterable

from checks.secrets.detectors import scan_text


def detected_kinds(values: Iterable[tuple[str, str]]) -> str:
    """`` (token holds a GitHub token)`` for the (name, value) pairs in which a detector fires."""
    parts: list[str] = []
    for name, value in values:
        kinds = sorted({hit.kind for hit in scan_text(value)})
        if kinds:
            parts.append(f"{name} holds {with_articles(kinds)}")
    return f" ({'; '.join(parts)})" if parts else ""


def with_articles(kinds: Iterable[str]) -> str:
    """`a GitHub token and an AWS access key ID`."""
    return " and ".join(("an " if kind[0].lower() in "aeio" else "a ") + kind for kind in kinds)
