"""Docker client configuration (`config.json`, `.dockercfg`, a Secret's `.dockerconfigjson`): which
registries it holds credentials for."""

from __future__ import annotations

from checks.secrets._values import decode_base64, scalar_text
from linter.yamlnodes import YMap, YScalar

CREDENTIAL_FIELDS = ("auth", "password", "identitytoken", "registrytoken")
DOCKER_CONFIG_FILES = (".docker/config.json", ".dockercfg", ".dockerconfigjson")


def is_docker_config_path(path: str) -> bool:
    name = path.rpartition("/")[2]
    return path == ".docker/config.json" or path.endswith("/.docker/config.json") or name in DOCKER_CONFIG_FILES[1:]


def registries(root: YMap, legacy: bool) -> list[tuple[str, YMap]]:
    """(registry, entry): `auths.<registry>` (or `<registry>` at the top level for `.dockercfg`)."""
    holder = root if legacy else root.map("auths")
    if holder is None:
        return []
    return [(name, node) for name, node in holder.items.items() if isinstance(node, YMap)]


def credentials(root: YMap, legacy: bool) -> list[tuple[str, str, YScalar]]:
    """(registry, field, node) for every non-empty credential field."""
    found: list[tuple[str, str, YScalar]] = []
    for registry, entry in registries(root, legacy):
        for field in CREDENTIAL_FIELDS:
            node = entry.get(field)
            text = scalar_text(node)
            if isinstance(node, YScalar) and text is not None and text.strip():
                found.append((registry, field, node))
    return found


def decoded_auths(root: YMap, legacy: bool) -> list[tuple[str, YScalar, str]]:
    """(registry, node, `user:password`) for every `auth` field that base64-decodes."""
    out: list[tuple[str, YScalar, str]] = []
    for registry, field, node in credentials(root, legacy):
        if field == "auth":
            decoded = decode_base64(str(node.value))
            if decoded is not None:
                out.append((registry, node, decoded))
    return out
