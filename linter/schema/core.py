"""The built-in Kubernetes API schemas, as the kubernetes-validate package ships them (strict
variant: unknown fields are errors), for the target Kubernetes version. Read once, offline."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from linter.schema.validator import Schema

_DIR = re.compile(r"^v(\d+)\.(\d+)\.0-local-strict$")
# API machinery (DeleteOptions, WatchEvent, APIGroup, ...) is registered under every group version,
# including ones that no longer serve any object: it must not make such a version look served.
_MACHINERY = "io.k8s.apimachinery.pkg.apis.meta."


def is_builtin_group(group: str) -> bool:
    """The core group, the unqualified groups (apps, batch, ...) and *.k8s.io."""
    return "." not in group or group.endswith(".k8s.io")


def _schema_root() -> Path:
    """The schemas inside the kubernetes-validate package, found without importing it (its
    import pulls in jsonschema, a quarter of a second we do not need)."""
    spec = importlib.util.find_spec("kubernetes_validate")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise RuntimeError("the kubernetes-validate package is not installed")
    return Path(next(iter(locations))) / "kubernetes-json-schema"


class CoreSchemas:
    def __init__(self, target: tuple[int, int]) -> None:
        root = _schema_root()
        shipped = sorted(
            ((int(m.group(1)), int(m.group(2))), entry)
            for entry in root.iterdir()
            if (m := _DIR.match(entry.name)) is not None
        )
        if not shipped:
            raise RuntimeError("kubernetes-validate ships no schemas")
        # The newest shipped version not newer than the target, else the oldest shipped.
        older = [item for item in shipped if item[0] <= target]
        self.version, self._dir = older[-1] if older else shipped[0]

    @cached_property
    def _definitions(self) -> Mapping[str, Any]:
        with self._dir.joinpath("_definitions.json").open(encoding="utf-8") as handle:
            data = json.load(handle)
        defs = data.get("$defs") if isinstance(data, dict) else None
        return defs if isinstance(defs, dict) else {}

    @cached_property
    def _kinds(self) -> dict[tuple[str, str, str], str]:
        """(group, version, kind) -> definition name."""
        index: dict[tuple[str, str, str], str] = {}
        for name, schema in self._definitions.items():
            if name.startswith(_MACHINERY):
                continue
            for gvk in schema.get("x-kubernetes-group-version-kind") or ():
                key = (gvk.get("group", ""), gvk.get("version", ""), gvk.get("kind", ""))
                if not key[2].endswith("List"):
                    index.setdefault(key, name)
        return index

    @cached_property
    def group_versions(self) -> frozenset[tuple[str, str]]:
        return frozenset((group, version) for group, version, _ in self._kinds)

    def definition(self, name: str) -> Schema | None:
        found = self._definitions.get(name)
        return found if isinstance(found, dict) else None

    def resolve(self, ref: str) -> Schema | None:
        """`#/$defs/X` or `/api/_definitions.json#/$defs/X`."""
        return self.definition(ref.rpartition("/")[2])

    def for_kind(self, group: str, version: str, kind: str) -> Schema | None:
        name = self._kinds.get((group, version, kind))
        return self.definition(name) if name is not None else None
