"""Every schema a scan validates against, built on first use and shared by the rules."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from linter.config import Config
from linter.k8s import Resource
from linter.repository import Repository
from linter.schema.core import CoreSchemas
from linter.schema.crds import Crd, collect
from linter.schema.validator import Issue, Schema, Validator
from linter.yamlnodes import YMap

# Not part of an object's desired state: the API server ignores them on apply (or SOPS strips them).
_IGNORED_TOP_LEVEL = frozenset({"status", "sops"})


class Schemas:
    def __init__(self, repo: Repository, config: Config, target: tuple[int, int]) -> None:
        self._repo = repo
        self._config = config
        self._target = target
        self._core_issues: dict[int, list[Issue]] = {}

    @cached_property
    def core(self) -> CoreSchemas:
        return CoreSchemas(self._target)

    @cached_property
    def core_validator(self) -> Validator:
        return Validator(self.core.resolve)

    @cached_property
    def crd_validator(self) -> Validator:
        return Validator(lambda _ref: None)  # structural schemas have no references

    @cached_property
    def crds(self) -> dict[tuple[str, str], Crd]:
        extra = [Path(p) if Path(p).is_absolute() else self._repo.root / p for p in self._config.crd_paths]
        return collect(self._repo.resources, extra, self._config.max_file_bytes, self._config.yaml_alias_limit)

    def core_issues(self, resource: Resource) -> list[Issue] | None:
        """Issues of a built-in object against its API schema (computed once per object); None
        when the schemas do not know its kind."""
        key = id(resource)
        if key not in self._core_issues:
            schema = self.core.for_kind(resource.group, resource.version, resource.kind)
            if schema is None:
                return None
            self._core_issues[key] = self.core_validator.validate(desired_state(resource.root), schema)
        return self._core_issues[key]

    def validate_core(self, node: YMap, definition: str) -> list[Issue]:
        """Issues of ``node`` against one named API definition (e.g. a securityContext)."""
        schema: Schema | None = self.core.definition(definition)
        return self.core_validator.validate(node, schema) if schema is not None else []


def desired_state(root: YMap) -> YMap:
    """The object without the top-level keys the API server does not take as desired state."""
    if not any(key in root.items for key in _IGNORED_TOP_LEVEL):
        return root
    view = YMap(root.src, root.line, root.col, root.end_line, root.end_col)
    view.key = root.key
    view.items = {k: v for k, v in root.items.items() if k not in _IGNORED_TOP_LEVEL}
    return view
