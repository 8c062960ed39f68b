"""The pre-commit hooks, run for real: ``pre-commit try-repo`` builds the hook environment from this
checkout with pip, and runs the hooks the README's configuration names against temporary
repositories (a staged violation fails and shows file:line; a clean change passes)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from linter.discovery import classify
from linter.sourcefile import FileKind
from tests.conftest import PROJECT, write_tree
from tests.snippets import readme_snippet

MANIFEST = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
HOOKS = {hook["id"]: hook for hook in MANIFEST}
BAD_POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x:1}]\n"
)
CLEAN = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: quiet}\n"
# What pip prints when it cannot reach a package index: the machine, not the project, is at fault.
NO_INDEX = re.compile(
    r"Could not find a version that satisfies|No matching distribution found|Network is unreachable|"
    r"Temporary failure in name resolution|Max retries exceeded|ProxyError|SSLError"
)


def test_manifest_declares_both_hooks() -> None:
    assert set(HOOKS) == {"gitops-lint-files", "gitops-lint"}
    files, repo = HOOKS["gitops-lint-files"], HOOKS["gitops-lint"]
    assert files["entry"] == "gitops-lint audit --file-local"
    assert files.get("pass_filenames", True) is True
    assert repo["entry"] == "gitops-lint audit"
    assert repo["pass_filenames"] is False and repo["always_run"] is False
    for hook in MANIFEST:
        assert hook["language"] == "python"
        assert hook["stages"] == ["pre-commit", "pre-merge-commit", "pre-push", "manual"]
        assert hook["minimum_pre_commit_version"] == "3.2.0"


@pytest.mark.parametrize(
    "path",
    [
        "a.yaml",
        "deploy/b.yml",
        "Dockerfile",
        "app/Dockerfile.prod",
        "app/api.Dockerfile",
        "app/api.dockerfile",
        "Containerfile",
        "base/Kustomization",
        "README.md",
        "package.json",
        "docs/Dockerfile-notes.txt",
        "charts/x/templates/_helpers.tpl",
    ],
)
def test_file_pattern_is_the_linters_discovery(path: str) -> None:
    checked = {FileKind.YAML, FileKind.DOCKERFILE, FileKind.KUSTOMIZATION}
    for hook in MANIFEST:
        assert bool(re.search(hook["files"], path)) == (classify(path, set()) in checked), path


def test_manifest_is_valid_for_pre_commit() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is on disk (uncommitted and untracked files too) in a repository of its
    own, so that every try-repo below shares one hook environment."""
    if git(PROJECT, "rev-parse", "--is-inside-work-tree").returncode != 0:
        pytest.skip("the project is not a git work tree: pre-commit installs hooks from a git repository")
    listed = git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    shadow = tmp_path_factory.mktemp("hook-repo")
    git(shadow, "init", "-q")
    for rel in filter(None, listed.split("\0")):
        source = PROJECT / rel
        if source.is_file():
            (shadow / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, shadow / rel)
    git(shadow, "add", "-A")
    assert git(shadow, "commit", "-q", "-m", "hooks under test").returncode == 0
    return shadow, git(shadow, "rev-parse", "HEAD").stdout.strip()


def try_repo(hook_repo: tuple[Path, str], repo: Path) -> subprocess.CompletedProcess[str]:
    """Every hook of the manifest on ``repo``'s staged files. try-repo builds the hook environment
    afresh each time (in a store of its own), so each call costs a pip install of the project."""
    shadow, rev = hook_repo
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")} | {"NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(shadow), "--ref", rev, "--verbose"]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, check=False, timeout=900)
    output = result.stdout + result.stderr
    if "An unexpected error has occurred" in output:
        if NO_INDEX.search(output):
            pytest.skip(f"pre-commit cannot build the hook environment here (no package index): {output[-300:]}")
        pytest.fail(f"pre-commit failed:\n{output[-3000:]}")
    return result


def new_repo(path: Path, staged: dict[str, str], committed: dict[str, str] | None = None) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    if committed:
        write_tree(path, committed)
        git(path, "add", ".")
        git(path, "commit", "-q", "-m", "before")
    write_tree(path, staged)
    git(path, "add", ".")
    return path


def hook_output(output: str, name: str) -> str:
    """What one hook printed in a pre-commit run (from its status line to the next one)."""
    match = re.search(
        rf"^{re.escape(name)}\.+(Passed|Failed|\(no files to check\)Skipped)$(.*?)(?=^[^\s-][^\n]*\.{{3,}}|\Z)",
        output,
        re.MULTILINE | re.DOTALL,
    )
    assert match is not None, output
    return match.group(1) + match.group(2)


def test_readme_configuration_names_the_hooks() -> None:
    config = yaml.safe_load(readme_snippet("pre-commit-config"))
    (repo,) = config["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ["gitops-lint-files", "gitops-lint"]
    for hook in repo["hooks"]:
        assert set(hook.get("stages", ["pre-commit"])) <= set(HOOKS[hook["id"]]["stages"])


@pytest.mark.slow
def test_staged_violation_fails_and_shows_where(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    repo = new_repo(tmp_path / "repo", {"apps/new.yaml": BAD_POD}, committed={"apps/old.yaml": BAD_POD})
    result = try_repo(hook_repo, repo)
    assert result.returncode == 1, result.stdout
    per_file = hook_output(result.stdout, HOOKS["gitops-lint-files"]["name"])
    whole = hook_output(result.stdout, HOOKS["gitops-lint"]["name"])
    assert per_file.startswith("Failed") and whole.startswith("Failed")
    # The per-file hook judges what is staged; the repository hook the whole repository.
    assert "apps/new.yaml:5:3: HOST001 high" in per_file and "apps/old.yaml" not in per_file
    assert "apps/new.yaml:5:3: HOST001 high" in whole and "apps/old.yaml:5:3: HOST001 high" in whole


@pytest.mark.slow
def test_clean_change_passes(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    repo = new_repo(tmp_path / "repo", {"apps/settings.yaml": CLEAN})
    result = try_repo(hook_repo, repo)
    assert result.returncode == 0, result.stdout
    for hook in MANIFEST:
        assert hook_output(result.stdout, hook["name"]).startswith("Passed")
