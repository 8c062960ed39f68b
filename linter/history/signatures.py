"""Commit signatures, verified by git itself against the configured keys only.

GPG public keys are imported into a temporary GNUPGHOME (never the user's keyring), and
``gpg.ssh.allowedSignersFile`` is set to the configured file (an empty one when none is
configured, so that an SSH signature by an unknown key shows as "unknown validity" rather than
as no signature). Then ``git log --format=%G?...`` says, per commit, what git concluded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from linter.config import SigningPolicy
from linter.history.commits import Signature

_FIELDS = "%H%x1f%G?%x1f%GK%x1f%GF%x1f%GP%x1f%GS%x1e"
_TIMEOUT = 300
_GPG_CONF = "auto-key-locate local\nkeyserver-options no-auto-key-retrieve\n"


class SigningSetupError(Exception):
    """A configured key file cannot be used; the message names it."""


class Verifier:
    """Use as a context manager: the temporary keyring lives as long as the ``with`` block."""

    def __init__(self, policy: SigningPolicy, base_dir: Path) -> None:
        self.policy = policy
        self.base_dir = base_dir
        self.fingerprints: frozenset[str] = frozenset()  # of the configured GPG keys
        self._home: Path | None = None
        self._signers: Path | None = None

    def __enter__(self) -> Verifier:
        self._home = Path(tempfile.mkdtemp(prefix="gitops-lint-gpg-"))
        os.chmod(self._home, 0o700)
        (self._home / "gpg.conf").write_text(_GPG_CONF, encoding="utf-8")
        try:
            if self.policy.allowed_signers:
                self._signers = self._configured(self.policy.allowed_signers, "allowed_signers")
                if not self._signers.is_file():
                    raise SigningSetupError(f"commit_signing.allowed_signers: {self._signers} is not a file")
            else:
                self._signers = self._home / "allowed_signers"
                self._signers.write_text("", encoding="utf-8")
            if self.policy.gpg_keys:
                self._import(self._configured(self.policy.gpg_keys, "gpg_keys"))
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._home is None:
            return
        if shutil.which("gpgconf"):
            # gpg may have started an agent for this home directory: stop exactly that one.
            subprocess.run(
                ["gpgconf", "--homedir", str(self._home), "--kill", "all"],
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(self._home, ignore_errors=True)
        self._home = None

    def verify(self, git_dir: Path, shas: Sequence[str]) -> dict[str, Signature]:
        """What git says about each commit's signature."""
        if not shas:
            return {}
        if self._home is None or self._signers is None:
            raise RuntimeError("use Verifier as a context manager")
        proc = subprocess.run(
            [
                "git",
                "--git-dir",
                str(git_dir),
                "-c",
                f"gpg.ssh.allowedSignersFile={self._signers}",
                "-c",
                "log.showSignature=false",
                "log",
                "--no-walk=unsorted",
                f"--format={_FIELDS}",
                *shas,
                "--",
            ],
            capture_output=True,
            check=False,
            timeout=_TIMEOUT,
            env={**os.environ, "GNUPGHOME": str(self._home)},
        )
        if proc.returncode != 0:
            raise SigningSetupError(f"git log cannot read the signatures: {proc.stderr.decode(errors='replace')}")
        out: dict[str, Signature] = {}
        for record in proc.stdout.decode("utf-8", "replace").split("\x1e"):
            fields = record.strip("\n").split("\x1f")
            if len(fields) != 6:
                continue
            sha, status, key, fingerprint, primary, signer = fields
            listed = bool({fingerprint.upper(), primary.upper()} & self.fingerprints)
            out[sha] = Signature(status or "N", key, fingerprint, primary, signer, listed)
        return out

    def _configured(self, value: str, key: str) -> Path:
        path = Path(value).expanduser()
        path = path if path.is_absolute() else self.base_dir / path
        if not path.exists():
            raise SigningSetupError(f"commit_signing.{key}: {path} does not exist")
        return path

    def _import(self, where: Path) -> None:
        assert self._home is not None
        if not shutil.which("gpg"):
            raise SigningSetupError("commit_signing.gpg_keys is set but gpg is not installed")
        files = sorted(p for p in where.iterdir() if p.is_file()) if where.is_dir() else [where]
        for key_file in files:
            proc = self._gpg("--import", str(key_file))
            if proc.returncode != 0:
                raise SigningSetupError(f"commit_signing.gpg_keys: gpg cannot import {key_file}")
        listing = self._gpg("--with-colons", "--fingerprint", "--fingerprint", "--list-keys")
        self.fingerprints = frozenset(
            line.split(":")[9].upper()
            for line in listing.stdout.decode("utf-8", "replace").splitlines()
            if line.startswith("fpr:")
        )

    def _gpg(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        assert self._home is not None
        return subprocess.run(
            ["gpg", "--batch", "--no-tty", "--homedir", str(self._home), *args],
            capture_output=True,
            check=False,
            timeout=_TIMEOUT,
        )
