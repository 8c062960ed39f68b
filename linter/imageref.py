"""Container image references, normalised one way for every place they appear.

``nginx`` -> docker.io/library/nginx (no tag); ``ghcr.io/acme/api:1.2@sha256:...`` -> registry
ghcr.io, repository acme/api, tag 1.2, digest. The first path component is a registry when it
contains ``.`` or ``:`` or is ``localhost``; otherwise the image is on Docker Hub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOCKER_HUB = "docker.io"
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class ImageRef:
    raw: str
    registry: str
    repository: str
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """registry/repository, without tag or digest."""
        return f"{self.registry}/{self.repository}"

    @property
    def pinned(self) -> bool:
        """Pinned by a sha256 digest (64 lowercase hex digits)."""
        return self.digest is not None and _DIGEST.match(self.digest) is not None

    @property
    def floating(self) -> bool:
        """No digest, and no tag or the `latest` tag: what runs can change under the same name."""
        return self.digest is None and (self.tag is None or self.tag == "latest")

    def under(self, prefix: str) -> bool:
        """Whether an allowlist entry covers this image, on a path-component boundary."""
        # `ghcr.io/acme/*` (the glob other tools use) means the same as `ghcr.io/acme`.
        entry = prefix.strip().removesuffix("*").rstrip("/").lower()
        if entry.startswith("index.docker.io"):
            entry = DOCKER_HUB + entry[len("index.docker.io") :]
        return self.name == entry or self.name.startswith(entry + "/")


def is_templated(text: str) -> bool:
    return "$" in text or "{{" in text


def parse_image(text: str) -> ImageRef | None:
    """Parse an image reference; None for empty, templated (``$``, ``{{``) or malformed values."""
    raw = text.strip()
    if not raw or is_templated(raw) or any(ch.isspace() for ch in raw):
        return None
    rest, _, digest = raw.partition("@")
    tag: str | None = None
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
    parts = rest.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        registry, path = parts[0].lower(), "/".join(parts[1:])
    else:
        registry, path = DOCKER_HUB, rest
    if registry == "index.docker.io":
        registry = DOCKER_HUB
    if registry == DOCKER_HUB and "/" not in path:
        path = f"library/{path}"
    if not path or (tag is not None and not tag):
        return None
    return ImageRef(raw, registry, path, tag, digest or None)


def parse_image_name(text: str) -> ImageRef | None:
    """The repository an image reference names, even when its tag or digest is templated
    (``ghcr.io/acme/api:${{ github.sha }}``); None when the name itself is templated."""
    rest = text.strip().partition("@")[0]
    slash, colon = rest.rfind("/"), rest.rfind(":")
    if colon > slash:
        rest = rest[:colon]
    return parse_image(rest)
