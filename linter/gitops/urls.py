"""Repository URLs compared the way people mean them: `git@host:o/r`, `ssh://git@host/o/r` and
`https://host/o/r.git` are the same repository."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)$")
_LOOPBACK = re.compile(r"^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$")


def normalize_repo_url(url: str) -> str:
    """`https://host/owner/repo` (lowercase host, no user, port kept, no `.git`, no trailing `/`)."""
    text = url.strip()
    scp = _SCP.match(text) if "://" not in text else None
    if scp:
        host, path = scp.group(1), scp.group(2)
    else:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        host = parts.hostname or ""
        if parts.port and parts.scheme in ("http", "https") and parts.port not in (80, 443):
            host = f"{host}:{parts.port}"
        path = parts.path
    path = path.strip("/").removesuffix(".git").rstrip("/")
    return f"https://{host.lower()}/{path}" if path else f"https://{host.lower()}"


def url_host(url: str) -> str:
    text = url.strip()
    scp = _SCP.match(text) if "://" not in text else None
    if scp:
        return scp.group(1).lower()
    return (urlsplit(text if "://" in text else f"https://{text}").hostname or "").lower()


def is_loopback(url: str) -> bool:
    return bool(_LOOPBACK.match(url_host(url)))


def covered_by(url: str, prefixes: list[str]) -> bool:
    """Allowlist matching on path boundaries: `https://h/acme` covers `https://h/acme/x`, not `https://h/acme-x`."""
    normal = normalize_repo_url(url)
    for prefix in prefixes:
        entry = normalize_repo_url(prefix)
        if normal == entry or normal.startswith(entry + "/"):
            return True
    return False
