"""The README's promises: its rule table is generated from the registry and its commands exist."""

from __future__ import annotations

import re

from checks import ALL_RULES
from linter import ruledocs
from tests.conftest import PROJECT

README = (PROJECT / "README.md").read_text()


def test_rule_table_is_current() -> None:
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", README, re.DOTALL)
    assert match is not None
    assert match.group(1) == ruledocs.markdown_table(ALL_RULES), "run: gitops-lint rules --format markdown"


def test_ci_runs_the_readme_test_command() -> None:
    assert "python -m pytest" in README
    assert "python -m pytest" in (PROJECT / ".ci" / "run").read_text()
