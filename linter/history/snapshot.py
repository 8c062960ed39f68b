"""The repository model of a commit, read from git objects: no checkout, so a dirty work tree does
not matter and any commit can be linted.

Files are identified by blob: a blob is read and parsed once per run however many trees hold it,
and every tree gets its own light copy of the parse (the model marks files, e.g. as Kustomize
patches, and must not leak that from one tree into another).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.config import Config
from linter.discovery import _chart_dirs, classify
from linter.globs import matches_any
from linter.loader import parse_source, too_large
from linter.repository import Repository, assemble, escaped_link
from linter.sourcefile import FileKind, SourceFile, decode

_SYMLINK = 0o120000
_MAX_LINK_HOPS = 16
# Kinds no parser reads: their text is read only if a rule asks for it (as linter.loader does).
_LAZY = frozenset({FileKind.OTHER, FileKind.HELM_TEMPLATE})


@dataclass(frozen=True, slots=True)
class TreeEntry:
    path: str
    sha: str  # the blob
    mode: int


class TreeReader:
    """Reads trees and blobs of one git repository (a ``git.Repo``) with a per-run blob cache."""

    def __init__(self, repo: Any, config: Config, root: Path) -> None:
        self.repo = repo
        self.config = config
        self.root = root
        self._data: dict[str, bytes | None] = {}
        self._parsed: dict[tuple[str, str, FileKind], SourceFile] = {}
        self.blobs_parsed = 0  # how many blobs were actually parsed (the rest came from the cache)

    def entries(self, commit: str) -> dict[str, TreeEntry]:
        """Every blob of the commit's tree by path (submodules left out). One `git ls-tree` lists
        the whole tree: walking it object by object through gitpython is ten times slower."""
        listing = self.repo.git.ls_tree("-r", "-z", "--full-tree", commit, stdout_as_string=False)
        out: dict[str, TreeEntry] = {}
        for record in listing.split(b"\0"):
            meta, _, raw_path = record.partition(b"\t")
            fields = meta.split()
            if len(fields) != 3 or fields[1] != b"blob":
                continue  # trees are recursed into; "commit" entries are submodules
            path = raw_path.decode("utf-8", "surrogateescape")
            out[path] = TreeEntry(path, fields[2].decode("ascii"), int(fields[0], 8))
        return out

    def data(self, sha: str) -> bytes | None:
        """A blob's content, or None when it is over ``max_file_bytes`` (read once per run)."""
        if sha not in self._data:
            obj = self.repo.odb.stream(bytes.fromhex(sha))
            self._data[sha] = obj.read() if obj.size <= self.config.max_file_bytes else None
        return self._data[sha]

    def size(self, sha: str) -> int:
        return int(self.repo.odb.info(bytes.fromhex(sha)).size)

    def source(self, path: str, sha: str, kind: FileKind | None = None) -> SourceFile:
        """The file ``path`` with the content of blob ``sha``, parsed (once per blob and path)."""
        kind = kind if kind is not None else classify(path, set())
        key = (path, sha, kind)
        parsed = self._parsed.get(key)
        if parsed is None:
            parsed = self._parse(path, sha, kind)
            self._parsed[key] = parsed
        return _copy(parsed, functools.partial(self.data, sha) if kind in _LAZY else None)

    def repository(self, commit: str) -> Repository:
        """The model of the commit's tree, as `audit` would build it from a checkout of it."""
        entries = self.entries(commit)
        files: list[SourceFile] = []
        kept: list[tuple[str, str]] = []
        for path, entry in sorted(entries.items()):
            if self.config.exclude and matches_any(path, self.config.exclude):
                continue
            if entry.mode != _SYMLINK:
                kept.append((path, entry.sha))
                continue
            target = self._follow(entry, entries)
            if isinstance(target, str):
                files.append(escaped_link(path, target))
            elif target is not None:
                kept.append((path, target.sha))
        charts = _chart_dirs(self.root, [path for path, _ in kept], probe=False)
        files.extend(self.source(path, sha, classify(path, charts)) for path, sha in kept)
        files.sort(key=lambda f: f.path)
        return assemble(self.root, files, charts, self.config)

    def _parse(self, path: str, sha: str, kind: FileKind) -> SourceFile:
        source = SourceFile(path, kind)
        if kind in _LAZY:
            return source
        self.blobs_parsed += 1
        source.size = self.size(sha)
        data = self.data(sha)
        if data is None:
            source.problems.append(too_large(source.size, self.config.max_file_bytes))
            return source
        return parse_source(source, data, alias_limit=self.config.yaml_alias_limit)

    def _follow(self, link: TreeEntry, entries: dict[str, TreeEntry]) -> TreeEntry | str | None:
        """A symlink's target file in the tree, its target text when it leaves the tree, or None
        (a directory, a dangling link or a loop: not a file, as in a checkout)."""
        current = link
        for _ in range(_MAX_LINK_HOPS):
            raw = self.data(current.sha) or b""
            target = decode(raw)[0] or ""
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(current.path), target))
            if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
                return target
            found = entries.get(resolved)
            if found is None or found.mode != _SYMLINK:
                return found
            current = found
        return None


def _copy(parsed: SourceFile, reader: Callable[[], bytes | None] | None) -> SourceFile:
    """A tree's own view of a parsed blob: shared parse results, its own problems and role."""
    copy = SourceFile(
        parsed.path,
        parsed.kind,
        problems=list(parsed.problems),
        docs=parsed.docs,
        dockerfile=parsed.dockerfile,
        size=parsed.size,
    )
    if reader is not None:
        copy._reader = reader
    else:
        copy.text = parsed.text
    return copy
