"""Real git repositories for the `check` tests, built with gitpython in temporary directories.

Identity and signing settings are written into each repository's own config, so nothing depends
on the user's global git configuration. Keys are throwaway: SSH keys from ssh-keygen, GPG keys in
a keyring of their own.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import git
import pytest

from linter.check import CheckRun, run_check
from linter.config import Config
from linter.finding import Finding
from tests.conftest import write_tree

AUTHOR = ("Dana Developer", "dana@example.com")


@dataclass(frozen=True)
class SshKey:
    private: Path
    public: Path
    principal: str

    def allowed_signers_line(self) -> str:
        return f'{self.principal} namespaces="git" {self.public.read_text().strip()}\n'


@dataclass(frozen=True)
class GpgKey:
    home: Path  # the signer's own keyring
    fingerprint: str
    public: Path  # the armoured public key


def ssh_key(directory: Path, name: str, principal: str) -> SshKey:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    directory.mkdir(parents=True, exist_ok=True)
    private = directory / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", str(private)], check=True)
    return SshKey(private, private.with_suffix(".pub"), principal)


def gpg_key(directory: Path, uid: str) -> GpgKey:
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed")
    home = directory / "gnupg"
    home.mkdir(parents=True, mode=0o700)
    gpg = ["gpg", "--batch", "--no-tty", "--homedir", str(home)]
    subprocess.run([*gpg, "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never"], check=True)
    listing = subprocess.run([*gpg, "--with-colons", "--list-secret-keys"], capture_output=True, text=True, check=True)
    fingerprint = next(line.split(":")[9] for line in listing.stdout.splitlines() if line.startswith("fpr:"))
    public = directory / "signer.asc"
    exported = subprocess.run([*gpg, "--armor", "--export", fingerprint], capture_output=True, check=True)
    public.write_bytes(exported.stdout)
    return GpgKey(home, fingerprint, public)


def stop_gpg_agent(home: Path) -> None:
    if shutil.which("gpgconf"):
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True, check=False)


class GitRepo:
    """A repository with a `main` branch; files are written to the work tree and committed."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.repo = git.Repo.init(path, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", AUTHOR[0])
            config.set_value("user", "email", AUTHOR[1])
            config.set_value("commit", "gpgsign", "false")
            config.set_value("merge", "conflictstyle", "merge")
            config.set_value("init", "defaultBranch", "main")

    def commit(
        self,
        message: str,
        files: Mapping[str, str | bytes] | None = None,
        *,
        remove: tuple[str, ...] = (),
        sign: SshKey | GpgKey | None = None,
        author: tuple[str, str] | None = None,
    ) -> str:
        """Write ``files``, delete ``remove``, commit everything; returns the new SHA."""
        if files:
            write_tree(self.path, files)
        for path in remove:
            self.repo.index.remove([path], working_tree=True)
        self.repo.git.add("--all")
        args = ["--allow-empty", "--allow-empty-message", "-m", message]
        if author is not None:
            args += ["--author", f"{author[0]} <{author[1]}>"]
        self._git_commit(args, sign)
        return self.head

    def move(self, old: str, new: str) -> None:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.repo.index.move([old, new])

    def branch(self, name: str, start: str = "main") -> None:
        self.repo.git.checkout("-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.repo.git.checkout("-q", name)

    def merge(self, branch: str, message: str, *, sign: SshKey | GpgKey | None = None, edit: bool = False) -> str:
        """Merge ``branch`` into the current branch. With ``edit``, stop before committing (for a
        conflict resolution or an evil merge): write files, then call ``commit``."""
        self.repo.git.merge("--no-ff", "--no-commit", branch, with_exceptions=False)
        if edit:
            return ""
        self._git_commit(["-m", message], sign)
        return self.head

    @property
    def head(self) -> str:
        return str(self.repo.head.commit.hexsha)

    def check(
        self,
        base: str = "main",
        head: str = "HEAD",
        *,
        select: list[str] | None = None,
        report_all: bool = False,
        pr_author: str | None = None,
        **settings: object,
    ) -> CheckRun:
        config = Config()
        if select is not None:
            config.select = select
        for key, value in settings.items():
            config.set(key, value, "test")
        return run_check(self.path, config, base, head, report_all=report_all, pr_author=pr_author)

    def _git_commit(self, args: list[str], sign: SshKey | GpgKey | None) -> None:
        options: list[str] = []
        env: dict[str, str] = {}
        if isinstance(sign, SshKey):
            options = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={sign.private}"]
        elif isinstance(sign, GpgKey):
            options = ["-c", "gpg.format=openpgp", "-c", f"user.signingkey={sign.fingerprint}"]
            env = {"GNUPGHOME": str(sign.home)}
        signing = ["-S"] if sign is not None else []
        self.repo.git.execute(["git", *options, "commit", "-q", *signing, *args], env=env)


def where(found: list[Finding]) -> list[tuple[str, str, int]]:
    """(rule, path, line) of each finding."""
    return [(f.rule_id, f.span.path, f.span.line) for f in found]


# The repository a GIT rule's documented example starts from: `main` with this content, and the
# `pr` branch checked out. The example (shell commands) runs in it with HOME set to a directory
# that holds an SSH key listed in .github/allowed_signers (~/.ssh/id_ed25519) and a few files to
# copy (~/client.p12, ~/client.crt).
EXAMPLE_BASE = {
    "README.md": "# platform\n",
    "apps/web/kustomization.yaml": "resources: [deployment.yaml]\n",
    "apps/web/deployment.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.4.2
        """,
    "clusters/prod/flux-system/gotk-sync.yaml": """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: flux-system, namespace: flux-system}
        spec:
          interval: 10m
          path: ./clusters/prod
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
    ".github/CODEOWNERS": "* @acme/platform\n/apps/ dana@example.com\n",
    "certs/README.md": "Public certificates only.\n",
}


def run_example(script: str, workdir: Path, rule_id: str, settings: Mapping[str, object]) -> CheckRun:
    """Run a GIT rule's shell example on a fresh repository and check the `pr` branch."""
    home = workdir / "home"
    key = ssh_key(home / ".ssh", "id_ed25519", AUTHOR[1])
    (home / ".gitconfig").write_text(
        f"[user]\n\tname = {AUTHOR[0]}\n\temail = {AUTHOR[1]}\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n[advice]\n\tdetachedHead = false\n"
    )
    (home / "client.p12").write_bytes(b"0\x82\x05\x00\x02\x01\x030\x82")
    (home / "client.crt").write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    repo = GitRepo(workdir / "repo")
    repo.commit("Platform repository", {**EXAMPLE_BASE, ".github/allowed_signers": key.allowed_signers_line()})
    repo.branch("pr")
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_EDITOR": "true",
        "LC_ALL": "C",
    }
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=repo.path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"the example does not run:\n{script}\n{proc.stdout}{proc.stderr}"
    return repo.check(head="pr", select=[rule_id], **settings)
