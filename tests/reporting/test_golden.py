"""Every format, byte for byte, on the fixed repository of tests/reporting/fixture.py.

Regenerate after an intended change of a format with ``UPDATE_GOLDEN=1 python -m pytest
tests/reporting/test_golden.py`` and review the diff of tests/reporting/golden/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.reporting import FORMATS, renderer
from tests.reporting.fixture import fixture_report

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "markdown": "md", "gitlab": "json"}


def normalise(text: str, root: Path) -> str:
    """The temporary directory's absolute path is the only thing that changes between runs."""
    return text.replace(root.as_uri(), "file:///ROOT").replace(str(root), "/ROOT")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_matches_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    report = fixture_report(tmp_path)
    output = normalise(renderer(name).render(report), report.root)
    golden = GOLDEN / f"{name}.{SUFFIX.get(name, 'xml')}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
