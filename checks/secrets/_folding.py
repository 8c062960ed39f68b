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
            parts.append(f"{name} holds {' and '.join(_article(kind) for kind in kinds)}")
    return f" ({'; '.join(parts)})" if parts else ""


def _article(kind: str) -> str:
    return ("an " if kind[0].lower() in "aeio" else "a ") + kind
