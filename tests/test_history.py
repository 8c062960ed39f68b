"""Reading history: diff parsing, the signing policy's configuration and setup errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.cli import main
from linter.codeowners import CodeOwners, is_owner
from linter.config import Config, ConfigError, load_config
from linter.history.diffs import added_lines, parse_patches
from tests.gitrepo import GitRepo

REMERGE = """\
diff --git a/apps/web/deployment.yaml b/apps/web/deployment.yaml
remerge CONFLICT (content): Merge conflict in apps/web/deployment.yaml
index 0123456789abcdef0123456789abcdef01234567..89abcdef0123456789abcdef0123456789abcdef 100644
--- a/apps/web/deployment.yaml
+++ b/apps/web/deployment.yaml
@@ -5,5 +5 @@ spec:
-<<<<<<< 1234567 (Scale to 3)
-  replicas: 3
-=======
-  replicas: 5
->>>>>>> 89abcde (Scale to 5)
+  replicas: 4
diff --git "a/docs/na\\303\\257ve notes.md" "b/docs/na\\303\\257ve notes.md"
new file mode 100644
index 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111
--- /dev/null
+++ "b/docs/na\\303\\257ve notes.md"
@@ -0,0 +1,2 @@
+--- not a header
++++ nor this
diff --git a/old.yaml b/new.yaml
similarity index 100%
rename from old.yaml
rename to new.yaml
diff --git a/tool.bin b/tool.bin
deleted file mode 100644
index 2222222222222222222222222222222222222222..0000000000000000000000000000000000000000
Binary files a/tool.bin and /dev/null differ
"""


def test_patches_are_split_per_file_with_their_added_lines() -> None:
    patches = parse_patches(REMERGE)
    assert [(p.status, p.path, p.old_path, p.binary) for p in patches] == [
        ("M", "apps/web/deployment.yaml", None, False),
        ("A", "docs/naïve notes.md", None, False),
        ("R", "new.yaml", "old.yaml", False),
        ("D", "tool.bin", None, True),
    ]
    conflict, added, renamed, deleted = patches
    assert [(a.line, a.text) for a in conflict.added] == [(5, "  replicas: 4")]
    assert conflict.removed == 5 and conflict.notes == [
        "remerge CONFLICT (content): Merge conflict in apps/web/deployment.yaml"
    ]
    assert conflict.blob == "89abcdef0123456789abcdef0123456789abcdef"
    assert [(a.line, a.text) for a in added.added] == [(1, "--- not a header"), (2, "+++ nor this")]
    assert renamed.empty is False and renamed.added == [] and deleted.blob is None


def test_hunk_counts_decide_where_a_hunk_ends() -> None:
    added, removed = added_lines("@@ -1 +1,2 @@\n-a\n+b\n+c\n\\ No newline at end of file\n@@ -9,0 +10 @@\n+z\n")
    assert ([(a.line, a.text) for a in added], removed) == ([(1, "b"), (2, "c"), (10, "z")], 1)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"required": True}, "required: true needs allowed_signers or gpg_keys"),
        ({"allowed_signer": "x"}, "unknown key 'allowed_signer'"),
        ("yes", "expected a mapping with: required, allowed_signers"),
        ({"gpg_keys": "keys", "trust_github_web_flow": "yes"}, "expected true or false"),
    ],
)
def test_commit_signing_is_validated(tmp_path: Path, raw: object, message: str) -> None:
    config = tmp_path / ".gitops-lint.yaml"
    config.write_text("commit_signing: " + (raw if isinstance(raw, str) else repr(raw)) + "\n")
    with pytest.raises(ConfigError, match="key 'commit_signing': " + message.replace("(", r"\(")):
        load_config(config)


def test_signing_policy_defaults() -> None:
    config = Config()
    config.set("commit_signing", {"gpg-keys": "keys/"}, "test")
    policy = config.commit_signing
    assert policy.required and policy.gpg_keys == "keys/" and policy.platform_committers == ("noreply@github.com",)
    config.set("commit_signing", {"allowed_signers": "s", "required": False}, "test")
    assert not config.commit_signing.required


def test_missing_signing_keys_are_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Base", {"README.md": "x\n"})
    repo.branch("pr")
    repo.commit("Change", {"a.md": "a\n"})
    (repo.path / "cfg.yaml").write_text("commit_signing: {gpg_keys: no-such-dir}\n")
    code = main(["check", "--repo", str(repo.path), "--base", "main", "--config", str(repo.path / "cfg.yaml")])
    assert code == 2
    assert f"commit_signing.gpg_keys: {repo.path / 'no-such-dir'} does not exist" in capsys.readouterr().err


def test_codeowners_last_match_wins_and_teams_expand() -> None:
    owners = CodeOwners.parse(
        ".github/CODEOWNERS",
        "# owners\n* @acme/platform\n/apps/ @dana dana@example.com  # apps\ndocs/* @docs\n/apps/legacy/\n[Section]\n",
    )
    assert owners.owners("x.yaml") == ("@acme/platform",)
    assert owners.owners("apps/web/d.yaml") == ("@dana", "dana@example.com")
    assert owners.owners("docs/a.md") == ("@docs",)
    assert owners.owners("docs/sub/b.md") == ("@acme/platform",)
    assert owners.owners("apps/legacy/x.yaml") == ()
    assert is_owner("DANA@example.com", owners.owners("apps/a"), {})
    assert is_owner("alice", ("@acme/platform",), {"@acme/platform": ["@alice"]})
    assert not is_owner("mallory", ("@acme/platform",), {"@acme/platform": ["alice"]})
    # Commits made on GitHub carry a no-reply address that names the login CODEOWNERS lists.
    assert is_owner("1234+Alice@users.noreply.github.com", ("@alice",), {})
    assert is_owner("alice@users.noreply.github.com", ("@alice",), {})
    assert not is_owner("1234+mallory@users.noreply.github.com", ("@alice",), {})
