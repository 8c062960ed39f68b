"""Helpers shared by the tests: build a small repository in a temporary directory and lint it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from linter.audit import Audit, run_audit
from linter.config import Config
from linter.finding import Finding

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_REPO = PROJECT / "sample-repo"
SHARED = PROJECT.parent / "shared"


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def audit_tree(
    root: Path, files: Mapping[str, str | bytes], *, select: list[str] | None = None, **settings: object
) -> Audit:
    write_tree(root, files)
    config = Config()
    config.select = select if select is not None else ["ALL"]
    for key, value in settings.items():
        config.set(key, value, "test")
    return run_audit(root, config)


def findings(
    root: Path, files: Mapping[str, str | bytes], rule: str | None = None, **settings: object
) -> list[Finding]:
    """The findings of one rule (or all rules) on a tree; fails the test if a rule crashed."""
    audit = audit_tree(root, files, select=[rule] if rule else None, **settings)
    assert not audit.result.errors, audit.result.errors
    return [f for f in audit.result.findings if rule is None or f.rule_id == rule]


def where(found: list[Finding]) -> list[tuple[str, str, int, int]]:
    """(rule, path, line, column) of each finding: what most tests assert."""
    return [(f.rule_id, f.span.path, f.span.line, f.span.col) for f in found]


@pytest.fixture
def lint(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``lint(files, rule=None, **config)`` -> findings for a tree written to a fresh temporary dir."""
    calls = iter(range(1_000_000))

    def run(files: Mapping[str, str | bytes], rule: str | None = None, **settings: object) -> list[Finding]:
        return findings(tmp_path / f"tree{next(calls)}", files, rule, **settings)

    return run
