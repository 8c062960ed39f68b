"""SEC021 private-key-material."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC021",
    slug="private-key-material",
    title="Private key material (PEM/OpenSSH/PGP private key or age identity) is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds PEM, OpenSSH and PGP private key blocks (`-----BEGIN ... PRIVATE KEY-----` with at least
        64 characters of body and the matching END line; passphrase-protected keys included) and age
        identities (`AGE-SECRET-KEY-1...`, e.g. a SOPS decryption key), in every text file and in
        base64-decoded Secret and ConfigMap values. The finding points at the BEGIN line.
        """,
    rationale="""
        A private key is an identity: TLS server keys allow impersonation, SSH and deploy keys give
        access to hosts and repositories, and an age or PGP key decrypts every SOPS file in the
        repository. An encrypted key can still be guessed offline.
        """,
    fix="Remove the key, revoke/rotate it, and store keys in a secret manager or as SOPS-encrypted Secrets.",
    bad="""
        # age identity used by the CI to decrypt secrets
        AGE-SECRET-KEY-1EEX7ERVYDU284RXQFXHPYDCFSKH788LA77N9FX4S72PDHFPN9SH2KW4WV0
        """,
    good="""
        # age recipient (public key) the secrets are encrypted to
        age1qq6v8yqz3u9jmdk8h2j8c4sx4ae0mdcyv3s7v0g4yq5rj2q7yqjsq5w5x3
        """,
    example_path="ci/age.txt",
    example_lang="text",
    notes="A block without a body (a documentation stub) or without its END line is not reported.",
    superseded_by=VALUE_RULES,
    refs=("gitleaks private-key", "gitleaks age-secret-key", "CKV_SECRET_*"),
)
def private_key_material(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations(
        "SEC021", source, ctx, "remove it, revoke/rotate it, and keep keys in a secret manager or SOPS-encrypted"
    )
