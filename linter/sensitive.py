"""The catalogue's SENSITIVE_FILES (credential-bearing file types) and opaque binaries.

A path is sensitive by its name (keystores, private keys, kubeconfigs, dotenv files, Terraform
state, cloud and git credentials) or, for a few configuration files, only when its content holds
a credential field. SOPS-encrypted files are exempt: their secrets are ciphertext.
"""

from __future__ import annotations

import fnmatch
import re

# Matched against the file name (SENSITIVE_FILES proper; the SEC rules use the same table).
SENSITIVE_NAMES = (
    "*.p12",
    "*.pfx",
    "*.jks",
    "*.keystore",
    "id_rsa*",
    "id_dsa*",
    "id_ecdsa*",
    "id_ed25519*",
    "*.kubeconfig",
    "kubeconfig",
    ".env",
    ".env.*",
    "*.tfstate",
    "*.tfstate.backup",
    ".git-credentials",
    ".pgpass",
    "*.agekey",
)
_NOT = ("*.pub", ".env.example", ".env.sample", ".env.template", ".env.dist")
# Matched against the end of the path.
SENSITIVE_PATH_SUFFIXES = (".kube/config", ".aws/credentials")
# Sensitive only when they hold a credential field with a value (not a `$VARIABLE` reference).
_CREDENTIALS = {
    ".npmrc": re.compile(r"(?:^|:)(_authToken|_auth|_password|password)\s*=\s*([^\s#;]+)", re.M),
    ".pypirc": re.compile(r"^\s*(password)\s*[=:]\s*(\S+)", re.M),
    ".netrc": re.compile(r"\b(password)\s+(\S+)"),
    "config.json": re.compile(r'"(auth|password|identitytoken)"\s*:\s*"([^"]+)"'),
}
_DOCKER_CONFIG = ".docker/config.json"

_SOPS = (
    re.compile(r"^sops_mac=\S", re.M),  # dotenv
    re.compile(r"^\[sops\]\s*$", re.M),  # INI
    re.compile(r"^sops:\s*$(?:\n[ \t]+.*)*?\n[ \t]+mac:\s*\S", re.M),  # YAML
    re.compile(r'"sops"\s*:\s*\{[^{}]*"mac"\s*:\s*"[^"]+"', re.S),  # JSON
)

OPAQUE_EXTENSIONS = (
    ".jar",
    ".war",
    ".ear",
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.xz",
    ".7z",
    ".rar",
    ".exe",
    ".dll",
    ".so",
    ".dylib",
    ".bin",
    ".deb",
    ".rpm",
    ".whl",
)
_EXECUTABLE_MAGIC = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, 32 and 64 bit, both byte orders
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (and Java class files)
)


def is_sops_encrypted(text: str) -> bool:
    return any(pattern.search(text) for pattern in _SOPS)


def judged_by_content(path: str) -> bool:
    """Whether ``path`` is one of the files that are sensitive only when they hold a credential
    (callers can skip reading every other file whose name is not sensitive)."""
    return path.rpartition("/")[2] in _CREDENTIALS


def sensitive_reason(path: str, text: str | None) -> str | None:
    """Why ``path`` (with content ``text``, None when not text) is a credential-bearing file."""
    name = path.rpartition("/")[2]
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in _NOT):
        return None
    if text is not None and is_sops_encrypted(text):
        return None
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in SENSITIVE_NAMES):
        return f"{name} is a credential-bearing file type"
    padded = "/" + path
    if any(padded.endswith("/" + suffix) for suffix in SENSITIVE_PATH_SUFFIXES):
        return f"{path} is a credential file"
    pattern = _CREDENTIALS.get(name) if name != "config.json" or padded.endswith("/" + _DOCKER_CONFIG) else None
    if pattern is not None and text is not None:
        for field, value in pattern.findall(text):
            if not value.strip("'\"").startswith("$"):
                return f"{path} holds a credential ({field})"
    return None


def opaque_reason(path: str, data: bytes | None) -> str | None:
    """Why ``path`` is an opaque binary (an archive or an executable), or None."""
    lowered = path.lower()
    for extension in OPAQUE_EXTENSIONS:
        if lowered.endswith(extension):
            return f"a {extension} archive or binary"
    head = (data or b"")[:4]
    if head.startswith(_EXECUTABLE_MAGIC):
        return "an executable (its content starts with a binary magic number)"
    if head.startswith(b"MZ") and data is not None and b"\x00" in data[:1024]:
        return "a Windows executable"
    return None
