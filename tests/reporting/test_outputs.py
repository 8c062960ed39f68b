"""Several formats in one run: ``--format F[:FILE]`` (repeatable) and ``--output``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT
from tests.test_cli import run


def test_github_to_stdout_and_sarif_to_a_file(tmp_path: Path) -> None:
    sarif = tmp_path / "results.sarif"
    result = run("audit", "sample-repo", "--format", "github", "--format", f"sarif:{sarif}")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("::group::gitops-lint: ")
    assert "::error file=sample-repo/" in result.stdout
    assert json.loads(sarif.read_text())["version"] == "2.1.0"


def test_every_format_to_its_own_file(tmp_path: Path) -> None:
    names = ("text", "json", "sarif", "github", "markdown", "gitlab", "junit")
    args = [arg for name in names for arg in ("--format", f"{name}:{tmp_path / name}")]
    result = run("audit", "sample-repo", *args)
    assert result.returncode == 1 and result.stdout == "", result.stderr
    assert all((tmp_path / name).stat().st_size > 0 for name in names)


def test_output_names_the_file_of_the_bare_format(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    sarif = tmp_path / "r.sarif"
    result = run("audit", "sample-repo", "--format", "markdown", "--format", f"sarif:{sarif}", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    assert out.read_text().startswith("### gitops-lint:") and sarif.exists()


def test_dash_is_standard_output(tmp_path: Path) -> None:
    result = run("audit", "sample-repo", "--format", "gitlab:-")
    assert json.loads(result.stdout)[0]["check_name"]


def test_usage_errors_exit_2() -> None:
    cases = {
        ("--format", "sarif", "--format", "gitlab"): "only one format can go to standard output (sarif, gitlab)",
        ("--format", "yaml"): "unknown format 'yaml'",
        ("--format", "sarif:a.sarif", "--output", "b.sarif"): "--output needs exactly one --format",
        ("--format", "sarif:same", "--format", "json:same"): "two formats would write the same file",
    }
    for args, message in cases.items():
        result = run("audit", "sample-repo", *args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert run("audit", "sample-repo", "--format", "sarif:").returncode == 2


def test_github_format_writes_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "step-summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, "-m", "linter", "audit", "sample-repo", "--format", "github"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    text = summary.read_text()
    assert text.startswith("### gitops-lint: ") and "| critical | CTR001 privileged-container |" in text
