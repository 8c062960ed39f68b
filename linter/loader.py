"""Read one discovered file into a SourceFile: check its size, decode it, parse it once."""

from __future__ import annotations

from linter import problems as P
from linter.discovery import FileEntry
from linter.problems import Problem
from linter.sourcefile import FileKind, SourceFile, decode
from linter.yamlload import parse_yaml

# Kinds no parser reads: their text is read only if a rule asks for it.
_LAZY = frozenset({FileKind.OTHER, FileKind.HELM_TEMPLATE})


def load_file(entry: FileEntry, *, max_bytes: int, alias_limit: int) -> SourceFile:
    source = SourceFile(entry.path, entry.kind)
    if entry.kind in _LAZY:
        source._reader = lambda: _read_capped(entry, max_bytes)
        return source
    try:
        source.size = entry.abs_path.stat().st_size
        if source.size > max_bytes:
            source.problems.append(too_large(source.size, max_bytes))
            return source
        data = entry.abs_path.read_bytes()
    except OSError as exc:
        source.problems.append(
            Problem(P.UNREADABLE, f"cannot read file: {exc.strerror or exc}", fatal=True, evidence="unreadable")
        )
        return source
    return parse_source(source, data, alias_limit=alias_limit)


def too_large(size: int, max_bytes: int) -> Problem:
    return Problem(
        P.TOO_LARGE,
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_file_bytes); not checked",
        fatal=True,
        evidence="too-large",
    )


def _read_capped(entry: FileEntry, max_bytes: int) -> bytes | None:
    try:
        if entry.abs_path.stat().st_size > max_bytes:
            return None
        return entry.abs_path.read_bytes()
    except OSError:
        return None


def parse_source(source: SourceFile, data: bytes, *, alias_limit: int) -> SourceFile:
    """Decode and parse ``data`` as the content of ``source`` (also used for git blobs)."""
    text, problem = decode(data)
    if problem is not None:
        source.problems.append(problem)
        return source
    assert text is not None
    source.text = text
    if source.kind == FileKind.DOCKERFILE:
        from linter.dockerfile import parse_dockerfile

        source.dockerfile = parse_dockerfile(text, source.path)
        source.problems.extend(source.dockerfile.problems)
    elif source.kind.is_yaml:
        if source.kind == FileKind.JSON and not ('"apiVersion"' in text and '"kind"' in text):
            return source  # JSON that is not a Kubernetes manifest is none of our business
        parsed = parse_yaml(text, source.path, alias_limit=alias_limit)
        source.docs = parsed.docs
        source.problems.extend(parsed.problems)
    return source
