"""GIT008 suppression-or-baseline-changed."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from linter.context import Context
from linter.globs import matches_any
from linter.history.commits import CommitRange, FileChange
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.suppress.annotations import IGNORE
from linter.suppress.comments import is_suppression_comment

# An annotation key of this linter's suppressions (`gitops-lint.io/ignore`, `.../ignore.<container>`,
# and `.../ignore-until`, which extends one), as a YAML or JSON mapping key.
_ANNOTATION = re.compile(r"""(?:^|[\s{,])["']?""" + re.escape(IGNORE) + r"""(?:\.[^\s"':]+|-until)?["']?\s*:""")


def _adds_suppression(line: str) -> bool:
    """The same comments the suppression machinery reads, and the ignore annotations' keys."""
    return is_suppression_comment(line) or _ANNOTATION.search(line) is not None


def _repo_relative(value: str | None, base: Path, root: Path) -> str | None:
    if not value:
        return None
    path = Path(value).expanduser()
    path = path if path.is_absolute() else base / path
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    return None if rel.startswith("..") else Path(rel).as_posix()


def _trust_files(ctx: Context) -> set[str]:
    """The configuration file in use, its baseline and the signing keys it trusts (a file or a
    directory), relative to the repository."""
    root = ctx.repo.root
    config = ctx.config
    base = config.path.parent if config.path is not None else root
    baseline = config.resolve_path("baseline")
    found = {
        _repo_relative(str(config.path) if config.path is not None else None, root, root),
        _repo_relative(str(baseline) if baseline is not None else None, Path.cwd(), root),
        _repo_relative(config.commit_signing.allowed_signers, base, root),
        _repo_relative(config.commit_signing.gpg_keys, base, root),
    }
    return {path for path in found if path}


def _trusted(path: str, trusted: set[str]) -> bool:
    return any(path == entry or path.startswith(entry + "/") for entry in trusted)


def _tool_table(data: bytes | str | None) -> Any:
    if data is None:
        return None
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return tomllib.loads(text).get("tool", {}).get("gitops-lint")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
        return "unreadable"


def _changed_file(change: FileChange, history: CommitRange, ctx: Context, trusted: set[str]) -> str | None:
    """Why a changed file needs security review, or None."""
    paths = [change.path] + ([change.old_path] if change.old_path else [])
    if any(matches_any(path, ctx.config.suppression_files) for path in paths):
        return "a suppression, ignore or baseline file"
    if any(_trusted(path, trusted) for path in paths):
        return "gitops-lint's configuration, baseline or signing keys"
    if any(path == "pyproject.toml" or path.endswith("/pyproject.toml") for path in paths):
        before = history.base_repo.file(change.old_path or change.path)
        if _tool_table(before.text if before is not None else None) != _tool_table(change.data()):
            return "gitops-lint's [tool.gitops-lint] configuration"
    return None


@Rule(
    id="GIT008",
    slug="suppression-or-baseline-changed",
    title="The pull request changes suppression, ignore or baseline files, or adds inline suppressions.",
    severity=Severity.HIGH,
    nist=("4.4.5", "4.1.4"),
    target=Target.RANGE,
    summary="""
        Reports files of the pull request's net diff (added, modified or deleted) that are
        suppression, ignore or baseline files of security tools (config `suppression_files`:
        gitleaks, detect-secrets, Checkov, Trivy, hadolint, kube-linter and gitops-lint's own
        `.gitops-lint*` files), gitops-lint's configuration in use (including a changed
        `[tool.gitops-lint]` table of a pyproject.toml) and the signing keys it trusts; and each
        added line that carries a gitops-lint inline suppression (a `# gitops-lint: ignore...`
        comment or a `gitops-lint.io/ignore...` annotation).
        """,
    rationale="""
        Silencing a finding is a security decision. A pull request that edits the rules it is
        judged by, or trusts a new signing key, can pass every check while hiding what it adds.
        """,
    fix="Have security owners review the suppression and its reason/expiry.",
    bad="""
        echo "CVE-2024-3094" >> .trivyignore && git add .trivyignore
        git commit -m "Ignore the xz finding"
        """,
    good="""
        sed -i 's/replicas: 2/replicas: 3/' apps/web/deployment.yaml
        git commit -am "Scale the web tier"
        """,
    example_lang="shell",
    notes="""
        The inline syntax is the one of gitops-lint's suppressions (`# gitops-lint: ignore=...`,
        `ignore-document=`, `ignore-stage=`, `ignore-file=`, annotations `gitops-lint.io/ignore` and
        `gitops-lint.io/ignore.<container>`). The allowed-signers file and GPG key directory of
        `commit_signing` count as configuration: adding a key there trusts new signers.
        """,
)
def suppression_or_baseline_changed(history: CommitRange, ctx: Context) -> Iterator[Violation]:
    trusted = _trust_files(ctx)
    verbs = {"A": "adds", "D": "deletes", "R": "renames"}
    for change in history.changes:
        reason = _changed_file(change, history, ctx, trusted)
        if reason is not None:
            line = change.added[0].line if change.added else 1
            yield Violation(
                f"the pull request {verbs.get(change.status, 'changes')} {change.path} ({reason}); have security "
                "owners review it",
                at=change.where(line),
                evidence=f"file:{change.path}@{change.blob or 'deleted'}",
            )
            continue
        for added in change.added:
            if _adds_suppression(added.text):
                yield Violation(
                    f"the pull request adds an inline gitops-lint suppression in {change.path}; have security "
                    "owners review it and its reason",
                    at=change.where(added.line),
                    evidence=f"inline:{change.path}:{' '.join(added.text.split())}",
                )
