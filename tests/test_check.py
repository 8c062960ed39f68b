"""`gitops-lint check`: the range, trees read from git objects, the new-findings-only gate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from linter.audit import enabled_rules, run_audit
from linter.check import run_check
from linter.cli import main
from linter.config import find_config, load_config
from tests.conftest import PROJECT, SAMPLE_REPO, write_tree
from tests.gitrepo import GitRepo, where

SCHEMA = json.loads((PROJECT / "linter" / "schemas" / "findings-v1.schema.json").read_text())
NODE_DOCKERFILE = "FROM node\nRUN npm ci\n"
PRIVILEGED_POD = """
apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers:
    - name: shell
      image: ghcr.io/acme/shell:1.0.0
      securityContext: {privileged: true}
"""
CLEAR_SECRET = """
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData:
  password: Sup3r-s3cret-Passw0rd
"""


def sample_repo(path: Path) -> GitRepo:
    repo = GitRepo(path)
    shutil.copytree(SAMPLE_REPO, path, dirs_exist_ok=True)
    repo.commit("Import the platform repository")
    return repo


def test_sample_repo_pull_request_adds_one_finding_and_fixes_another(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    repo.branch("storefront")
    storefront = repo.path / "apps/storefront/base/deployment.yaml"
    storefront.write_text(storefront.read_text().replace("storefront:latest", f"storefront:1.4.2@sha256:{'ab' * 32}"))
    repo.commit("Pin the storefront image")
    storefront.write_text(
        storefront.read_text().replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
    )
    repo.commit("Let the metrics sidecar escalate")

    run = repo.check()

    assert run.errors == []
    assert where(run.findings) == [("CTR002", "apps/storefront/base/deployment.yaml", 36)]
    assert run.findings[0].extra["new"] is True
    assert where(run.fixed) == [("REG011", "apps/storefront/base/deployment.yaml", 17)]
    assert [c.subject for c in run.history.commits] == [
        "Pin the storefront image",
        "Let the metrics sidecar escalate",
    ]


def test_all_reports_every_finding_at_head_and_says_which_are_new(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base image", {"Dockerfile": NODE_DOCKERFILE})
    repo.branch("pr")
    repo.commit("Debug pod", {"debug.yaml": PRIVILEGED_POD})

    new_only = repo.check(select=["REG001", "CTR001"])
    everything = repo.check(select=["REG001", "CTR001"], report_all=True)

    assert where(new_only.findings) == [("CTR001", "debug.yaml", 8)]
    assert [(f.rule_id, f.extra["new"]) for f in everything.findings] == [("REG001", False), ("CTR001", True)]


def test_rename_of_a_file_with_a_finding_is_not_new(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Storefront image", {"storefront/Dockerfile": NODE_DOCKERFILE + 'CMD ["node", "server.js"]\n'})
    repo.branch("move")
    repo.move("storefront/Dockerfile", "images/storefront.Dockerfile")
    repo.commit("Move the Dockerfile next to the others")

    run = repo.check(select=["REG001", "IMG001"])
    assert (run.findings, run.fixed) == ([], [])

    # A second file with the same finding is new: only renames carry findings over.
    repo.commit("Another one", {"images/worker.Dockerfile": "FROM node\nRUN yarn install\n"})
    run = repo.check(select=["REG001"])
    assert where(run.findings) == [("REG001", "images/worker.Dockerfile", 1)]
    assert run.fixed == []


def test_findings_of_intermediate_commits_are_not_pull_request_failures(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Empty platform", {"README.md": "platform\n"})
    repo.branch("pr")
    repo.commit("Database credentials", {"db-secret.yaml": CLEAR_SECRET})
    repo.commit("Oops, remove them", remove=("db-secret.yaml",))

    run = repo.check(select=["SEC001"])
    assert (run.findings, run.fixed) == ([], [])
    assert len(run.history.commits) == 2
    added = run.history.commits[0].changes
    assert [(c.status, c.path, [a.line for a in c.added]) for c in added] == [("A", "db-secret.yaml", [1, 2, 3, 4, 5])]


def test_a_merge_from_main_in_the_middle_of_the_range(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "platform\n"})
    repo.branch("feature")
    repo.commit("Debug pod", {"apps/debug.yaml": PRIVILEGED_POD})
    repo.checkout("main")
    main_change = repo.commit("Another team's image", {"team/Dockerfile": NODE_DOCKERFILE})
    repo.checkout("feature")
    merge = repo.merge("main", "Merge main into feature")
    repo.commit("Tidy", {"apps/README.md": "apps\n"})

    run = repo.check(select=["CTR001", "REG001"])

    # The finding that came from main is main's, not the pull request's.
    assert where(run.findings) == [("CTR001", "apps/debug.yaml", 8)]
    assert run.span.merge_base == main_change
    commits = run.history.commits
    assert [c.subject for c in commits] == ["Debug pod", "Merge main into feature", "Tidy"]
    assert commits[1].sha == merge and commits[1].is_merge and commits[1].merges_base
    assert commits[1].changes == []  # a clean merge: nothing beyond git's own re-merge


def test_head_is_read_from_git_objects_not_the_work_tree(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "platform\n"})
    repo.branch("pr")
    repo.commit("Docs", {"docs.md": "how to deploy\n"})
    (repo.path / "uncommitted.yaml").write_text(PRIVILEGED_POD)  # dirty, untracked

    assert repo.check(select=["CTR001"]).findings == []
    # Another head than the checked-out branch is fine too.
    repo.checkout("main")
    assert repo.check(head="pr", select=["CTR001"]).findings == []


def test_blobs_are_parsed_once_per_run(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {f"apps/app{i}.yaml": PRIVILEGED_POD.replace("debug", f"app{i}") for i in range(10)})
    repo.branch("pr")
    for i in range(3):
        repo.commit(f"Change {i}", {f"apps/app{i}.yaml": PRIVILEGED_POD.replace("debug", f"new{i}")})
    run = repo.check(select=["CTR001"])
    # 10 files at the merge-base, 3 changed blobs at head.
    assert run.blobs_parsed == 13
    assert len(run.findings) == 3 and len(run.fixed) == 3


def test_shallow_clone_without_the_merge_base_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    origin = GitRepo(tmp_path / "origin")
    origin.commit("Base", {"README.md": "platform\n"})
    origin.commit("More", {"docs.md": "docs\n"})
    origin.branch("pr")
    origin.commit("Debug pod", {"debug.yaml": PRIVILEGED_POD})
    origin.checkout("main")
    origin.commit("Main moves on", {"main.md": "main\n"})
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", "--no-single-branch", f"file://{origin.path}", str(clone)], check=True
    )

    code = main(["check", "--repo", str(clone), "--base", "origin/main", "--head", "origin/pr"])

    assert code == 2
    err = capsys.readouterr().err
    assert "shallow clone" in err and "fetch-depth: 0" in err and "git fetch --unshallow" in err


def test_unknown_refs_and_non_repositories_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "platform\n"})
    assert main(["check", "--repo", str(repo.path), "--base", "origin/nope"]) == 2
    assert "--base 'origin/nope' is not a commit in this repository" in capsys.readouterr().err
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["check", "--repo", str(plain), "--base", "main"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err


def test_cli_json_marks_new_findings_and_lists_fixed_ones(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"old.yaml": PRIVILEGED_POD, "Dockerfile": NODE_DOCKERFILE})
    repo.branch("pr")
    repo.commit("Swap", {"new.yaml": PRIVILEGED_POD.replace("debug", "debug2")}, remove=("old.yaml",))
    args = ["-m", "linter", "check", "--base", "main", "--select", "CTR001,REG001", "--format", "json"]

    new_only = subprocess.run([sys.executable, *args], cwd=repo.path, capture_output=True, text=True, check=False)
    everything = subprocess.run(
        [sys.executable, *args, "--all"], cwd=repo.path, capture_output=True, text=True, check=False
    )

    assert new_only.returncode == 1, new_only.stderr
    document = json.loads(new_only.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["command"] == "check"
    assert [(f["rule_id"], f["path"], f["new"]) for f in document["findings"]] == [("CTR001", "new.yaml", True)]
    summary = document["summary"]
    assert summary["comparison"]["commits"] == 1 and summary["comparison"]["new"] == 1
    assert summary["comparison"]["head"] == repo.head
    assert [(f["rule_id"], f["path"]) for f in summary["fixed"]] == [("CTR001", "old.yaml")]
    every = json.loads(everything.stdout)
    assert [(f["rule_id"], f["path"], f["new"]) for f in every["findings"]] == [
        ("REG001", "Dockerfile", False),
        ("CTR001", "new.yaml", True),
    ]


def test_cli_text_names_the_range_and_the_fixed_findings(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"old.yaml": PRIVILEGED_POD})
    repo.branch("pr")
    repo.commit("Drop the debug pod", remove=("old.yaml",))
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--base", "main", "--select", "CTR001"],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Checked 1 commit(s), 0 merge(s), from" in proc.stdout and ": 0 new, 1 fixed." in proc.stdout
    assert "  old.yaml:8:25: CTR001 critical" in proc.stdout


def test_suppressions_added_or_removed_neither_fix_nor_add_findings(tmp_path: Path) -> None:
    suppressed = PRIVILEGED_POD.replace(
        "      securityContext", '      # gitops-lint: ignore=CTR001 reason="break-glass pod"\n      securityContext'
    )
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"a.yaml": PRIVILEGED_POD, "b.yaml": suppressed.replace("debug", "b")})
    repo.branch("pr")
    repo.commit("Swap the suppressions", {"a.yaml": suppressed, "b.yaml": PRIVILEGED_POD.replace("debug", "b")})

    run = repo.check(select=["CTR001", "GIT008"])

    assert (where(run.fixed), [f.rule_id for f in run.findings]) == ([], ["GIT008"])


def test_a_baseline_holds_back_what_it_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter import baseline

    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    repo.commit("Key", {"deploy/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n"})
    repo.commit("Pod", {"debug.yaml": PRIVILEGED_POD})
    run = repo.check(select=["GIT009", "CTR001"])
    assert [f.rule_id for f in run.findings] == ["CTR001", "GIT009"]
    accepted = tmp_path / "baseline.json"
    baseline.write(accepted, [f for f in run.findings if f.rule_id == "GIT009"])  # the key was rotated

    args = ["check", "--repo", str(repo.path), "--base", "main", "--select", "GIT009,CTR001", "--format", "json"]
    assert main([*args, "--baseline", str(accepted)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [f["rule_id"] for f in document["findings"]] == ["CTR001"]


def test_json_of_history_findings_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    key_commit = repo.commit("Key", {"deploy/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n"})
    repo.commit("Ignore", {".trivyignore": "CVE-2024-3094\n"})
    code = main(["check", "--repo", str(repo.path), "--base", "main", "--select", "GIT", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    assert code == 1
    by_rule = {f["rule_id"]: f for f in document["findings"]}
    assert by_rule["GIT009"]["commit"] == key_commit and by_rule["GIT009"]["new"] is True
    assert by_rule["GIT008"]["range"] == f"{document['summary']['comparison']['merge_base']}..{repo.head}"


def test_the_tree_at_head_lints_as_its_checkout_does(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    repo.branch("pr")
    repo.commit("Docs", {"docs/runbook.md": "# Runbook\n"})
    config = load_config(find_config(repo.path))
    audited = run_audit(repo.path, config, rules=[r for r in enabled_rules(config) if not r.target.needs_history])
    checked = run_check(repo.path, config, "main", "pr", report_all=True)
    tree_rules = {r.id for r in checked.rules if not r.target.needs_history}
    assert audited.result.errors == checked.errors == []
    assert sorted((f.fingerprint, f.span) for f in audited.result.findings) == sorted(
        (f.fingerprint, f.span) for f in checked.findings if f.rule_id in tree_rules
    )


def test_symlinks_submodules_and_large_blobs_as_in_a_checkout(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    write_tree(repo.path, {"manifests/debug.yaml": PRIVILEGED_POD, "big.yaml": "a: " + "x" * 2000 + "\n"})
    (repo.path / "linked.yaml").symlink_to("manifests/debug.yaml")
    (repo.path / "outside.yaml").symlink_to("../../etc/hostname")
    (repo.path / "dir-link").symlink_to("manifests")
    repo.repo.git.update_index("--add", "--cacheinfo", f"160000,{repo.head},vendor/lib")  # a submodule
    repo.commit("Links")

    run = repo.check(select=["CTR001", "PARSE004"], max_file_bytes=1000)

    assert where(run.findings) == [
        ("PARSE004", "big.yaml", 1),
        ("CTR001", "linked.yaml", 8),
        ("CTR001", "manifests/debug.yaml", 8),
        ("PARSE004", "outside.yaml", 1),
    ]
    assert "leaves the scanned tree" in run.findings[3].message
    assert "vendor/lib" not in {f.path for f in run.head.files}


def test_hostile_history_does_not_break_the_rules(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n", ".github/CODEOWNERS": "[broken\n   \n*\n/apps/ \x00\n"})
    repo.branch("pr")
    repo.commit("", {"b\u00e4d name.yaml": b"\xff\xfe: not utf-8\n", "pyproject.toml": "[tool.gitops-lint\n"})
    repo.commit("Odd author", {"apps/x.yaml": PRIVILEGED_POD}, author=("\u00dcn\u00efcode Dev", "no-at-sign"))
    repo.commit("Binary", {"apps/blob.dat": bytes(range(256)) * 4})
    # An unrelated history merged in: its root commit is in the range.
    repo.repo.git.checkout("-q", "--orphan", "vendor")
    repo.repo.git.rm("-rqf", ".")
    repo.commit("Vendored tree", {"vendor/tool.sh": "echo hi\n"})
    repo.checkout("pr")
    repo.repo.git.merge("-q", "--allow-unrelated-histories", "--no-edit", "vendor")

    run = repo.check(select=["GIT", "CTR001", "PARSE"], extend_select=["GIT005", "GIT006"])

    assert run.errors == []
    assert {c.subject for c in run.history.commits} >= {"", "Vendored tree", "Binary"}
    assert {f.rule_id for f in run.findings} >= {"CTR001", "GIT005", "GIT006", "GIT008"}
    root = next(c for c in run.history.commits if c.subject == "Vendored tree")
    assert root.parents == () and [(c.status, c.path) for c in root.changes] == [("A", "vendor/tool.sh")]
