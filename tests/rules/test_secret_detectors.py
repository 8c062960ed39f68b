"""The DETECTOR table (checks.secrets.detectors.scan_text) and the rules SEC017-SEC023 built on it."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from checks.secrets.detectors import DETECTORS, DetectorHit, scan_text
from linter.severity import Severity
from tests.conftest import where

AWS_ID = "AKIAZ5QWERTY7HGFDS2K"
AWS_SECRET = "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"
GITHUB = "ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN"
GOOGLE_API = "AIzaSyen5n1Ae6pWzpF1qH6YytwMe4LbyoVFz8u"
AGE = "AGE-SECRET-KEY-1EEX7ERVYDU284RXQFXHPYDCFSKH788LA77N9FX4S72PDHFPN9SH2KW4WV0"
BODY = "pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa/2o76umfXfKm/r5kJP1VrT+1F"
PEM = f"-----BEGIN RSA PRIVATE KEY-----\n{BODY}\nJors/6ILi8IHn5kxsC7tVO/HbkQ\n-----END RSA PRIVATE KEY-----\n"


def jwt(header: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part(header)}.{part({'sub': 'ci-bot', 'iat': 1700000000})}.q3Vd9XkT0pLm2Rb7sYc4NwZe8HfJa1UgKo6iT5xQvEs"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(hit.rule_id, hit.kind) for hit in scan_text(text)]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# --- the public API (GIT002 imports it) -----------------------------------------------------------


def test_hit_fields_offsets_and_positions() -> None:
    text = f"first line\n  key: {GITHUB}\n"
    [hit] = scan_text(text)
    assert isinstance(hit, DetectorHit)
    assert (hit.rule_id, hit.severity, hit.kind) == ("SEC019", Severity.CRITICAL, "GitHub token")
    assert text[hit.start : hit.end] == GITHUB
    assert (hit.line, hit.col) == (2, 8)
    assert hit.preview == '"ghp_…" (40 chars)'
    assert GITHUB not in repr(hit) and len(hit.digest) == 16


def test_preview_shows_little_of_short_values() -> None:
    [hit] = scan_text("postgres://app:Zq81@db:5432/app")
    assert hit.preview == '"Z…" (4 chars)'


def test_every_rule_has_a_detector_and_hits_come_in_order() -> None:
    assert {d.rule_id for d in DETECTORS} == {f"SEC0{n}" for n in range(17, 24)}
    text = f"b: {GITHUB}\na: {AWS_ID}\n"
    assert [h.line for h in scan_text(text)] == [1, 2]


# --- each detector: fires, and does not fire on its look-alikes -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"id={AWS_ID}", [("SEC017", "AWS access key ID")]),
        ("id=AKIAIOSFODNN7EXAMPLE", []),  # AWS's documented sample
        ("id=AKIAAAAAAAAAAAAAAAAA", []),  # entropy below 3.0
        (f"aws_secret_access_key = {AWS_SECRET}", [("SEC017", "AWS secret access key")]),
        (f'"AWS_SECRET_ACCESS_KEY": "{AWS_SECRET}"', [("SEC017", "AWS secret access key")]),
        (f"key: {GOOGLE_API}", [("SEC018", "Google API key")]),
        (f"token {GITHUB}", [("SEC019", "GitHub token")]),
        ("token ghp_short", []),
        ("github_pat_" + "A1b2C3d4E5" * 8 + "xY", [("SEC019", "GitHub token")]),
        ("glpat-AbCdEf0123456789xYz_", [("SEC019", "GitLab token")]),
        ("glptt-" + "0123456789abcdef" * 2 + "01234567", [("SEC019", "GitLab token")]),
        ("xoxb-1234567890-AbCdEfGhIj", [("SEC020", "Slack token")]),
        ("xapp-1-A04BCD-1234567890-abcdef", [("SEC020", "Slack token")]),
        (
            "https://hooks.slack.com/services/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",
            [("SEC020", "Slack webhook URL")],
        ),
        (PEM, [("SEC021", "private key")]),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----", []),  # no body
        (f"-----BEGIN PRIVATE KEY-----\n{BODY}\n", []),  # no END line
        ("-----BEGIN CERTIFICATE-----\n" + BODY + "\n-----END CERTIFICATE-----", []),
        (AGE, [("SEC021", "age secret key")]),
        (f"auth: Bearer {jwt({'alg': 'HS256', 'typ': 'JWT'})}", [("SEC022", "JSON Web Token")]),
        (f"auth: Bearer {jwt({'typ': 'JWT'})}", []),  # no alg: not a JWT
        ("eyJhbGciOiJIUzI1NiJ9xx.eyJzdWIiOiIxMjM0NTY3ODkwIn0.not-json-at-all", []),
    ],
)
def test_token_detectors(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ('db_password: "Rk9#vT2!mQ8@zL4$wX7&"', True),
        ("DB_PASSWORD=Rk9vT2mQ8zL4wX7pBn", True),
        ('{"clientSecret": "Rk9vT2mQ8zL4wX7pBn"}', True),
        ("api_key = 'c1d2e3f4a5b60718293a4b5c6d7e8f90'", True),  # hex, entropy >= 3.0
        ("password: aaaaaaaaaaaaaaaaaaaa", False),  # low entropy
        ("password: Rk9vT2mQ8z", False),  # shorter than 16
        ("passwordFile: /run/secrets/Rk9vT2mQ8zL4wX7pBn", False),  # not a SECRET_KEY
        ("secretName: Rk9vT2mQ8zL4wX7pBnQ", False),
        ("TOKENIZERS_PARALLELISM=Rk9vT2mQ8zL4wX7pBn", False),
        ("password: ${DATABASE_PASSWORD_FROM_VAULT}", False),
        ('password: "{{ .Values.database.password }}"', False),
        ("password: my-example-password-123", False),  # placeholder word
        ("sha256: 4f3c9b2a8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b", False),
        ("url: postgres://app:Sup3rS3cret@db.internal:5432/app", True),
        ("url: postgres://app:${DB_PASSWORD}@db.internal:5432/app", False),
        ("url: postgres://app:{{ .Values.pw }}@db.internal/app", False),
        ("url: https://github.com/acme/repo", False),
    ],
)
def test_generic_detector(text: str, hit: bool) -> None:
    assert kinds(text) == ([("SEC023", kinds(text)[0][1])] if hit else [])


def test_specific_detectors_win_over_the_generic_one() -> None:
    token = jwt({"alg": "RS256"})
    assert kinds(f"api_token: {token}") == [("SEC022", "JSON Web Token")]
    assert kinds(f"github_token={GITHUB}") == [("SEC019", "GitHub token")]


def test_service_account_json_is_one_gcp_finding() -> None:
    key = json.dumps(
        {
            "type": "service_account",
            "project_id": "acme",
            "private_key": PEM,
            "client_email": "ci@acme.iam.gserviceaccount.com",
        },
        indent=2,
    )
    hits = list(scan_text(key))
    assert [(h.rule_id, h.kind, h.line, h.severity) for h in hits] == [
        ("SEC018", "GCP service-account key", 4, Severity.CRITICAL)
    ]
    other = key.replace("service_account", "authorized_user")
    assert kinds(other) == [("SEC021", "private key")]


# --- the rules: files, decoded values, locations, allowlist ---------------------------------------


def test_rules_point_at_the_token_in_any_text_file(lint: Any) -> None:
    files = {"scripts/deploy.sh": f"#!/bin/sh\nexport GH={GITHUB}\n", "notes.md": f"key {AWS_ID}\n"}
    assert where(lint(files, "SEC019")) == [("SEC019", "scripts/deploy.sh", 2, 11)]
    found = lint(files, "SEC017")
    assert where(found) == [("SEC017", "notes.md", 1, 5)]
    assert AWS_ID not in found[0].message and "AKIA" in found[0].message


def test_private_key_points_at_the_begin_line(lint: Any) -> None:
    found = lint({"keys/deploy": "# deploy key\n" + PEM}, "SEC021")
    assert where(found) == [("SEC021", "keys/deploy", 2, 1)]
    assert (found[0].span.end_line, found[0].span.end_col) == (2, 32)


def test_binary_files_are_skipped(lint: Any) -> None:
    assert lint({"blob.bin": b"\x00\x01" + GITHUB.encode()}, "SEC019") == []


def test_api_key_is_high_service_account_critical(lint: Any) -> None:
    found = lint({"app.properties": f"maps.key={GOOGLE_API}\n"}, "SEC018")
    assert [f.severity for f in found] == [Severity.HIGH]


def test_decoded_configmap_binary_data(lint: Any) -> None:
    configmap = f"""
    apiVersion: v1
    kind: ConfigMap
    metadata: {{name: tools}}
    binaryData:
      netrc: {b64("machine github.com login x password " + GITHUB)}
    """
    found = lint({"cm.yaml": configmap}, "SEC019")
    assert where(found) == [("SEC019", "cm.yaml", 5, 3)]
    assert "binaryData.netrc (base64-decoded)" in found[0].message


def test_decoded_secret_data_and_docker_auth(lint: Any) -> None:
    config = json.dumps({"auths": {"ghcr.io": {"auth": b64("bot:" + GITHUB)}}})
    secret = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: pull}}
    type: kubernetes.io/dockerconfigjson
    stringData:
      .dockerconfigjson: '{config}'
    """
    found = lint({"pull.yaml": secret}, "SEC019")  # SEC002 does not run: the detector reports
    assert where(found) == [("SEC019", "pull.yaml", 6, 3)]
    assert "decoded auth of ghcr.io" in found[0].message
    file_config = lint({".docker/config.json": config}, "SEC019")
    assert where(file_config) == [("SEC019", ".docker/config.json", 1, 24)]


def test_allowlisted_paths_are_skipped(lint: Any) -> None:
    files = {"tests/fixtures/token.txt": GITHUB + "\n"}
    assert lint(files, "SEC019", secret_allowlist_paths=["tests/fixtures/"]) == []
    assert len(lint(files, "SEC019")) == 1


def test_names_code_and_documented_placeholders_are_not_secrets() -> None:
    """Seen on public GitOps repositories: key references of an ExternalSecret, Go code assigning a
    call to `token`, generated identifiers, and `[password]` in documentation."""
    quiet = [
        "    - secretKey: github_app_installation_id\n",
        "\ttoken := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)\n",
        "\tfile_token_proto_rawDescData = file_token_token_proto_rawDesc\n",
        "the format `tcp://:[password]@host[:port]`\n",
    ]
    for text in quiet:
        assert [hit.kind for hit in scan_text(text)] == [], text
    # Random letters are still a secret, camel humps or not.
    assert [hit.kind for hit in scan_text("secret_key: QmvXpLrTzKwNabcdQmvX\n")] == ["high-entropy secret"]
    assert [hit.kind for hit in scan_text("redis: tcp://:Qm7vX2pLr9@redis:6379\n")] == ["URL with embedded password"]


def test_one_way_password_hashes_are_not_secrets() -> None:
    """A bcrypt/argon2/crypt hash is what a server stores to check a password (Argo CD admin.password)."""
    for line in (
        'passwordHash: "$2a$10$P1tHQ9DNFXdvX0zRGA8LPeSOyb0JXq9rP3fZ4W8HGTpLV7qHDlWhe"\n',
        "admin_password_hash: $argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$Qm7vX2pLr9TzK4wN\n",
    ):
        assert [hit.kind for hit in scan_text(line)] == [], line
