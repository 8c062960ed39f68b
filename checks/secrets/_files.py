"""SENSITIVE_FILES (catalogue): file types that hold credentials by their nature, matched on paths."""

from __future__ import annotations

import fnmatch
import re

from checks.secrets._values import is_literal_text
from linter.sensitive import SENSITIVE_NAMES, SENSITIVE_PATH_SUFFIXES

_NAME_PATTERN = re.compile("|".join(fnmatch.translate(pattern) for pattern in SENSITIVE_NAMES))
# Sensitive only when they hold a credential field.
_CONDITIONAL_NAMES = (".npmrc", ".pypirc", ".netrc")
_CONDITIONAL_PATHS = (".docker/config.json",)
_ENV_TEMPLATES = ("example", "sample", "template", "dist")
_CREDENTIAL_FIELD = re.compile(
    r"""(?:^|[\s:"'{,])(?P<field>_authToken|_auth|_password|password|auth)["']?"""
    r"""[ \t]*[=: \t][ \t]*["']?(?P<value>[^\s"',]+)""",
    re.MULTILINE,
)


def _path_match(path: str, suffix: str) -> bool:
    return path == suffix or path.endswith("/" + suffix)


def sensitive_kind(path: str) -> str | None:
    """ "always" for SENSITIVE_FILES proper, "conditional" for the files that are sensitive only
    with a credential field, None otherwise."""
    name = path.rpartition("/")[2]
    if name.startswith("id_") and name.endswith(".pub"):
        return None
    if fnmatch.fnmatchcase(name, ".env.*") and name.rpartition(".")[2].lower() in _ENV_TEMPLATES:
        return None
    if _NAME_PATTERN.match(name) or any(_path_match(path, p) for p in SENSITIVE_PATH_SUFFIXES):
        return "always"
    if name in _CONDITIONAL_NAMES or any(_path_match(path, p) for p in _CONDITIONAL_PATHS):
        return "conditional"
    return None


def credential_field(text: str) -> str | None:
    """The first credential field (`_authToken`, `_auth`, `password`, `auth`) with a literal value."""
    for match in _CREDENTIAL_FIELD.finditer(text):
        if is_literal_text(match.group("value")):
            return match.group("field")
    return None


def is_key_file(path: str) -> bool:
    """SEC013's additions: `*.key`, a `*.pem` named like a key, `credentials.json`, `service-account*.json`."""
    name = path.rpartition("/")[2].lower()
    return (
        name.endswith(".key")
        or (name.endswith(".pem") and ("key" in name or "private" in name))
        or name == "credentials.json"
        or fnmatch.fnmatchcase(name, "service-account*.json")
    )
