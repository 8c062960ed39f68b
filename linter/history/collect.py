"""Build the GIT rules' subjects from a repository: each commit's diff (or a merge's remerge
diff), authors, committers and signatures, and the range's net diff.

gitpython runs the git commands (its command interface, where it has no object API: diffs with
renames in one pass, ``--remerge-diff``); contents are read through the run's blob cache.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from linter.history.commits import Commit, FileChange, Person, Signature
from linter.history.diffs import DIFF_OPTIONS, FilePatch, parse_patches
from linter.history.snapshot import TreeReader

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree
_GIT_CONFIG = ("-c", "core.quotePath=false")


def diff(reader: TreeReader, old: str | None, new: str) -> list[FileChange]:
    """What changes from ``old`` (None: the empty tree) to ``new``, renames detected."""
    text = reader.repo.git.execute(
        ["git", *_GIT_CONFIG, "diff", "-M", *DIFF_OPTIONS, old or EMPTY_TREE, new, "--"],
        stdout_as_string=False,
    )
    return _changes(reader, new, parse_patches(_text(text)))


class HistoryError(Exception):
    """git cannot produce what the check needs; the message says what to do."""


def remerge_diff(reader: TreeReader, merge: str) -> list[FileChange]:
    """What a merge commit holds beyond git's own re-merge of its parents (git >= 2.36)."""
    from git import GitCommandError

    try:
        text = reader.repo.git.execute(
            ["git", *_GIT_CONFIG, "show", "--remerge-diff", "--format=", *DIFF_OPTIONS, merge, "--"],
            stdout_as_string=False,
        )
    except GitCommandError as exc:
        # Never a silent pass: a merge that cannot be re-merged is not checked, and the run says so.
        raise HistoryError(
            f"git cannot re-merge merge commit {merge[:12]} to see what it adds (git 2.36 or later is needed): "
            f"{_text(exc.stderr or b'').strip()}"
        ) from None
    return _changes(reader, merge, parse_patches(_text(text)))


def commits(
    reader: TreeReader, shas: Sequence[str], signatures: dict[str, Signature] | None, base: str
) -> list[Commit]:
    """The commits ``shas`` with their changes; ``base`` is the base branch's tip (for merges that
    only bring the base branch in)."""
    out: list[Commit] = []
    for sha in shas:
        obj = reader.repo.commit(sha)
        parents = tuple(p.hexsha for p in obj.parents)
        merged: list[str] = []
        if len(parents) > 1:
            changes = remerge_diff(reader, sha)
            names = reader.repo.git.diff("--no-renames", "--name-only", "-z", parents[0], sha, "--")
            merged = [name for name in names.split("\0") if name]
        else:
            changes = diff(reader, parents[0] if parents else None, sha)
        out.append(
            Commit(
                sha=sha,
                parents=parents,
                author=_person(obj.author, obj.authored_datetime),
                committer=_person(obj.committer, obj.committed_datetime),
                message=_message(obj.message),
                changes=changes,
                merged_paths=merged,
                merges_base=len(parents) > 1 and all(reader.repo.is_ancestor(p, base) for p in parents[1:]),
                signature=signatures.get(sha) if signatures is not None else None,
            )
        )
    return out


def _changes(reader: TreeReader, commit: str, patches: Iterable[FilePatch]) -> list[FileChange]:
    changes: list[FileChange] = []
    for patch in patches:
        if patch.empty and not patch.notes and patch.old_path is None:
            continue  # a mode change only
        blob = None if patch.status == "D" else (patch.blob or _blob_at(reader, commit, patch.path))
        change = FileChange(
            patch.status,
            patch.path,
            patch.old_path,
            blob,
            added=patch.added,
            removed=patch.removed,
            binary=patch.binary,
            notes=patch.notes,
        )
        if blob is not None and patch.mode not in ("120000", "160000"):  # not a symlink or submodule
            change._data = functools.partial(reader.data, blob)
            change._source = functools.partial(reader.source, patch.path, blob)
        changes.append(change)
    return changes


def _blob_at(reader: TreeReader, commit: str, path: str) -> str | None:
    try:
        return str(reader.repo.commit(commit).tree[path].hexsha)
    except KeyError:
        return None


def _person(actor: Any, when: datetime) -> Person:
    return Person(str(actor.name or ""), str(actor.email or ""), when)


def _message(raw: str | bytes) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw


def _text(raw: str | bytes) -> str:
    return raw.decode("utf-8", "surrogateescape") if isinstance(raw, bytes) else raw
