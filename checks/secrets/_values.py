"""What counts as a clear-text secret value (catalogue: LITERAL, PLACEHOLDER, SOPS_ENCRYPTED).

Shared by the SEC rules so that every rule agrees on what is a real value and what is a reference,
a mask or an encrypted blob.
"""

from __future__ import annotations

import base64
import binascii
import re

from linter.yamlnodes import YMap, YNode, YScalar

_BOOL_OR_NULL = frozenset({"true", "false", "yes", "no", "on", "off", "null", "~", ""})
_PLACEHOLDER = re.compile(
    r"""^(?:
        \$\{[^}]*\}          # ${VAR}
      | \$\([^)]*\)          # $(VAR)
      | \$[A-Za-z_][A-Za-z0-9_]*   # $VAR
      | \{\{.*\}\}           # {{ template }}
      | <[^<>]*>             # <value>, <path:vault#key>
      | ENC\[.*\]            # SOPS
      | ref\+[a-z0-9]+://.*  # vals references
      | op://\S+             # 1Password secret references (`op inject`)
      | [xX*\#._-]+          # masks
    )$""",
    re.VERBOSE | re.DOTALL,
)
_MASK_WORDS = ("example", "placeholder", "redacted", "dummy")
_PEM_CERTS = re.compile(r"^(?:\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$")
ENC_VALUE = re.compile(r"^ENC\[AES256_GCM,data:[^,]*,iv:[^,]+,tag:[^,]+,type:[a-z]+\]$")


def is_placeholder(value: str) -> bool:
    text = value.strip()
    lowered = text.lower()
    return bool(_PLACEHOLDER.match(text)) or any(word in lowered for word in _MASK_WORDS)


def is_literal(node: YNode | None, value: str | None = None) -> bool:
    """A real value: a string (numbers converted) of 4+ characters that is no placeholder and not a
    boolean or null word. ``value`` overrides the node's text (e.g. a base64-decoded value)."""
    if value is None:
        if not isinstance(node, YScalar) or node.value is None or isinstance(node.value, bool):
            return False
        value = node.value if isinstance(node.value, str) else node.text
        if node.plain and node.text.strip().lower() in _BOOL_OR_NULL:
            return False
    text = value.strip()
    if len(text) < 4 or text.lower() in _BOOL_OR_NULL:
        return False
    return not is_placeholder(text)


def is_certificate_only(value: str) -> bool:
    """Public certificates (such as ca.crt) are not secrets."""
    return bool(_PEM_CERTS.match(value))


def decode_base64(text: str) -> str | None:
    """The UTF-8 text of a base64 value, or None when it does not decode (checked as written then)."""
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def is_sops_encrypted(root: YMap) -> bool:
    """A document with a top-level `sops` mapping whose `mac` is a non-empty string."""
    sops = root.map("sops")
    mac = sops.value("mac") if sops is not None else None
    return isinstance(mac, str) and bool(mac.strip())
