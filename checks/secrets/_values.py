"""What counts as a clear-text secret value (catalogue: SECRET_KEY, LITERAL, PLACEHOLDER,
SOPS_ENCRYPTED), and how a value may be shown (a redacted preview, never the value).

Shared by the SEC rules so that every rule agrees on what is a real value and what is a reference,
a mask or an encrypted blob.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import math
import re
from collections import Counter
from functools import lru_cache

from linter.yamlnodes import YMap, YNode, YScalar

_BOOL_OR_NULL = frozenset({"true", "false", "yes", "no", "on", "off", "null", "~", ""})
_PLACEHOLDER = re.compile(
    r"""^(?:
        \$\{[^}]*\}          # ${VAR}
      | \$\{\{.*\}\}         # ${{ expression }} (GitHub Actions, Gitea, Woodpecker)
      | \$\([^)]*\)          # $(VAR)
      | \$[A-Za-z_][A-Za-z0-9_]*   # $VAR
      | \{\{.*\}\}           # {{ template }}
      | <[^<>]*>             # <value>, <path:vault#key>
      | \[[A-Za-z_ -]*\]     # [password], as documentation writes it
      | ![A-Za-z_][\w.-]*\s.*   # !env_var NAME, !secret key: a YAML local tag the application resolves
      | ENC\[.*\]            # SOPS
      | ref\+[a-z0-9]+://.*  # vals references
      | op://\S+             # 1Password secret references (`op inject`)
      | [xX*\#._-]+          # masks
    )$""",
    re.VERBOSE | re.DOTALL,
)
_MASK_WORDS = ("example", "placeholder", "redacted", "dummy")
_PUBLIC_PEM = re.compile(
    r"^(?:\s*-----BEGIN (CERTIFICATE|PUBLIC KEY|PGP PUBLIC KEY BLOCK|RSA PUBLIC KEY)-----.+?-----END \1-----\s*)+$",
    re.DOTALL,
)
ENC_VALUE = re.compile(r"^ENC\[AES256_GCM,data:[^,]*,iv:[^,]+,tag:[^,]+,type:[a-z]+\]$")

# SECRET_KEY (catalogue definitions): a name is judged word by word.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_SECRET_WORDS = frozenset(
    {"pass", "password", "passwd", "passphrase", "pwd", "secret", "token", "credential", "credentials", "dsn"}
)
_SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("access", "key"),
        ("private", "key"),
        ("client", "secret"),
        ("auth", "key"),
        ("auth", "token"),
        ("conn", "str"),
        ("conn", "string"),
        ("connection", "str"),
        ("connection", "string"),
    }
)
_NOT_SECRET_LAST = frozenset(
    {
        *("file", "path", "dir", "ref", "name", "names", "id", "ids", "url", "uri", "endpoint", "enabled"),
        *("required", "length", "ttl", "timeout", "type", "mode", "header", "version", "policy", "rotation"),
        *("expiry", "expires", "count", "size", "seconds", "ms", "minutes", "duration", "interval", "audience"),
        *("issuer", "provider", "class", "store", "template", "algorithm", "format", "prefix", "field", "mount"),
    }
)
# Numbers under keys ending in one of these words are quantities, not secrets.
_QUANTITY_LAST = frozenset({"seconds", "port", "retries", "max", "min", "length", "count", "size"})
_DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


@lru_cache(maxsize=4096)
def key_words(name: str) -> tuple[str, ...]:
    """`dbPassword` -> (db, password); `TOKENIZERS_PARALLELISM` -> (tokenizers, parallelism).

    Words are split on `-`, `_`, `.`, digits (and anything else that is not a letter) and on
    camelCase boundaries; an acronym ends before a capitalised word (`APIKey` -> api, key)."""
    return tuple(word.lower() for word in _WORD.findall(name))


@lru_cache(maxsize=4096)
def is_secret_key(name: str) -> bool:
    """SECRET_KEY: whether a key or variable name says it holds a secret."""
    words = key_words(name)
    if not words:
        return False
    secret = any(word in _SECRET_WORDS for word in words) or any(
        pair in _SECRET_PAIRS for pair in itertools.pairwise(words)
    )
    if not secret:
        return False
    if words[-1] in _NOT_SECRET_LAST or words[0] == "existing":
        return False
    return words[-2:] != ("password", "key")


def is_reference(name: str, value: str) -> bool:
    """`tlsSecret: my-tls`, `adminKey: admin-password`: the value names a Secret or a key, it is not one."""
    words = key_words(name)
    text = value.strip()
    return (
        bool(words)
        and words[-1] in ("secret", "key")
        and ("-" in text or "." in text)
        and len(text) <= 253
        and bool(_DNS1123.match(text))
    )


def is_placeholder(value: str) -> bool:
    text = value.strip()
    lowered = text.lower()
    return bool(_PLACEHOLDER.match(text)) or any(word in lowered for word in _MASK_WORDS)


def is_literal_text(text: str, key: str | None = None, *, number: bool = False) -> bool:
    """LITERAL for a string: 4+ characters, no placeholder, no boolean/null word; under ``key``, no
    reference value (see is_reference) and no number when the key names a quantity."""
    text = text.strip()
    if len(text) < 4 or text.lower() in _BOOL_OR_NULL or is_placeholder(text):
        return False
    if key is not None:
        words = key_words(key)
        if (number or _NUMBER.match(text)) and words and words[-1] in _QUANTITY_LAST:
            return False
        if is_reference(key, text):
            return False
    return True


def is_literal(node: YNode | None, value: str | None = None, key: str | None = None) -> bool:
    """LITERAL for a scalar node. ``value`` overrides the node's text (e.g. a base64-decoded value);
    booleans and nulls are judged on the text as written."""
    number = False
    if isinstance(node, YScalar) and node.text.startswith("!") and is_placeholder(node.text):
        return False  # the text keeps a local tag (`!env_var NAME`), which the value alone has lost
    if value is None:
        if not isinstance(node, YScalar) or node.value is None or isinstance(node.value, bool):
            return False
        number = isinstance(node.value, (int, float))
        value = node.value if isinstance(node.value, str) else node.text
        if node.plain and node.text.strip().lower() in _BOOL_OR_NULL:
            return False
    return is_literal_text(value, key, number=number)


def scalar_text(node: YNode | None) -> str | None:
    """A scalar as a string (numbers as written), None for anything else (null included)."""
    if not isinstance(node, YScalar) or node.value is None:
        return None
    return node.value if isinstance(node.value, str) else node.text


def is_public_material(value: str) -> bool:
    """Certificates and public keys (PEM or PGP armour): published by design, never secrets."""
    return bool(_PUBLIC_PEM.match(value))


def decode_base64(text: str) -> str | None:
    """The text of a base64 value (UTF-8, else Latin-1), or None when it does not decode."""
    raw = decode_base64_bytes(text)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_base64_bytes(text: str) -> bytes | None:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def is_sops_encrypted(root: YMap) -> bool:
    """A document with a top-level `sops` mapping whose `mac` is a non-empty string."""
    sops = root.map("sops")
    mac = sops.value("mac") if sops is not None else None
    return isinstance(mac, str) and bool(mac.strip())


_DOTENV_SOPS = re.compile(r"^sops_mac=\S", re.MULTILINE)
_INI_SOPS = re.compile(r"^\s*\[sops\]\s*$", re.MULTILINE)
_SOPS_MAC = re.compile(r"""^["']?sops["']?\s*:.*?^\s*["']?mac["']?\s*:\s*["']?[^\s"'{}]""", re.MULTILINE | re.DOTALL)


def is_sops_text(text: str) -> bool:
    """SOPS_ENCRYPTED for a file read as text: a dotenv `sops_mac=` line, an INI `[sops]` section, or
    a YAML/JSON document with top-level `sops` metadata carrying a non-empty `mac`."""
    if _DOTENV_SOPS.search(text) or _INI_SOPS.search(text):
        return True
    if "sops" not in text or "mac" not in text:
        return False
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return bool(re.search(r'"sops"\s*:\s*\{.*?"mac"\s*:\s*"[^"]+"', text, re.DOTALL))
    return bool(_SOPS_MAC.search(text))


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    if not text:
        return 0.0
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def preview(value: str) -> str:
    """A redacted preview: the first characters (4 for values of 16+ characters, fewer for shorter
    ones so that a short password is never mostly shown) and the length."""
    value = value.strip()
    shown = min(4, len(value) // 4)
    return f'"{value[:shown]}…" ({len(value)} chars)'
