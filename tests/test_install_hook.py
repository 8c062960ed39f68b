"""`gitops-lint install-hook`: plain git hooks, run for real by git in temporary repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.commands import install_hook
from tests.conftest import write_tree

BAD_POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x:1}]\n"
)
CLEAN = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: quiet}\n"


def git(repo: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "NO_COLOR": "1"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, input=stdin, check=False)


def install(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", "install-hook", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_pre_commit_hook_blocks_a_staged_violation(repo: Path) -> None:
    result = install(repo)
    assert result.returncode == 0 and "installed" in result.stdout
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK)
    write_tree(repo, {"apps/odd name.yaml": BAD_POD, "apps/settings.yaml": CLEAN})
    git(repo, "add", "apps/odd name.yaml")
    blocked = git(repo, "commit", "-q", "-m", "add pod")
    assert blocked.returncode == 1
    assert "apps/odd name.yaml:5:3: HOST001 high" in blocked.stdout + blocked.stderr
    assert git(repo, "rev-parse", "-q", "--verify", "HEAD").returncode != 0, "nothing was committed"
    git(repo, "reset", "-q")
    git(repo, "add", "apps/settings.yaml")
    passed = git(repo, "commit", "-q", "-m", "settings")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(repo, "commit", "-q", "--allow-empty", "-m", "nothing staged").returncode == 0


def test_foreign_hooks_are_kept_unless_forced(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho someone else's hook\n")
    refused = install(repo)
    assert refused.returncode == 2 and "was not installed by gitops-lint; add --force" in refused.stderr
    assert "someone else's" in hook.read_text()
    forced = install(repo, "--force")
    assert forced.returncode == 0
    assert install_hook.MARKER in hook.read_text()
    assert "someone else's" in (hook.parent / "pre-commit.orig").read_text()
    assert install(repo).returncode == 0, "our own hook is replaced without --force"


def test_core_hooks_path_is_honoured(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    assert install(repo, "pre-push").returncode == 0
    assert install_hook.MARKER + " pre-push" in (repo / ".githooks" / "pre-push").read_text()


def test_outside_a_repository(tmp_path: Path) -> None:
    result = install(tmp_path, "--repo", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such directory" in result.stderr


def stand_in(tmp_path: Path, name: str, body: str) -> Path:
    """An executable that the hook runs in place of the interpreter that installed it."""
    fake = tmp_path / name
    fake.write_text(f"#!/usr/bin/env bash\n{body}\n")
    fake.chmod(0o755)
    return fake


def pushed_repo(repo: Path, tmp_path: Path, python: Path) -> tuple[Path, str]:
    """``repo`` with one commit pushed to a bare ``origin`` and a pre-push hook running ``python``."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    write_tree(repo, {"a.yaml": CLEAN})
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    git(repo, "remote", "add", "origin", str(remote))
    assert git(repo, "push", "-q", "origin", "main").returncode == 0
    hook = repo / ".git" / "hooks" / "pre-push"
    hook.write_text(install_hook.script("pre-push", str(python)))
    hook.chmod(0o755)
    return remote, git(repo, "rev-parse", "HEAD").stdout.strip()


def test_pre_push_checks_the_pushed_range(repo: Path, tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    remote, first = pushed_repo(repo, tmp_path, stand_in(tmp_path, "recorder", f'echo "$*" >> {log}'))

    write_tree(repo, {"b.yaml": CLEAN})
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "two")
    second = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert git(repo, "push", "-q", "origin", "main").returncode == 0
    git(repo, "checkout", "-q", "-b", "feature")
    write_tree(repo, {"c.yaml": CLEAN})
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "three")
    third = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert git(repo, "push", "-q", "origin", "feature").returncode == 0  # a new branch
    assert git(repo, "push", "-q", "origin", ":feature").returncode == 0  # a deletion: nothing to check

    # Someone else pushes to main; our push of main starts from the main we know.
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(remote), str(other))
    git(other, "commit", "-q", "--allow-empty", "-m", "theirs")
    git(other, "push", "-q", "origin", "main")
    git(repo, "checkout", "-q", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "ours")
    fourth = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert git(repo, "push", "-q", "origin", "main").returncode != 0, "rejected by the remote: not a fast-forward"

    calls = log.read_text().splitlines()
    assert calls == [
        f"-m linter check --base {first} --head {second}",
        f"-m linter check --base {second} --head {third}",  # where the new branch leaves main
        f"-m linter check --base {second} --head {fourth}",
    ]


def test_pre_push_failure_blocks_the_push(repo: Path, tmp_path: Path) -> None:
    pushed_repo(repo, tmp_path, stand_in(tmp_path, "failing", "echo 'a.yaml:1:1: found something'\nexit 1"))
    git(repo, "commit", "-q", "--allow-empty", "-m", "two")
    pushed = git(repo, "push", "origin", "main")
    assert pushed.returncode != 0 and "a.yaml:1:1: found something" in pushed.stdout + pushed.stderr
