"""Which files to scan, and what kind each one is.

In a git work tree the candidates are the tracked files plus untracked files that are not ignored
(so .gitignore is respected); elsewhere the tree is walked, skipping VCS and vendored directories.
Symlinks are never followed out of the scan root: such links are reported, not read.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from linter.globs import matches_any
from linter.sourcefile import FileKind

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "vendor",
        ".terraform",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    }
)
KUSTOMIZATION_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
_DOCKERFILE_GLOBS = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*")


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # relative to the scan root, POSIX separators
    abs_path: Path
    kind: FileKind


@dataclass(slots=True)
class Discovery:
    root: Path
    files: list[FileEntry] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # directories that hold a Chart.yaml
    escaped_links: list[tuple[str, str]] = field(default_factory=list)  # (link, target) leaving the root


def discover(root: Path, targets: Iterable[Path] | None = None, exclude: Iterable[str] = ()) -> Discovery:
    """List the files under ``root`` (or only ``targets``: files or directories inside it)."""
    root = root.resolve()
    exclude = list(exclude)
    if targets is None:
        candidates = _list_tree(root, root)
    else:
        candidates = []
        for given in targets:
            target = given.resolve() if not given.is_symlink() else given.absolute()
            rel = _relative(target, root)
            if target.is_dir() and not target.is_symlink():
                candidates.extend(_list_tree(target, root))
            elif rel is not None:
                candidates.append(rel)
    result = Discovery(root)
    all_paths = list(dict.fromkeys(candidates))
    charts = _chart_dirs(root, all_paths, probe=targets is not None)
    result.charts = sorted(charts)
    for rel in sorted(all_paths):
        if matches_any(rel, exclude):
            continue
        abs_path = root / rel
        if abs_path.is_symlink() and _relative(Path(os.path.realpath(abs_path)), root) is None:
            result.escaped_links.append((rel, os.readlink(abs_path)))
            continue
        if not abs_path.is_file():
            continue
        result.files.append(FileEntry(rel, abs_path, classify(rel, charts)))
    return result


def kustomizations_above(discovery: Discovery, exclude: Iterable[str] = ()) -> list[FileEntry]:
    """The kustomization files in the directories of the discovered files and their parents (up to
    the root) that were not discovered themselves: files passed alone (pre-commit) need them to
    know which of them are Kustomize patches rather than whole objects."""
    exclude = list(exclude)
    have = {entry.path for entry in discovery.files}
    directories: set[str] = set()
    for entry in discovery.files:
        parent = entry.path
        while parent:
            parent = parent.rpartition("/")[0]
            directories.add(parent)
    found: list[FileEntry] = []
    for directory in sorted(directories):
        for name in sorted(KUSTOMIZATION_NAMES):
            rel = f"{directory}/{name}" if directory else name
            abs_path = discovery.root / rel
            if rel not in have and not matches_any(rel, exclude) and abs_path.is_file() and not abs_path.is_symlink():
                found.append(FileEntry(rel, abs_path, FileKind.KUSTOMIZATION))
    return found


def classify(rel: str, charts: set[str]) -> FileKind:
    name = rel.rpartition("/")[2]
    chart = chart_of(rel, charts) if charts else None
    if chart is not None:
        inside = rel[len(chart) + 1 :] if chart else rel
        if inside.startswith("templates/"):
            return FileKind.HELM_TEMPLATE
        if "/" not in inside and name == "Chart.yaml":
            return FileKind.HELM_CHART
        if "/" not in inside and fnmatch.fnmatchcase(name, "values*.y*ml"):
            return FileKind.HELM_VALUES
    if name in KUSTOMIZATION_NAMES:
        return FileKind.KUSTOMIZATION
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in _DOCKERFILE_GLOBS):
        return FileKind.DOCKERFILE
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    if suffix in ("yaml", "yml"):
        return FileKind.YAML
    if suffix == "json":
        return FileKind.JSON
    return FileKind.OTHER


def chart_of(rel: str, charts: set[str] | list[str]) -> str | None:
    """The nearest chart directory that contains ``rel`` ("" for a chart at the root), or None."""
    directory = rel.rpartition("/")[0]
    while True:
        if directory in charts:
            return directory
        if not directory:
            return None
        directory = directory.rpartition("/")[0]


def _chart_dirs(root: Path, paths: list[str], probe: bool) -> set[str]:
    charts = {p.rpartition("/")[0] for p in paths if p.rpartition("/")[2] == "Chart.yaml"}
    if probe:
        # Files passed alone (pre-commit) may belong to a chart whose Chart.yaml was not passed.
        for rel in paths:
            directory = rel.rpartition("/")[0]
            while directory not in charts:
                if (root / directory / "Chart.yaml").is_file():
                    charts.add(directory)
                    break
                if not directory:
                    break
                directory = directory.rpartition("/")[0]
    return charts


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _list_tree(directory: Path, root: Path) -> list[str]:
    listed = _git_files(directory)
    if listed is None:
        return _walk(directory, root)
    prefix = _relative(directory, root)
    return [f"{prefix}/{p}" if prefix and prefix != "." else p for p in listed]


def _git_files(directory: Path) -> list[str] | None:
    """Tracked plus untracked-not-ignored files below ``directory``, or None outside a work tree."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(directory), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(directory: Path, root: Path) -> list[str]:
    found: list[str] = []
    for current, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        base = Path(current)
        for name in files:
            rel = _relative(base / name, root)
            if rel is not None:
                found.append(rel)
    return found
