"""The signature acceptance test shared by GIT001 (commits) and GIT004 (merges).

git has verified each signature against the configured keys only (a temporary keyring holding
the configured GPG keys, the configured SSH allowed-signers file), so its verdict ``%G?`` is read
as follows: G passes; U passes for a configured GPG key (a fresh keyring trusts no key
"ultimately", so their signatures are "good, unknown validity"), not for an SSH key missing from
the allowed-signers file; B is a forged or corrupted signature; E with a key ID is a GPG key that
is not configured; X, Y, R are expired or revoked; N is no signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linter.config import SigningPolicy
from linter.history.commits import Commit
from linter.severity import Severity

# GitHub signs what its web UI commits (merges, squashes, edits) with these keys.
_WEB_FLOW_EXPIRED = "4AEE18F83AFDEB23"  # expired 2024-01-16: valid for commits made before that day
_WEB_FLOW_KEYS = frozenset({_WEB_FLOW_EXPIRED, "B5690EEEBB952194"})
_WEB_FLOW_EXPIRY = date(2024, 1, 16)


@dataclass(frozen=True, slots=True)
class Verdict:
    problem: str  # completes "<commit> ...", e.g. "is not signed"
    evidence: str
    severity: Severity | None = None  # a sub-case's severity, when the catalogue names one


def _web_flow(key: str, fingerprint: str) -> str | None:
    for candidate in (key.upper(), fingerprint.upper()):
        for web_flow in _WEB_FLOW_KEYS:
            if candidate and candidate.endswith(web_flow):
                return web_flow
    return None


def verdict(commit: Commit, policy: SigningPolicy) -> Verdict | None:
    """Why the commit's signature is not acceptable, or None when it is (or nothing was verified)."""
    signature = commit.signature
    if signature is None:
        return None
    status = signature.status
    key = signature.key or signature.fingerprint
    web_flow = _web_flow(signature.key, signature.fingerprint)
    if web_flow is not None and status not in ("B", "N"):
        if not policy.trust_github_web_flow:
            return Verdict(
                "is signed by GitHub's web-flow key, which is accepted only with "
                "commit_signing.trust_github_web_flow: true",
                "web-flow-untrusted",
            )
        if commit.committer.email.lower() not in {c.lower() for c in policy.platform_committers}:
            return Verdict(
                f"is signed by GitHub's web-flow key but committed by {commit.committer.email}, not by the platform",
                "web-flow-committer",
            )
        expired_ok = web_flow == _WEB_FLOW_EXPIRED and commit.committer.when.date() < _WEB_FLOW_EXPIRY
        if status in ("G", "U") or (status in ("X", "Y") and expired_ok):
            return None
    if status == "G" or (status == "U" and signature.listed):
        return None
    if status == "U":
        return Verdict(f"is signed by key {key}, which is not an allowed signer", "untrusted-key")
    if status == "B":
        return Verdict("has a bad signature: the commit does not match it", "bad-signature", Severity.CRITICAL)
    if status == "E" and key:
        return Verdict(f"is signed by GPG key {key}, which is not among the configured keys", "unknown-key")
    if status == "E":
        return Verdict("has a signature that git cannot check here", "unverifiable", Severity.LOW)
    if status in ("X", "Y", "R"):
        state = {"X": "an expired signature", "Y": "a signature by an expired key", "R": "a signature by a revoked key"}
        return Verdict(f"has {state[status]} (key {key})", f"status-{status}")
    return Verdict("is not signed", "unsigned")
