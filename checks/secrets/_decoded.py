"""Values the DETECTOR patterns must also read decoded, since a text scan cannot see through
base64: v1 Secret `data`, the `auth` fields of docker configs (in Secrets and committed files) and
ConfigMap `binaryData`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._dockerconfig import decoded_auths, is_docker_config_path
from checks.secrets._secret_objects import REGISTRY_TYPES, entries, secret_type
from checks.secrets._values import decode_base64
from linter.k8s import resource_from
from linter.sourcefile import SourceFile
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar


@dataclass(slots=True)
class DecodedValue:
    node: YNode  # where a finding about it points
    label: str  # what the value is, e.g. 'Secret "db" data.password (base64-decoded)'
    text: str


def decoded_values(source: SourceFile) -> Iterator[DecodedValue]:
    for doc in source.docs:
        resource = resource_from(doc.root, source.path, doc.index)
        if resource is None or resource.api_version != "v1":
            continue
        if resource.kind == "Secret":
            config_key = REGISTRY_TYPES.get(secret_type(resource))
            for entry in entries(resource):
                where = f"{resource.describe()} {entry.describe()}"
                if entry.decoded:
                    yield DecodedValue(entry.node, f"{where} (base64-decoded)", entry.value)
                if entry.key == config_key:
                    for registry, _, auth in _auths(entry.value, legacy=config_key == ".dockercfg"):
                        yield DecodedValue(entry.node, f"{where}, decoded auth of {registry}", auth)
        elif resource.kind == "ConfigMap":
            binary = resource.root.map("binaryData")
            for key, node in binary.items.items() if binary is not None else ():
                decoded = decode_base64(str(node.value)) if isinstance(node, YScalar) else None
                if decoded is not None:
                    yield DecodedValue(node, f"{resource.describe()} binaryData.{key} (base64-decoded)", decoded)
    if is_docker_config_path(source.path) and source.text:
        for registry, node, auth in _auths(source.text, legacy=source.path.endswith(".dockercfg"), src=source.path):
            yield DecodedValue(node, f"decoded auth of {registry}", auth)


def _auths(text: str, legacy: bool, src: str = "<dockerconfig>") -> list[tuple[str, YScalar, str]]:
    parsed = parse_yaml(text, src)
    root = parsed.docs[0].root if parsed.docs and not parsed.fatal else None
    return decoded_auths(root, legacy) if isinstance(root, YMap) else []
