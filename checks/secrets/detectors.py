"""The DETECTOR table: token patterns for committed credentials (SEC017-SEC023), gitleaks-style.

Public API, also used by the git rules on the lines a commit adds::

    for hit in scan_text(text):
        hit.rule_id, hit.severity, hit.kind, hit.line, hit.col, hit.preview

``scan_text`` never returns the secret itself: ``preview`` is its first characters and length, and
``digest`` a hash that tells two secrets apart.
Offsets (``start``/``end``) index ``text``; ``line``/``col`` are 1-based (columns count code
points, as the YAML parser does).

| rule   | kind                        | pattern (and check)                                                  |
|--------|-----------------------------|----------------------------------------------------------------------|
| SEC017 | AWS access key ID           | `(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`, entropy >= 3.0      |
| SEC017 | AWS secret access key       | `aws_secret_access_key` assigned `[A-Za-z0-9/+=]{40}`                |
| SEC018 | GCP service-account key     | `"private_key": "-----BEGIN...` in an object with `"type": "service_account"` |
| SEC018 | Google API key (high)       | `AIza[0-9A-Za-z_-]{35}`                                               |
| SEC019 | GitHub token                | `gh[pousr]_[0-9A-Za-z]{36}`, `github_pat_[0-9A-Za-z_]{82}`           |
| SEC019 | GitLab token                | `(glpat|gldt|glrt)-[0-9A-Za-z_-]{20,}`, `glptt-[0-9a-f]{40}`         |
| SEC020 | Slack token / webhook URL   | `xox[baprse]-...`, `xapp-N-...`, `https://hooks.slack.com/...`       |
| SEC021 | private key                 | PEM/OpenSSH/PGP `PRIVATE KEY` block with 64+ body characters and its END line |
| SEC021 | age secret key              | `AGE-SECRET-KEY-1` + 58 bech32 characters                            |
| SEC022 | JSON Web Token              | `eyJ..eyJ..sig`; header and payload decode to JSON, header has `alg` |
| SEC023 | high-entropy secret         | SECRET_KEY assignment, LITERAL of 16+ chars, entropy >= 3.5 (hex 3.0) |
| SEC023 | URL with embedded password  | `scheme://user:password@host` with a LITERAL password                |

SEC023's assignment pattern skips names (`secretKey: github_app_id`), code (`token := jwt.New(...)`)
and one-way password hashes (`$2a$10$...`, what a server stores to check a password).

Any token that is a PLACEHOLDER (masks, `${...}`, values containing `example`, `dummy`...) is
ignored, which also covers AWS's documented key `AKIAIOSFODNN7EXAMPLE`. Hits never overlap: where
two patterns match the same text the one earlier in the table wins (a JWT under `token:` is a JWT,
not a generic secret; the private key of a service-account JSON is the GCP key).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from checks.secrets._values import entropy, is_literal_text, is_placeholder, is_secret_key, preview
from linter.severity import Severity


@dataclass(frozen=True, slots=True)
class DetectorHit:
    rule_id: str
    severity: Severity
    start: int  # offset of the secret token in the scanned text
    end: int
    line: int  # 1-based
    col: int  # 1-based
    kind: str  # what matched, e.g. "GitHub token"
    preview: str  # first characters and length; never the secret
    digest: str  # a hash of the secret: tells two secrets apart without showing either

    def describe(self) -> str:
        return f"{self.kind} {self.preview}"


# Checks get the match, the secret token and the whole text, and say whether the match is a real hit.
Check = Callable[[re.Match[str], str, str], bool]


@dataclass(frozen=True, slots=True)
class Detector:
    rule_id: str
    kind: str
    severity: Severity
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]  # lowercase; the pattern only runs on text containing one of them
    group: str = "token"  # the named group that is the secret
    check: Check | None = None


def _aws_key_id(match: re.Match[str], token: str, text: str) -> bool:
    return entropy(token) >= 3.0


def _service_account(match: re.Match[str], token: str, text: str) -> bool:
    start, end = _enclosing_object(text, match.start())
    return start >= 0 and bool(_SA_TYPE.search(text, start, end))


def _enclosing_object(text: str, offset: int, window: int = 20_000) -> tuple[int, int]:
    """The braces around ``offset`` (service-account keys hold no braces in their strings)."""
    depth, start = 0, -1
    for index in range(offset - 1, max(-1, offset - window), -1):
        ch = text[index]
        if ch == "}":
            depth += 1
        elif ch == "{":
            if depth == 0:
                start = index
                break
            depth -= 1
    if start < 0:
        return -1, -1
    depth = 0
    for index in range(offset, min(len(text), offset + window)):
        ch = text[index]
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return start, index + 1
            depth -= 1
    return start, min(len(text), offset + window)


def _private_key(match: re.Match[str], token: str, text: str) -> bool:
    return len(_BASE64_CHARS.findall(match.group("body"))) >= 64


def _jwt(match: re.Match[str], token: str, text: str) -> bool:
    header, payload = (_b64url_json(part) for part in token.split(".")[:2])
    return isinstance(header, dict) and isinstance(payload, dict) and "alg" in header


def _b64url_json(part: str) -> object:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def _generic(match: re.Match[str], token: str, text: str) -> bool:
    key = match.group("key")
    if len(token) < 16 or not is_secret_key(key) or not is_literal_text(token, key):
        return False
    if match.group("bare") is not None and text[match.end() : match.end() + 1] == "(":
        return False  # code: `token := jwt.NewWithClaims(...)`
    if _PASSWORD_HASH.match(token):
        return False  # what a server stores to check a password (Argo CD admin.password, htpasswd)
    return not _identifier(token) and entropy(token) >= (3.0 if _HEX.match(token) else 3.5)


def _identifier(token: str) -> bool:
    """A name rather than a generated value: letters only, in words of two or more letters (split
    at `_`, `.`, `-` and camel humps) averaging 3.5 or more, e.g. `github_app_installation_id`,
    `file_token_proto_rawDescData`. Random letters split into short pieces (`QmvXpLrTzKwN`)."""
    if not _IDENTIFIER.match(token):
        return False
    words = _CAMEL.sub(r"\1 \2", token).replace("_", " ").replace(".", " ").replace("-", " ").split()
    return len(words) > 1 and min(map(len, words)) >= 2 and sum(map(len, words)) / len(words) >= 3.5


def _url_password(match: re.Match[str], password: str, text: str) -> bool:
    return not password.startswith("$") and "{{" not in password and is_literal_text(password)


_SA_TYPE = re.compile(r'"type"\s*:\s*"service_account"')
_BASE64_CHARS = re.compile(r"[A-Za-z0-9+/=]")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
# Modular crypt format of one-way password hashes: bcrypt, argon2, scrypt, yescrypt, sha512/256-crypt.
_PASSWORD_HASH = re.compile(r"^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|y|[56])\$")
_IDENTIFIER = re.compile(r"^[A-Za-z]+(?:[._-][A-Za-z]+)*$")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_NEWLINE = re.compile("\n")

DETECTORS: tuple[Detector, ...] = (
    Detector(
        "SEC017",
        "AWS access key ID",
        Severity.CRITICAL,
        re.compile(r"\b(?P<token>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b"),
        ("akia", "asia", "abia", "acca", "a3t"),
        check=_aws_key_id,
    ),
    Detector(
        "SEC017",
        "AWS secret access key",
        Severity.CRITICAL,
        re.compile(
            r"""(?i:aws_secret_access_key)["']?\s*(?::|=)\s*["']?(?P<token>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"""
        ),
        ("aws_secret_access_key",),
    ),
    Detector(
        "SEC018",
        "GCP service-account key",
        Severity.CRITICAL,
        re.compile(r'"private_key"\s*:\s*"(?P<token>-----BEGIN[^"]*)"'),
        ("service_account",),
        check=_service_account,
    ),
    Detector(
        "SEC018",
        "Google API key",
        Severity.HIGH,
        re.compile(r"\b(?P<token>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])"),
        ("aiza",),
    ),
    Detector(
        "SEC019",
        "GitHub token",
        Severity.CRITICAL,
        re.compile(r"\b(?P<token>(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{82})\b"),
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    Detector(
        "SEC019",
        "GitLab token",
        Severity.CRITICAL,
        re.compile(r"\b(?P<token>(?:glpat|gldt|glrt)-[0-9A-Za-z_-]{20,}|glptt-[0-9a-f]{40})\b"),
        ("glpat-", "gldt-", "glrt-", "glptt-"),
    ),
    Detector(
        "SEC020",
        "Slack token",
        Severity.HIGH,
        re.compile(r"\b(?P<token>xox[baprse]-[0-9A-Za-z-]{10,}|xapp-[0-9]-[0-9A-Za-z-]{10,})\b"),
        ("xox", "xapp-"),
    ),
    Detector(
        "SEC020",
        "Slack webhook URL",
        Severity.HIGH,
        re.compile(r"(?P<token>https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,})"),
        ("hooks.slack.com",),
    ),
    Detector(
        "SEC021",
        "private key",
        Severity.CRITICAL,
        re.compile(
            r"(?P<token>-----BEGIN(?P<label>[ A-Z0-9_-]{0,100})PRIVATE KEY(?P<block>(?: BLOCK)?)-----"
            r"(?P<body>.{64,65536}?)-----END(?P=label)PRIVATE KEY(?P=block)-----)",
            re.DOTALL,
        ),
        ("private key",),
        check=_private_key,
    ),
    Detector(
        "SEC021",
        "age secret key",
        Severity.CRITICAL,
        re.compile(r"\b(?P<token>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b"),
        ("age-secret-key-1",),
    ),
    Detector(
        "SEC022",
        "JSON Web Token",
        Severity.MEDIUM,
        re.compile(r"\b(?P<token>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})"),
        ("eyj",),
        check=_jwt,
    ),
    Detector(
        "SEC023",
        "high-entropy secret",
        Severity.MEDIUM,
        re.compile(
            r"""(?<![A-Za-z0-9_])(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?::=|:|=)[ \t]*"""
            r"""(?:(?P<q>["'])(?P<token>[^"'\r\n]{16,})(?P=q)|(?P<bare>[^\s"',;{}()\[\]]{16,}))"""
        ),
        ("pass", "pwd", "secret", "token", "credential", "dsn", "key", "str"),
        check=_generic,
    ),
    Detector(
        "SEC023",
        "URL with embedded password",
        Severity.MEDIUM,
        re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]*:(?P<token>[^\s@/'\"]+)@[A-Za-z0-9_.\[\]-]"),
        ("://",),
        check=_url_password,
    ),
)


def _matches(detector: Detector, text: str, lowered: str) -> Iterator[tuple[int, int, str]]:
    if not any(word in lowered for word in detector.keywords):
        return
    for match in detector.pattern.finditer(text):
        group = detector.group
        if match.group(group) is None:
            group = "bare"  # the generic detector's unquoted value
        token = match.group(group)
        if is_placeholder(token) or (detector.check is not None and not detector.check(match, token, text)):
            continue
        yield match.start(group), match.end(group), token


def scan_text(text: str) -> Iterator[DetectorHit]:
    """Every DETECTOR hit in ``text``, in order of position, without overlaps."""
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, Detector, str]] = []
    for detector in DETECTORS:
        for start, end, token in _matches(detector, text, lowered):
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, detector, token))
    if not found:
        return
    newlines = [match.start() for match in _NEWLINE.finditer(text)]
    for start, end, detector, token in sorted(found, key=lambda item: item[0]):
        line = bisect.bisect_left(newlines, start)
        col = start - (newlines[line - 1] + 1 if line else 0) + 1
        digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        yield DetectorHit(
            detector.rule_id, detector.severity, start, end, line + 1, col, detector.kind, preview(token), digest
        )
