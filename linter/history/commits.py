"""The subjects of the GIT rules: each commit of a checked range, and the range as a whole.

Everything is collected before the rules run (rules do no I/O); file contents are read lazily
through the run's blob cache, so a rule that never looks at a blob costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from linter.history.diffs import AddedLine
from linter.location import FixedSpan, Located, Span

if TYPE_CHECKING:
    from linter.repository import Repository
    from linter.sourcefile import SourceFile


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    when: datetime

    def describe(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True, slots=True)
class Signature:
    """What ``git log`` says about a commit's signature (verified with the configured keys only)."""

    status: str  # %G?: G good, B bad, U good but unknown validity, X/Y expired signature/key,
    # R revoked key, E cannot be checked (e.g. key missing), N none
    key: str = ""  # %GK: the signing key's ID (GPG) or fingerprint (SSH)
    fingerprint: str = ""  # %GF
    primary: str = ""  # %GP: the primary key's fingerprint of a GPG subkey
    signer: str = ""  # %GS: the signer's name (GPG) or principal (SSH)
    listed: bool = False  # the signing key is one of the configured GPG keys


@dataclass(slots=True)
class FileChange:
    """One file a commit (or the range) changes."""

    status: str  # A added, M modified, D deleted, R renamed, T type changed
    path: str  # the new path (the old one for a deletion)
    old_path: str | None = None  # renames
    blob: str | None = None  # the new content's blob (None for a deletion)
    added: list[AddedLine] = field(default_factory=list)  # lines the change adds, numbered in `path`
    removed: int = 0  # how many lines it takes away
    binary: bool = False
    notes: list[str] = field(default_factory=list)  # git's remarks, e.g. "remerge CONFLICT (content)"
    _data: Callable[[], bytes | None] | None = field(default=None, repr=False)
    _source: Callable[[], SourceFile | None] | None = field(default=None, repr=False)

    def data(self) -> bytes | None:
        """The new content (None for a deletion, or over ``max_file_bytes``)."""
        return self._data() if self._data is not None else None

    def source(self) -> SourceFile | None:
        """The new content parsed as the linter parses a file at that path (once per blob)."""
        return self._source() if self._source is not None else None

    @property
    def empty(self) -> bool:
        """Nothing in the content changes (e.g. a note of git's about a file only)."""
        return not self.added and not self.removed and not self.binary and self.status == "M"

    def where(self, line: int = 1) -> Located:
        return FixedSpan(Span(self.path, line, 1, line, 1))


def _anchor(paths: list[str]) -> Located:
    """A finding about a commit as a whole points at line 1 of the first file it changes (a
    location in the pull request's diff), else at the repository root."""
    return FixedSpan(Span(paths[0] if paths else ".", 1, 1, 1, 1))


@dataclass(slots=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: Person
    committer: Person
    message: str
    # What the commit introduced: its diff against its parent; for a merge, its remerge diff
    # (`git show --remerge-diff`: what differs from git's own re-merge of the parents).
    changes: list[FileChange] = field(default_factory=list)
    signature: Signature | None = None  # None: not verified (no signing policy configured)
    # Merges: the files the merge brings into the branch (its diff against the first parent), and
    # whether the merged parents are already on the base branch ("update branch" merges).
    merged_paths: list[str] = field(default_factory=list)
    merges_base: bool = False

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def short(self) -> str:
        return self.sha[:12]

    @property
    def subject(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""

    def describe(self) -> str:
        """How messages name the commit: short SHA and subject line."""
        subject = self.subject if len(self.subject) <= 60 else self.subject[:57] + "..."
        return f'{"merge " if self.is_merge else ""}commit {self.short} "{subject}"'

    @property
    def identity(self) -> str:
        return f"commit:{self.sha}"

    def anchor(self) -> Located:
        return _anchor([c.path for c in self.changes] + self.merged_paths)

    def finding_extra(self) -> dict[str, Any]:
        return {"commit": self.sha}


@dataclass(slots=True)
class CommitRange:
    """``merge-base..head``: the commits a pull request adds, and its net diff."""

    base: str  # the base branch's tip as given (resolved to a SHA)
    merge_base: str
    head: str
    commits: list[Commit]  # oldest first, merges included
    changes: list[FileChange]  # the net diff merge-base..head, renames detected
    base_repo: Repository  # the tree at the merge-base
    pr_author: str | None = None  # the pull request's author (login or email), when known

    @property
    def identity(self) -> str:
        # Not the SHAs: a finding about the change (e.g. a protected file it edits) keeps its
        # fingerprint across pushes and rebases while what it is about stays the same; the rules
        # put the file's content (its blob) in the evidence.
        return "change"

    def anchor(self) -> Located:
        return _anchor([c.path for c in self.changes])

    def finding_extra(self) -> dict[str, Any]:
        return {"range": f"{self.merge_base}..{self.head}"}

    @property
    def authors(self) -> list[Person]:
        """The authors of the range's non-merge commits."""
        return [c.author for c in self.commits if not c.is_merge]
