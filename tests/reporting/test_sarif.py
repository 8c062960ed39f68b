"""SARIF: valid against the official 2.1.0 schema, and shaped the way code scanning reads it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from linter.engine import RuleError
from linter.reporting import sarif
from tests.conftest import PROJECT, SHARED
from tests.reporting.fixture import fixture_report
from tests.test_cli import run

SCHEMA_PATH = SHARED / "schemas" / "sarif-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the SARIF schema is not available at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sample_repo_output_is_schema_valid(validator: Any, tmp_path: Path) -> None:
    out = tmp_path / "results.sarif"
    result = run("audit", "sample-repo", "--format", f"sarif:{out}")
    assert result.returncode == 1, result.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    validator.validate(log)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert results, "sample-repo has findings"
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        # Relative to the work tree the project lives in, whatever the current directory.
        assert location["artifactLocation"]["uri"].startswith("sample-repo/")
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert set(location["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert set(res["partialFingerprints"]) == {sarif.FINGERPRINT_KEY}
    assert {r["level"] for r in results} >= {"error", "warning"}, "levels follow severity, not all error"


def test_fixture_output_is_schema_valid_with_odd_paths(validator: Any, tmp_path: Path) -> None:
    report = fixture_report(tmp_path)
    log = sarif.document(report)
    validator.validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "deploy/odd%20dir/100%25%2C%20a%3Ab.yaml" in uris
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == report.root.as_uri() + "/"


def test_rules_carry_documentation_tags_and_scores(tmp_path: Path) -> None:
    log = sarif.document(fixture_report(tmp_path))
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "TST002")
    assert rule["name"] == "pod-host-network"
    assert rule["shortDescription"]["text"] == "A pod shares the host network (output tests)."
    assert rule["fullDescription"]["text"] == "Reports `hostNetwork: true` on a Pod."
    for heading in ("### Why is this bad?", "### Example", "### Use instead", "### Fix"):
        assert heading in rule["help"]["markdown"]
    assert "Why is this bad?" in rule["help"]["text"]
    assert rule["properties"]["tags"] == ["security", "TST", "SP800-190:4.4.3", "SP800-190:4.5.2"]
    assert rule["properties"]["security-severity"] == "8.0"
    assert rule["defaultConfiguration"]["level"] == "error"


def test_levels_scores_and_fingerprints() -> None:
    assert [sarif.LEVELS[s] for s in sorted(sarif.LEVELS, reverse=True)] == [
        "error",
        "error",
        "warning",
        "note",
        "note",
    ]
    assert [sarif.SECURITY_SEVERITY[s] for s in sorted(sarif.LEVELS, reverse=True)] == [
        "9.5",
        "8.0",
        "5.5",
        "3.0",
        "1.0",
    ]
    assert sarif.FINGERPRINT_KEY != "primaryLocationLineHash"


def test_results_follow_each_findings_severity(tmp_path: Path) -> None:
    log = sarif.document(fixture_report(tmp_path))
    levels = {r["message"]["text"][:12]: r["level"] for r in log["runs"][0]["results"]}
    assert levels['100% of "quo'] == "error"  # a critical finding of a medium rule
    assert levels["base image i"] == "note"
    assert log["runs"][0]["automationDetails"] == {"id": "gitops-lint/"}


def test_comparison_marks_baseline_state(tmp_path: Path) -> None:
    plain = fixture_report(tmp_path)
    first = plain.findings[0]
    compared = fixture_report(tmp_path, new=frozenset({first.fingerprint}))
    states = [r["baselineState"] for r in sarif.document(compared)["runs"][0]["results"]]
    assert states[0] == "new" and set(states[1:]) == {"unchanged"}
    assert "baselineState" not in sarif.document(plain)["runs"][0]["results"][0]


def test_internal_errors_make_the_invocation_unsuccessful(tmp_path: Path, validator: Any) -> None:
    report = fixture_report(tmp_path, errors=[RuleError("TST002", "deploy/pod.yaml", "KeyError: 'x'", "trace")])
    log = sarif.document(report)
    validator.validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["associatedRule"] == {"id": "TST002", "index": 1}


def test_uris_are_relative_to_the_git_work_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    report = fixture_report(tmp_path / "gitops" / "prod")
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif.document(report)["runs"][0]["results"]
    ]
    assert uris[0] == "gitops/prod/Dockerfile"
    assert report.repo_root == tmp_path.resolve()


def test_schema_is_not_copied_into_the_project() -> None:
    assert not list(PROJECT.glob("**/sarif-2.1.0*.json"))
