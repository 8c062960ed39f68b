"""The README's local-audit and git-hook snippets, run as written (the console script replaced by
this interpreter's ``-m linter``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from linter.commands.install_hook import MARKER
from tests.conftest import write_tree
from tests.snippets import commands, readme_snippet

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x:1}]\n"
)


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert argv[0] == "gitops-lint", argv
    return subprocess.run(
        [sys.executable, "-m", "linter", *argv[1:]], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_local_audit_snippet(tmp_path: Path) -> None:
    write_tree(tmp_path, {"apps/web/deployment.yaml": POD, "apps/api/pod.yaml": POD.replace("web", "api")})
    results = [run(argv, tmp_path) for argv in commands(readme_snippet("local-audit"))]
    assert [r.returncode for r in results] == [1, 1, 1], [r.stderr for r in results]
    whole, markdown, one = results
    assert markdown.stdout == ""
    assert "apps/api/pod.yaml:5:3: HOST001" in whole.stdout and "apps/web/deployment.yaml:5:3" in whole.stdout
    assert (tmp_path / "gitops-lint.md").read_text().startswith("### gitops-lint: ")
    assert "apps/web/deployment.yaml:5:3: HOST001" in one.stdout and "apps/api" not in one.stdout


def test_git_hooks_snippet(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for argv in commands(readme_snippet("git-hooks")):
        assert run(argv, tmp_path).returncode == 0
    for hook in ("pre-commit", "pre-push"):
        assert f"{MARKER} {hook}" in (tmp_path / ".git" / "hooks" / hook).read_text()
