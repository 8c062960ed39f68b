"""The commits a pull request adds: ``merge-base(base, head)..head``, oldest first.

A shallow clone may lack the merge-base or cut the range short; then nothing is checked and the
user is told to fetch the whole history, never given a silently partial check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

FETCH_HINT = (
    "fetch the full history: `git fetch --unshallow` (and the base branch), or `fetch-depth: 0` on actions/checkout"
)


class RangeError(Exception):
    """The range cannot be checked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class CommitSpan:
    base: str  # the base's commit
    head: str
    merge_base: str
    commits: tuple[str, ...]  # merge_base..head, parents before children


def resolve(repo: Any, base_ref: str, head_ref: str) -> CommitSpan:
    """Resolve the range in a ``git.Repo``; raises RangeError."""
    shallow = _shallow_commits(repo)
    base = _commit(repo, base_ref, "base", shallow)
    head = _commit(repo, head_ref, "head", shallow)
    bases = repo.merge_base(base, head)
    if not bases:
        if shallow:
            raise RangeError(
                f"{base_ref} and {head_ref} have no common ancestor in this shallow clone, so the pull "
                f"request's commits cannot be told apart; {FETCH_HINT}"
            )
        raise RangeError(f"{base_ref} and {head_ref} share no history: there is no merge-base to compare with")
    merge_base = bases[0].hexsha
    commits = tuple(c.hexsha for c in repo.iter_commits(f"{merge_base}..{head}", topo_order=True, reverse=True))
    cut = [sha for sha in commits if sha in shallow]
    if cut:
        raise RangeError(
            f"this shallow clone stops inside the range at commit {cut[0][:12]}, whose parents are missing; "
            f"{FETCH_HINT}"
        )
    return CommitSpan(base, head, merge_base, commits)


def _commit(repo: Any, ref: str, what: str, shallow: set[str]) -> str:
    from git import GitCommandError

    try:
        # git's own revision parser: every syntax users know (origin/main, HEAD~3, a tag, a SHA).
        return str(repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")).strip()
    except GitCommandError as exc:
        hint = f"; the clone is shallow: {FETCH_HINT}" if shallow else " (fetch it first?)"
        raise RangeError(f"--{what} {ref!r} is not a commit in this repository{hint}") from exc


def _shallow_commits(repo: Any) -> set[str]:
    """The commits whose parents a shallow clone left out (empty for a full clone)."""
    path = Path(repo.common_dir) / "shallow"
    try:
        return {line.strip() for line in path.read_text(encoding="ascii").splitlines() if line.strip()}
    except OSError:
        return set()
