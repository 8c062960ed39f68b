"""Registry hosts in URLs and references: loopback registries (a local test registry) are exempt
from the TLS rule, and credentials written into a URL never reach a message."""

from __future__ import annotations

import ipaddress
import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_USERINFO = re.compile(r"([a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)


def host_of(text: str) -> str:
    """The host of `http://host:port/path`, `host:port/repo:tag` or `[::1]:5000`, lowercase."""
    rest = _SCHEME.sub("", text.strip()).split("/", 1)[0]
    rest = rest.rpartition("@")[2]
    if rest.startswith("["):
        return rest[1:].partition("]")[0].lower()
    if rest.count(":") > 1:  # a bare IPv6 address
        return rest.lower()
    return rest.partition(":")[0].lower()


def is_loopback(text: str) -> bool:
    host = host_of(text)
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def hide_credentials(text: str) -> str:
    """`https://user:token@host/x` -> `https://***@host/x`."""
    return _USERINFO.sub(r"\1***@", text)
