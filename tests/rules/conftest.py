"""Fixtures for rule tests that run several rules together (precedence, folding, classification)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from linter.finding import Finding
from tests.conftest import audit_tree


@pytest.fixture
def run_rules(tmp_path: Path) -> Callable[..., list[Finding]]:
    """``run_rules(files, rules=("SEC",), keep=None, **config)``: the findings of the selected rules
    (IDs or family prefixes) on a tree, optionally only those of rule ``keep``."""
    counter = itertools.count()

    def run(
        files: Mapping[str, str | bytes], rules: Iterable[str] = ("SEC",), keep: str | None = None, **settings: Any
    ) -> list[Finding]:
        audit = audit_tree(tmp_path / f"run{next(counter)}", files, select=list(rules), **settings)
        assert not audit.result.errors, audit.result.errors
        return [f for f in audit.result.findings if keep is None or f.rule_id == keep]

    return run
