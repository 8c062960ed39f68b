"""The GitHub Action: its definition, the README's workflow, and its script run locally with a fake
``GITHUB_*`` environment against temporary repositories."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT, write_tree
from tests.snippets import readme_snippet

ACTION_DIR = PROJECT / "hooks" / "github-action"
ACTION = yaml.safe_load((ACTION_DIR / "action.yml").read_text())
SCRIPT = ACTION_DIR / "run.py"
BAD_POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x:1}]\n"
)
CLEAN = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: quiet}\n"


def test_action_inputs_and_outputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"path", "base", "fail-on", "config", "sarif-file", "version"}
    assert set(ACTION["outputs"]) == {"findings", "new-findings", "sarif-file"}
    assert ACTION["inputs"]["sarif-file"]["default"] == "gitops-lint.sarif"


def test_inputs_reach_the_shell_only_through_env() -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step["run"]
            assert step["shell"] == "bash"
    text = (ACTION_DIR / "action.yml").read_text()
    uses_of_inputs = re.findall(r"^\s*([A-Z_]+|[a-z-]+): \$\{\{ inputs\.([a-z-]+) \}\}$", text, re.MULTILINE)
    env_names = {name for step in ACTION["runs"]["steps"] for name in step.get("env", {})}
    assert {name for name, _ in uses_of_inputs} <= env_names
    assert {inp for _, inp in uses_of_inputs} == set(ACTION["inputs"])


def test_readme_workflow_is_the_example_workflow() -> None:
    snippet = readme_snippet("github-workflow")
    assert snippet == (ACTION_DIR / "example-workflow.yml").read_text()
    workflow = yaml.safe_load(snippet)
    steps = workflow["jobs"]["gitops-lint"]["steps"]
    checkout, lint, upload = steps
    assert checkout["with"]["fetch-depth"] == 0
    assert lint["uses"].split("@")[0].endswith("/hooks/github-action")
    assert set(lint.get("with", {})) <= set(ACTION["inputs"])
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"
    assert workflow["permissions"]["security-events"] == "write"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gitops_lint_action", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def pull_request(tmp_path: Path) -> dict[str, Any]:
    """A clone as actions/checkout leaves it for a pull request: origin/main, the pull request's
    head, and the merge commit GitHub tests (GITHUB_SHA) checked out."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    write_tree(origin, {"apps/old.yaml": BAD_POD % "old", "apps/settings.yaml": CLEAN})
    fork_point = commit_all(origin, "base")
    git(origin, "checkout", "-q", "-b", "feature")
    write_tree(origin, {"apps/new.yaml": BAD_POD % "new"})
    head = commit_all(origin, "add a pod")
    git(origin, "checkout", "-q", "main")
    write_tree(origin, {"apps/other.yaml": CLEAN})
    commit_all(origin, "meanwhile on main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", "--no-local", str(origin), str(work))
    git(work, "fetch", "-q", "origin", "feature")
    git(work, "merge", "-q", "--no-edit", head)
    merge = git(work, "rev-parse", "HEAD")
    git(work, "checkout", "-q", "--detach", merge)
    event = tmp_path / "event.json"
    payload = {"pull_request": {"number": 7, "head": {"sha": head}, "base": {"ref": "main"}}}
    event.write_text(json.dumps(payload))
    return {
        "work": work,
        "origin": origin,
        "head": head,
        "merge": merge,
        "fork_point": fork_point,
        "env": {
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_SHA": merge,
            "GITHUB_BASE_REF": "main",
            "GITHUB_WORKSPACE": str(work),
        },
    }


def test_pull_request_range_is_merge_base_to_head(
    pull_request: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    script = load_script()
    monkeypatch.chdir(pull_request["work"])
    env = pull_request["env"]
    event = script.load_event(env["GITHUB_EVENT_PATH"])
    # The pull request's head, not GITHUB_SHA (the merge commit); the base is where it forked.
    assert script.compared_range(env, event) == (pull_request["fork_point"], pull_request["head"])
    argv = script.command({**env, "INPUT_FAIL_ON": "High", "INPUT_CONFIG": "ci/lint.yaml"}, ("b", "h"), "out.sarif")
    assert argv[1:] == [
        "-m",
        "linter",
        "check",
        "--base",
        "b",
        "--head",
        "h",
        "--format",
        "github",
        "--format",
        "sarif:out.sarif",
        "--fail-on",
        "high",
        "--config",
        "ci/lint.yaml",
    ]


def test_base_input_compares_on_any_event(pull_request: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script()
    monkeypatch.chdir(pull_request["work"])
    env = {"GITHUB_EVENT_NAME": "push", "GITHUB_SHA": pull_request["merge"], "INPUT_BASE": pull_request["fork_point"]}
    assert script.compared_range(env, {}) == (pull_request["fork_point"], pull_request["merge"])
    assert script.compared_range({"GITHUB_EVENT_NAME": "push"}, {}) is None


def run_script(
    env: dict[str, str], tmp_path: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = tmp_path / "github-output"
    outputs.write_text("")
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    full |= {
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"),
        "RUNNER_TEMP": str(tmp_path),
        "PYTHONPATH": str(PROJECT),
        **env,
    }
    full |= {f"INPUT_{name.upper()}": value for name, value in inputs.items()}
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, env=full, check=False)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return result, values


def test_push_event_audits_and_publishes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write_tree(repo, {"apps/a.yaml": BAD_POD % "a", "apps/b.yaml": BAD_POD % "b", "apps/settings.yaml": CLEAN})
    commit_all(repo, "pods")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"ref": "refs/heads/main"}))
    env = {"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": str(event), "GITHUB_WORKSPACE": str(repo)}
    result, outputs = run_script(env, tmp_path, path=".", sarif_file="reports/lint.sarif", fail_on="high")
    assert result.returncode == 1, result.stderr
    assert "::error file=apps/a.yaml,line=5," in result.stdout and "::error file=apps/b.yaml,line=5," in result.stdout
    sarif = json.loads((repo / "reports" / "lint.sarif").read_text())
    found = len(sarif["runs"][0]["results"])
    assert found >= 2
    assert outputs == {"findings": str(found), "new-findings": str(found), "sarif-file": "reports/lint.sarif"}
    assert (tmp_path / "step-summary.md").read_text().startswith("### gitops-lint: ")
    clean, _ = run_script(env, tmp_path, fail_on="critical")
    assert clean.returncode == 0, clean.stdout


def test_shallow_clone_is_a_clear_error(pull_request: dict[str, Any], tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    origin = pull_request["origin"]
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}", str(shallow))
    env = {**pull_request["env"], "GITHUB_WORKSPACE": str(shallow)}
    result, outputs = run_script(env, tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=gitops-lint::")
    assert "The checkout is shallow: set `fetch-depth: 0` on actions/checkout" in result.stdout
    assert outputs == {}


def test_bad_input_is_a_clear_error(pull_request: dict[str, Any], tmp_path: Path) -> None:
    env = {**pull_request["env"], "GITHUB_EVENT_NAME": "push"}
    result, _ = run_script(env, tmp_path, fail_on="severe")
    assert result.returncode == 2
    assert "fail-on: 'severe' is not one of critical, high, medium, low, info" in result.stdout
    missing, _ = run_script({**pull_request["env"], "INPUT_BASE": "release/9"}, tmp_path)
    assert missing.returncode == 2 and "the base 'release/9' is not in the checkout" in missing.stdout
