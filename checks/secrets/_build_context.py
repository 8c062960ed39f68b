"""A Dockerfile's build context read from the repository: which files a COPY/ADD source names
(paths, globs, directories), minus what `.dockerignore` excludes. The context is taken to be the
Dockerfile's directory, the usual `docker build <dir>`."""

from __future__ import annotations

import bisect
import posixpath

from checks.secrets._memo import per_repo
from linter.dockerignore import anchored, is_ignored, parse_patterns
from linter.repository import Repository


def context_files(repo: Repository, context: str) -> list[str]:
    """Paths (relative to the context) of the repository files inside ``context``, not ignored."""
    prefix = f"{context}/" if context else ""
    paths = per_repo("sorted-paths", repo, lambda: sorted(f.path for f in repo.files))
    first = bisect.bisect_left(paths, prefix)
    inside: list[str] = []
    for path in paths[first:]:
        if not path.startswith(prefix):
            break
        inside.append(path[len(prefix) :])
    ignore = repo.file(f"{prefix}.dockerignore")
    patterns = parse_patterns(ignore.text or "") if ignore is not None else []
    return [path for path in inside if not is_ignored(path, patterns)]


def resolve(source: str, files: list[str]) -> list[str]:
    """The context files that a COPY/ADD source names (a file, a directory, or a glob)."""
    cleaned = posixpath.normpath(source.lstrip("/"))
    if cleaned in (".", ""):
        return list(files)
    if cleaned.startswith(".."):
        return []
    return [path for path in files if anchored(path, cleaned)]
