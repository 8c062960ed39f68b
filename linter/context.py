"""What a check may read besides its subject: the configuration and the whole scanned set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from linter.config import Config
    from linter.gitops.model import GitOpsModel
    from linter.repository import Repository

T = TypeVar("T")


@dataclass(slots=True)
class Context:
    config: Config
    repo: Repository
    enabled: frozenset[str] = frozenset()  # IDs of the rules running in this scan
    _gitops: GitOpsModel | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    @property
    def gitops(self) -> GitOpsModel:
        """The repository as a GitOps graph (built on first use, shared by every rule)."""
        if self._gitops is None:
            from linter.gitops.model import GitOpsModel

            self._gitops = GitOpsModel(self.repo, self.config)
        return self._gitops

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, computed once per scan under ``key``: an index of the scanned set that a
        rule looks things up in for every pod template would otherwise be rebuilt each time."""
        if key not in self._memo:
            self._memo[key] = build()
        return cast(T, self._memo[key])

    def kubernetes_version(self) -> tuple[int, int]:
        from linter.k8s import NEWEST_KUBERNETES, parse_version

        version = self.config.kubernetes_version
        return parse_version(version) if version else NEWEST_KUBERNETES
