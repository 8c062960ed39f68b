"""GitLab Code Quality: the fields GitLab reads, unique fingerprints, repository-relative paths."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from linter.reporting import gitlab
from tests.reporting.fixture import fixture_report
from tests.test_cli import run


def test_issue_fields(tmp_path: Path) -> None:
    issues = gitlab.document(fixture_report(tmp_path))
    odd = next(i for i in issues if i["location"]["lines"]["begin"] == 1 and "odd" in i["location"]["path"])
    assert odd["check_name"] == "TST001"
    assert odd["severity"] == "blocker"
    assert odd["location"]["path"] == "deploy/odd dir/100%, a:b.yaml"
    assert odd["description"].startswith('TST001 flagged-line: 100% of "quotes", commas, colons:')
    assert {i["severity"] for i in issues} == {"blocker", "critical", "major", "minor", "info"}


def test_fingerprints_are_unique_even_for_repeated_findings(tmp_path: Path) -> None:
    report = fixture_report(tmp_path)
    report.findings.append(dataclasses.replace(report.findings[0]))
    report.findings.append(dataclasses.replace(report.findings[0]))
    prints = [i["fingerprint"] for i in gitlab.document(report)]
    assert len(prints) == len(set(prints))
    assert prints[0] == report.findings[0].fingerprint, "the first keeps the finding's own fingerprint"


def test_sample_repo_paths_are_relative_to_the_work_tree(tmp_path: Path) -> None:
    out = tmp_path / "gl-code-quality.json"
    assert run("audit", "sample-repo", "--format", f"gitlab:{out}").returncode == 1
    issues = json.loads(out.read_text())
    assert issues and all(i["location"]["path"].startswith("sample-repo/") for i in issues)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
