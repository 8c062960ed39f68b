"""GIT rules on real repositories: signatures (SSH and GPG keys made for the test), merges, code
owners, suppression files and risky files."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checks.git._signatures import verdict
from linter.config import SigningPolicy
from linter.history.commits import Commit, Person, Signature
from linter.severity import Severity
from tests.gitrepo import AUTHOR, GitRepo, gpg_key, ssh_key, stop_gpg_agent, where

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
"""


def platform_repo(path: Path) -> GitRepo:
    repo = GitRepo(path)
    repo.commit("Base", {"apps/web/deployment.yaml": DEPLOYMENT, "README.md": "platform\n"})
    repo.branch("pr")
    return repo


def bump(repo: GitRepo, replicas: int) -> dict[str, str]:
    return {"apps/web/deployment.yaml": DEPLOYMENT.replace("replicas: 2", f"replicas: {replicas}")}


# GIT001 unsigned-commit / GIT004 unsigned-merge-commit


def test_ssh_signatures_checked_against_the_allowed_signers_file(tmp_path: Path) -> None:
    trusted = ssh_key(tmp_path / "keys", "trusted", AUTHOR[1])
    stranger = ssh_key(tmp_path / "keys", "stranger", "mallory@example.com")
    signers = tmp_path / "allowed_signers"
    signers.write_text(trusted.allowed_signers_line())
    repo = platform_repo(tmp_path / "repo")
    good = repo.commit("Signed by a listed key", bump(repo, 3), sign=trusted)
    unlisted = repo.commit("Signed by another key", bump(repo, 4), sign=stranger)
    unsigned = repo.commit("Not signed", bump(repo, 5))

    run = repo.check(select=["GIT001"], commit_signing={"allowed_signers": str(signers)})

    signatures = {c.sha: c.signature for c in run.history.commits}
    assert signatures[good] is not None and signatures[good].status == "G"
    assert signatures[unlisted] is not None and signatures[unlisted].status == "U"
    assert sorted((f.extra["commit"], f.severity) for f in run.findings) == sorted(
        [(unlisted, Severity.HIGH), (unsigned, Severity.HIGH)]
    )
    by_commit = {f.extra["commit"]: f.message for f in run.findings}
    assert "is signed by key SHA256:" in by_commit[unlisted] and "which is not an allowed signer" in by_commit[unlisted]
    assert by_commit[unsigned].startswith(f'commit {unsigned[:12]} "Not signed" by Dana Developer <dana@example.com>')
    assert "is not signed; sign it with an allowed key" in by_commit[unsigned]
    assert where(run.findings) == [("GIT001", "apps/web/deployment.yaml", 1)] * 2


def test_gpg_signature_with_a_key_from_a_throwaway_keyring(tmp_path: Path) -> None:
    signer = gpg_key(tmp_path / "signer", f"{AUTHOR[0]} <{AUTHOR[1]}>")
    other = gpg_key(tmp_path / "other", "Mallory <mallory@example.com>")
    keys = tmp_path / "trusted-keys"
    keys.mkdir()
    (keys / "dana.asc").write_bytes(signer.public.read_bytes())
    try:
        repo = platform_repo(tmp_path / "repo")
        good = repo.commit("Signed with GPG", bump(repo, 3), sign=signer)
        foreign = repo.commit("Signed with a key nobody configured", bump(repo, 4), sign=other)
        run = repo.check(select=["GIT001"], commit_signing={"gpg_keys": str(keys)})
    finally:
        stop_gpg_agent(signer.home)
        stop_gpg_agent(other.home)

    signatures = {c.sha: c.signature for c in run.history.commits}
    assert signatures[good] is not None and signatures[good].status == "U" and signatures[good].listed
    assert signatures[foreign] is not None and signatures[foreign].status == "E"
    assert [f.extra["commit"] for f in run.findings] == [foreign]
    assert f"is signed by GPG key {other.fingerprint[-16:]}, which is not among the configured keys" in (
        run.findings[0].message
    )


def test_a_tampered_signed_commit_is_a_bad_signature(tmp_path: Path) -> None:
    key = ssh_key(tmp_path / "keys", "trusted", AUTHOR[1])
    signers = tmp_path / "allowed_signers"
    signers.write_text(key.allowed_signers_line())
    repo = platform_repo(tmp_path / "repo")
    signed = repo.commit("Scale to 3", bump(repo, 3), sign=key)
    # Rewrite the commit's message, keeping its signature: what a forged commit looks like.
    raw = repo.repo.git.cat_file("commit", signed).replace("Scale to 3", "Scale to 30")
    forged = subprocess.run(
        ["git", "hash-object", "-w", "-t", "commit", "--stdin"],
        cwd=repo.path,
        input=raw + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    repo.repo.git.update_ref("refs/heads/pr", forged)

    run = repo.check(select=["GIT001"], commit_signing={"allowed_signers": str(signers)})

    assert [(f.extra["commit"], f.severity) for f in run.findings] == [(forged, Severity.CRITICAL)]
    assert "has a bad signature" in run.findings[0].message


def test_signing_policy_is_off_unless_keys_are_configured(tmp_path: Path) -> None:
    repo = platform_repo(tmp_path / "repo")
    repo.commit("Not signed", bump(repo, 3))
    run = repo.check(select=["GIT001", "GIT004"])
    assert run.findings == [] and run.history.commits[0].signature is None


def test_local_merges_must_be_signed_platform_merges_follow_the_web_flow_clause(tmp_path: Path) -> None:
    key = ssh_key(tmp_path / "keys", "trusted", AUTHOR[1])
    signers = tmp_path / "allowed_signers"
    signers.write_text(key.allowed_signers_line())
    repo = platform_repo(tmp_path / "repo")
    repo.commit("Feature", {"apps/web/README.md": "web\n"}, sign=key)
    repo.checkout("main")
    repo.commit("Main moves on", {"docs.md": "docs\n"})
    repo.checkout("pr")
    unsigned_merge = repo.merge("main", "Merge main")
    repo.checkout("main")
    repo.commit("Main moves again", {"more.md": "more\n"})
    repo.checkout("pr")
    signed_merge = repo.merge("main", "Merge main again", sign=key)

    run = repo.check(select=["GIT001", "GIT004"], commit_signing={"allowed_signers": str(signers)})

    assert [(f.rule_id, f.extra["commit"]) for f in run.findings] == [("GIT004", unsigned_merge)]
    assert "made locally by Dana Developer <dana@example.com>, is not signed" in run.findings[0].message
    assert where(run.findings) == [("GIT004", "docs.md", 1)]
    assert signed_merge in {c.sha for c in run.history.commits}


def _commit(signature: Signature, committer: str = "noreply@github.com", when: str = "2025-05-01") -> Commit:
    person = Person("GitHub", committer, datetime.fromisoformat(when).replace(tzinfo=UTC))
    return Commit("a" * 40, ("b" * 40,), person, person, "Merge pull request #1", signature=signature)


@pytest.mark.parametrize(
    ("signature", "committer", "when", "trust", "expected"),
    [
        (Signature("G", "B5690EEEBB952194"), "noreply@github.com", "2025-05-01", True, None),
        (Signature("U", "B5690EEEBB952194"), "noreply@github.com", "2025-05-01", False, "web-flow-untrusted"),
        (Signature("G", "B5690EEEBB952194"), "dana@example.com", "2025-05-01", True, "web-flow-committer"),
        (Signature("X", "4AEE18F83AFDEB23"), "noreply@github.com", "2023-06-01", True, None),
        (Signature("X", "4AEE18F83AFDEB23"), "noreply@github.com", "2024-06-01", True, "status-X"),
        (Signature("E", "B5690EEEBB952194"), "noreply@github.com", "2025-05-01", True, "unknown-key"),
        (Signature("E"), "dana@example.com", "2025-05-01", False, "unverifiable"),
        (Signature("R", "0123456789ABCDEF"), "dana@example.com", "2025-05-01", False, "status-R"),
        (Signature("N"), "dana@example.com", "2025-05-01", False, "unsigned"),
    ],
)
def test_acceptance_of_each_signature_status(
    signature: Signature, committer: str, when: str, trust: bool, expected: str | None
) -> None:
    policy = SigningPolicy(required=True, allowed_signers="x", trust_github_web_flow=trust)
    found = verdict(_commit(signature, committer, when), policy)
    assert (found.evidence if found is not None else None) == expected
    if expected == "unverifiable":
        assert found is not None and found.severity is Severity.LOW


# GIT003 evil-merge


def test_conflict_resolution_and_hidden_edits_in_merges(tmp_path: Path) -> None:
    repo = platform_repo(tmp_path / "repo")
    repo.commit("Scale to 3", bump(repo, 3))
    repo.checkout("main")
    repo.commit("Scale to 5", bump(repo, 5))
    repo.checkout("pr")
    repo.merge("main", "", edit=True)  # conflicts in deployment.yaml
    resolved = DEPLOYMENT.replace("replicas: 2", "replicas: 4")
    merge = repo.commit("Merge main, scale to 4", {"apps/web/deployment.yaml": resolved, "NOTES.md": "merged\n"})

    run = repo.check(select=["GIT003"])

    assert where(run.findings) == [("GIT003", "apps/web/deployment.yaml", 5)]
    finding = run.findings[0]
    assert finding.extra["commit"] == merge
    assert "resolves a merge conflict in apps/web/deployment.yaml" in finding.message
    # NOTES.md is no deployment input by default; config deploy_paths chooses.
    run = repo.check(select=["GIT003"], deploy_paths=["*.md"])
    assert where(run.findings) == [("GIT003", "NOTES.md", 1)]
    assert "merge commit" in run.findings[0].message and "changes NOTES.md beyond" in run.findings[0].message


# GIT005 merge-commit-in-linear-history / GIT006 missing-dco-signoff


def test_update_branch_merges_are_not_linear_history_violations(tmp_path: Path) -> None:
    repo = platform_repo(tmp_path / "repo")
    repo.commit("Work", {"a.md": "a\n"})
    repo.checkout("main")
    repo.commit("Main", {"b.md": "b\n"})
    repo.checkout("pr")
    repo.merge("main", "Merge main")
    repo.branch("side", "pr")
    repo.commit("Side work", {"c.md": "c\n"})
    repo.checkout("pr")
    side_merge = repo.merge("side", "Merge side")

    run = repo.check(select=["GIT005"])
    assert [f.extra["commit"] for f in run.findings] == [side_merge]


def test_dco_signoff_must_name_the_author(tmp_path: Path) -> None:
    repo = platform_repo(tmp_path / "repo")
    repo.commit("Signed off\n\nSigned-off-by: dana developer <DANA@example.com>", {"a.md": "a\n"})
    other = repo.commit("Signed off by someone else\n\nSigned-off-by: Erin <erin@example.com>", {"b.md": "b\n"})
    none = repo.commit("No sign-off", {"c.md": "c\n"})
    run = repo.check(select=["GIT006"])
    assert [f.extra["commit"] for f in run.findings] == [other, none]
    assert where(run.findings) == [("GIT006", "b.md", 1), ("GIT006", "c.md", 1)]


# GIT007 protected-path-changed

CLUSTER_ROLE = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
"""


def owned_repo(path: Path) -> GitRepo:
    repo = GitRepo(path)
    repo.commit(
        "Base",
        {
            ".github/CODEOWNERS": "* @acme/platform\n/apps/ @dana\n/rbac/ @erin ops@example.com\n",
            "apps/web/deployment.yaml": DEPLOYMENT,
            "rbac/reader.yaml": CLUSTER_ROLE,
            "clusters/prod/flux-system/gotk-sync.yaml": "kind: Kustomization\n",
        },
    )
    repo.branch("pr")
    return repo


def test_protected_paths_need_their_owner(tmp_path: Path) -> None:
    repo = owned_repo(tmp_path / "repo")
    repo.commit("Tune sync", {"clusters/prod/flux-system/gotk-sync.yaml": "kind: Kustomization\n# 5m\n"})
    repo.commit("Reader reads more", {"rbac/reader.yaml": CLUSTER_ROLE + "# more\n"})
    repo.commit("Scale", bump(repo, 3))

    as_dana = repo.check(select=["GIT007"], pr_author="dana")
    assert where(as_dana.findings) == [
        ("GIT007", "clusters/prod/flux-system/gotk-sync.yaml", 1),
        ("GIT007", "rbac/reader.yaml", 1),
    ]
    assert "(matches **/flux-system/**; owners: @acme/platform) and dana is not its code owner" in (
        as_dana.findings[0].message
    )
    assert "(holds a ClusterRole; owners: @erin ops@example.com)" in as_dana.findings[1].message

    # A team owns through its configured members.
    as_platform = repo.check(select=["GIT007"], pr_author="@alice", codeowners_teams={"@acme/platform": ["alice"]})
    assert where(as_platform.findings) == [("GIT007", "rbac/reader.yaml", 1)]
    # Without a known author, every commit author must be an owner (by email).
    by_email = repo.check(select=["GIT007"])
    assert len(by_email.findings) == 2 and "dana@example.com is not its code owner" in by_email.findings[0].message


def test_a_pull_request_cannot_make_its_author_an_owner(tmp_path: Path) -> None:
    repo = owned_repo(tmp_path / "repo")
    repo.commit(
        "Own everything",
        {
            ".github/CODEOWNERS": "* @dana\n",
            "clusters/prod/flux-system/gotk-sync.yaml": "kind: Kustomization\n# 1m\n",
        },
    )
    run = repo.check(select=["GIT007"], pr_author="dana")
    assert where(run.findings) == [
        ("GIT007", ".github/CODEOWNERS", 1),
        ("GIT007", "clusters/prod/flux-system/gotk-sync.yaml", 1),
    ]


def test_protected_files_without_codeowners_are_reported(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    repo.commit("CI", {".github/workflows/build.yml": "on: push\n"})
    run = repo.check(select=["GIT007"], pr_author="dana")
    assert where(run.findings) == [("GIT007", ".github/workflows/build.yml", 1)]
    assert "no code owner" in run.findings[0].message


# GIT008 suppression-or-baseline-changed


def test_suppression_files_configuration_and_inline_suppressions(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Base",
        {
            ".gitleaksignore": "abc:config.yaml:generic-api-key:3\n",
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.gitops-lint]\nignore = ["CTR002"]\n',
            "apps/web/deployment.yaml": DEPLOYMENT,
        },
    )
    repo.branch("pr")
    repo.commit(
        "Quiet things down",
        {
            "pyproject.toml": '[project]\nname = "x"\nversion = "2"\n\n[tool.gitops-lint]\nignore = ["CTR"]\n',
            "apps/web/deployment.yaml": DEPLOYMENT.replace(
                "    spec:\n", '    spec:\n      # gitops-lint: ignore=CTR001 reason="debug"\n'
            ),
            ".gitops-lint.yaml": "fail_on: critical\n",
        },
        remove=(".gitleaksignore",),
    )

    run = repo.check(select=["GIT008"])

    assert where(run.findings) == [
        ("GIT008", ".gitleaksignore", 1),
        ("GIT008", ".gitops-lint.yaml", 1),
        ("GIT008", "apps/web/deployment.yaml", 8),
        ("GIT008", "pyproject.toml", 3),
    ]
    messages = [f.message for f in run.findings]
    assert "the pull request deletes .gitleaksignore (a suppression, ignore or baseline file)" in messages[0]
    assert "adds an inline gitops-lint suppression in apps/web/deployment.yaml" in messages[2]
    assert "[tool.gitops-lint] configuration" in messages[3]


def test_pyproject_changes_outside_the_tool_table_are_fine(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"pyproject.toml": '[project]\nname = "x"\n\n[tool.gitops-lint]\nignore = ["CTR002"]\n'})
    repo.branch("pr")
    repo.commit(
        "Version",
        {"pyproject.toml": '[project]\nname = "x"\nversion = "2"\n\n[tool.gitops-lint]\nignore = ["CTR002"]\n'},
    )
    assert repo.check(select=["GIT008"]).findings == []


def test_signing_keys_in_use_are_configuration(tmp_path: Path) -> None:
    key = ssh_key(tmp_path / "keys", "trusted", AUTHOR[1])
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {".github/allowed_signers": key.allowed_signers_line()})
    repo.branch("pr")
    stranger = ssh_key(tmp_path / "keys", "stranger", "mallory@example.com")
    repo.commit("Trust me", {".github/allowed_signers": key.allowed_signers_line() + stranger.allowed_signers_line()})
    run = repo.check(select=["GIT008"], commit_signing={"allowed_signers": ".github/allowed_signers"})
    assert where(run.findings) == [("GIT008", ".github/allowed_signers", 2)]
    assert "gitops-lint's configuration, baseline or signing keys" in run.findings[0].message


# GIT009 risky-file-added


def test_sensitive_files_added_then_deleted_stay_reported(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n", "deploy/notes.txt": "n\n"})
    repo.branch("pr")
    added = repo.commit("Keys", {"deploy/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n", ".env": "TOKEN=abc\n"})
    repo.commit("Remove them", remove=("deploy/id_rsa", ".env"))
    repo.move("deploy/notes.txt", "deploy/prod.kubeconfig")
    renamed = repo.commit("Rename notes")
    repo.commit(
        "Encrypted and examples are fine",
        {
            ".env.example": "TOKEN=\n",
            "prod.env/.env": "TOKEN=ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops_mac=ENC[x]\n",
        },
    )

    run = repo.check(select=["GIT009"])

    assert [(f.extra["commit"], f.span.path, f.severity) for f in run.findings] == [
        (added, ".env", Severity.HIGH),
        (added, "deploy/id_rsa", Severity.HIGH),
        (renamed, "deploy/prod.kubeconfig", Severity.HIGH),
    ]
    assert "it stays in git history, so remove it from history and rotate what it contains" in run.findings[0].message


def test_opaque_binaries_low_or_medium_when_an_image_copies_them(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"app/Dockerfile": "FROM ghcr.io/acme/base:1\nCOPY lib/*.jar /app/\nCOPY start.sh /app/\n"})
    repo.branch("pr")
    repo.commit(
        "Vendored tools",
        {"app/lib/client.jar": b"PK\x03\x04jar", "tools/helper": b"\x7fELF\x02\x01\x01\x00", "docs/a.md": "a\n"},
    )
    run = repo.check(select=["GIT009"])
    assert [(f.span.path, f.severity) for f in run.findings] == [
        ("app/lib/client.jar", Severity.MEDIUM),
        ("tools/helper", Severity.LOW),
    ]
    assert "and app/Dockerfile copies it into an image" in run.findings[0].message


def test_change_findings_keep_their_fingerprint_until_the_file_changes_again(tmp_path: Path) -> None:
    repo = owned_repo(tmp_path / "repo")
    repo.commit("Tune sync", {"clusters/prod/flux-system/gotk-sync.yaml": "kind: Kustomization\n# 5m\n"})
    first = repo.check(select=["GIT007"], pr_author="dana").findings
    repo.commit("Unrelated", {"apps/notes.md": "n\n"})
    again = repo.check(select=["GIT007"], pr_author="dana").findings
    repo.commit("Tune sync again", {"clusters/prod/flux-system/gotk-sync.yaml": "kind: Kustomization\n# 1m\n"})
    changed = repo.check(select=["GIT007"], pr_author="dana").findings
    assert [f.fingerprint for f in first] == [f.fingerprint for f in again]
    assert [f.fingerprint for f in changed] != [f.fingerprint for f in first]
    assert first[0].extra["range"] != again[0].extra["range"]


def test_helm_template_helpers_are_deploy_paths(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    chart = {"charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n"}
    repo.commit("Chart", {**chart, "charts/web/templates/_helpers.tpl": '{{- define "web.name" -}}web{{- end }}\n'})
    repo.branch("pr")
    repo.commit("Docs", {"README.md": "web\n"})
    repo.checkout("main")
    repo.commit("Main docs", {"CHANGES.md": "1.0.0\n"})
    repo.checkout("pr")
    repo.merge("main", "", edit=True)
    repo.commit("Merge main", {"charts/web/templates/_helpers.tpl": '{{- define "web.name" -}}evil{{- end }}\n'})
    run = repo.check(select=["GIT003"])
    assert where(run.findings) == [("GIT003", "charts/web/templates/_helpers.tpl", 1)]


def test_gpg_key_directories_and_configured_baselines_are_configuration(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"security/keys/dana.asc": "key\n", "security/accepted.json": "{}\n"})
    repo.branch("pr")
    repo.commit("More", {"security/keys/mallory.asc": "key\n", "security/accepted.json": '{"x": 1}\n'})
    run = repo.check(
        select=["GIT008"],
        commit_signing={"gpg_keys": "security/keys"},
        baseline=str(repo.path / "security/accepted.json"),
    )
    assert where(run.findings) == [
        ("GIT008", "security/accepted.json", 1),
        ("GIT008", "security/keys/mallory.asc", 1),
    ]


def test_inline_suppressions_are_what_the_suppression_machinery_reads(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    repo.commit(
        "Annotations and prose",
        {
            "apps/pod.yaml": "metadata:\n  annotations:\n    gitops-lint.io/ignore.web: CTR002\n"
            "    gitops-lint.io/ignore-until: '2099-01-01'\n    gitops-lint.io/ignore-reason: why\n",
            "docs/suppressions.md": "Write `# gitops-lint: ignore=ID` or see gitops-lint.io/ignore docs.\n",
        },
    )
    run = repo.check(select=["GIT008"])
    assert where(run.findings) == [("GIT008", "apps/pod.yaml", 3), ("GIT008", "apps/pod.yaml", 4)]


# GIT002 secret-in-commit-history

# Written for these tests: high-entropy strings in the shapes the detectors know, no real credentials.
DB_URL = "postgres://app:Qm7vX2pLr9TzK4wN@db:5432/app"
SECRET = """apiVersion: v1
kind: Secret
metadata: {name: db}
data:
  username: YXBw
  password: {password}
"""


def test_secret_added_then_deleted_stays_reported(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n", "apps/web/app.env": "LOG_LEVEL=info\n"})
    repo.branch("pr")
    leaked = repo.commit("Add the URL", {"apps/web/app.env": f"LOG_LEVEL=info\nDB_URL={DB_URL}\n"})
    repo.commit("Remove it", {"apps/web/app.env": "LOG_LEVEL=info\n"})
    fine = repo.commit(
        "Placeholder", {"apps/web/app.env": "LOG_LEVEL=info\nDB_URL=postgres://app:${DB_PASSWORD}@db/app\n"}
    )

    run = repo.check(select=["GIT002"])

    assert [(f.extra["commit"], f.span.path, f.span.line, f.span.col) for f in run.findings] == [
        (leaked, "apps/web/app.env", 2, 23)  # the password inside the URL
    ]
    message = run.findings[0].message
    assert "Qm7vX2pLr9TzK4wN" not in message and "rotate it" in message
    assert fine not in {f.extra["commit"] for f in run.findings}


def test_only_added_lines_and_base64_secret_values(tmp_path: Path) -> None:
    import base64

    encoded = base64.b64encode(b"Zr8pW3vLq6TnX1cK").decode()
    repo = GitRepo(tmp_path / "repo")
    # Already on main: the SEC rules report it on the tree, not GIT002 for every later commit.
    repo.commit("Base", {"app.env": f"DB_URL={DB_URL}\n", "README.md": "x\n"})
    repo.branch("pr")
    touched = repo.commit("Touch", {"app.env": f"# database\nDB_URL={DB_URL}\n"})
    added = repo.commit("Secret", {"deploy/secret.yaml": SECRET.replace("{password}", encoded)})
    repo.commit("Allow-listed", {"tests/fixtures/app.env": f"DB_URL={DB_URL}\n"})

    run = repo.check(select=["GIT002"], secret_allowlist_paths=["tests/fixtures/**"])

    assert [(f.extra["commit"], f.span.path, f.span.line) for f in run.findings] == [(added, "deploy/secret.yaml", 6)]
    assert 'Secret "db" data.password' in run.findings[0].message
    assert touched not in {f.extra["commit"] for f in run.findings}


def test_secret_slipped_into_a_merge(tmp_path: Path) -> None:
    repo = platform_repo(tmp_path / "repo")
    repo.checkout("main")
    repo.commit("Scale", bump(repo, 3))
    repo.checkout("pr")
    repo.commit("Docs", {"README.md": "platform docs\n"})
    repo.merge("main", "Merge main", edit=True)
    repo.commit("Merge main", {"apps/web/app.env": f"DB_URL={DB_URL}\n"})

    run = repo.check(select=["GIT002"])

    assert [(f.span.path, f.span.line) for f in run.findings] == [("apps/web/app.env", 1)]
    assert run.findings[0].message.startswith("merge commit")
