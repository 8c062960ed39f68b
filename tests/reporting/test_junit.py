"""JUnit XML: one suite per rule, a failing case per rule and file, parseable whatever the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from linter.engine import RuleError
from linter.reporting import junit
from tests.reporting.fixture import RULES, fixture_report
from tests.test_cli import run


def test_suites_cases_and_failures(tmp_path: Path) -> None:
    root = ET.fromstring(junit.render(fixture_report(tmp_path)))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"TST001 flagged-line", "TST002 pod-host-network"}
    flagged = suites["TST001 flagged-line"]
    odd = next(c for c in flagged if c.get("name") == "deploy/odd dir/100%, a:b.yaml")
    failure = odd.find("failure")
    assert failure is not None and failure.get("type") == "critical"
    assert failure.text is not None and len(failure.text.splitlines()) == 3  # two findings, one spans 2 lines
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "5", "0")


def test_rules_without_findings_pass_and_errors_are_errors(tmp_path: Path) -> None:
    report = fixture_report(tmp_path, findings=[], errors=[RuleError("TST002", "deploy/pod.yaml", "boom", "")])
    root = ET.fromstring(junit.render(report))
    suites = {s.get("name"): s for s in root}
    assert [(c.get("name"), list(c)) for c in suites["TST001 flagged-line"]] == [("all files", [])]
    (case,) = suites["TST002 pod-host-network"]
    error = case.find("error")
    assert error is not None and error.get("message") == "deploy/pod.yaml: boom"
    assert root.get("errors") == "1" and root.get("failures") == "0"
    assert len(RULES) == len(root)


def test_characters_xml_cannot_carry_are_replaced(tmp_path: Path) -> None:
    report = fixture_report(tmp_path)
    report.findings[0].message = "bell\x07 and nul\x00 and escape\x1b"
    root = ET.fromstring(junit.render(report))
    failure = root.find(".//failure")
    assert failure is not None and failure.get("message") == "1 finding: bell\ufffd and nul\ufffd and escape\ufffd"


def test_sample_repo(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    assert run("audit", "sample-repo", "--format", f"junit:{out}").returncode == 1
    root = ET.parse(out).getroot()
    assert int(root.get("failures", "0")) > 0
    assert all(case.get("classname", "").startswith("gitops-lint.") for case in root.iter("testcase"))
