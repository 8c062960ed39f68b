"""Output formats. Each module renders a Report; none of them knows about any particular rule."""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from linter import __version__
from linter.baseline import Summary as BaselineSummary
from linter.engine import RuleError
from linter.finding import Finding
from linter.nist import SectionStatus, compliance
from linter.rule import Rule
from linter.severity import Severity

TOOL_NAME = "gitops-lint"
FORMATS: dict[str, str] = {
    "text": "linter.reporting.text",
    "json": "linter.reporting.json_report",
    "sarif": "linter.reporting.sarif",
    "github": "linter.reporting.github",
    "markdown": "linter.reporting.markdown",
    "gitlab": "linter.reporting.gitlab",
    "junit": "linter.reporting.junit",
}


@dataclass(slots=True)
class Report:
    command: str
    root: Path
    display_prefix: str  # prepended to scan-root-relative paths for display ("" or "sample-repo/")
    findings: list[Finding]
    rules: list[Rule]  # the enabled rules
    files_scanned: int = 0
    objects: int = 0
    errors: list[RuleError] = field(default_factory=list)
    # Findings a suppression covered (each with its `suppressed_by`), listed only when asked for,
    # and what the baseline, if any, held back.
    suppressed: list[Finding] = field(default_factory=list)
    show_suppressed: bool = False
    baseline: BaselineSummary | None = None

    fail_on: Severity = Severity.LOW
    tool_version: str = __version__
    # A comparison of two trees (`check`): the fingerprints reported as new, and what was fixed.
    # None when the run compared nothing (`audit`).
    new: frozenset[str] | None = None
    fixed: list[Finding] = field(default_factory=list)
    # Rules that did not judge everything they were given (file-local scans): not coverage.
    partial: frozenset[str] = frozenset()
    notes: dict[str, int] = field(default_factory=dict)  # what the scan could not check, counted
    # What was compared, e.g. {"base": ..., "merge_base": ..., "head": ..., "commits": 3}.
    comparison: dict[str, Any] | None = None
    _repo_root: Path | None = field(default=None, repr=False)

    def display_path(self, path: str) -> str:
        return self.display_prefix + path

    @property
    def repo_root(self) -> Path:
        """The git work tree the scan root is in, else the scan root."""
        if self._repo_root is None:
            self._repo_root = work_tree_of(self.root)
        return self._repo_root

    def repo_path(self, path: str) -> str:
        """``path`` (scan-root-relative) relative to ``repo_root``: what code hosts key annotations
        and alerts by."""
        rel = self.root.relative_to(self.repo_root).as_posix()
        return path if rel == "." else f"{rel}/{path}"

    def note_lines(self) -> list[str]:
        return [f"{count} {text}" for text, count in self.notes.items()]

    def is_new(self, finding: Finding) -> bool | None:
        if self.new is None:
            return None
        marked = finding.extra.get("new")  # exact when equal fingerprints are partly new
        return marked if isinstance(marked, bool) else finding.fingerprint in self.new

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s.label: counts[s] for s in sorted(Severity, reverse=True)}

    def sections(self) -> list[SectionStatus]:
        return compliance(self.findings, [rule for rule in self.rules if rule.id not in self.partial])


def work_tree_of(root: Path) -> Path:
    """The top of the git work tree that holds ``root``, or ``root`` outside one.

    Looks for a ``.git`` entry (a directory, or a file in worktrees and submodules) instead of
    running git, so the formats that need it stay cheap and also work on exported trees."""
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            return directory
    return root


class Renderer(Protocol):
    def render(self, report: Report, *, color: bool = False) -> str: ...


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name])
