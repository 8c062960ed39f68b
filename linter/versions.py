"""Version strings as deploy tools read them: pinned commits, exact versions and floating ranges."""

from __future__ import annotations

import re

_SHA = re.compile(r"^[0-9a-f]{40}$")
_RANGE = re.compile(r"[*^~<>]|\|\||\s-\s|(^|\.)[xX](\.|$)")


def is_commit_sha(text: str | None) -> bool:
    return bool(text) and bool(_SHA.match(str(text)))


def is_version_range(text: str | None) -> bool:
    """A semver constraint or wildcard (`*`, `1.x`, `^1.2`, `~1`, `>=1`, `1 - 2`, `a || b`), or an
    opt-in to pre-releases (`-0`): anything that is not one exact version."""
    if text is None or not str(text).strip():
        return True
    value = str(text).strip()
    return bool(_RANGE.search(value)) or value.endswith("-0")
