"""What a check may read besides its subject: the configuration and the whole scanned set."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from linter.config import Config
    from linter.gitops.model import GitOpsModel
    from linter.repository import Repository
    from linter.schema.catalog import Schemas


T = TypeVar("T")


class NeedsRepository(Exception):
    """A check read the whole scanned set during a file-local scan; the engine drops what it found
    on that subject, because the other files were not there to be consulted."""


@dataclass(slots=True)
class Context:
    config: Config
    _repo: Repository
    enabled: frozenset[str] = frozenset()  # IDs of the rules running in this scan
    # Things a scan could not do, counted, for the summary (e.g. objects it could not validate).
    notes: Counter[str] = field(default_factory=Counter)
    # Each file judged on its own (pre-commit's per-file hook): the repository is off limits.
    file_local: bool = False
    _gitops: GitOpsModel | None = None
    _schemas: Schemas | None = None
    _shared: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """A value computed once per scan and shared by every call of a rule (or by several rules);
        ``key`` names what ``build`` computes."""
        if key not in self._shared:
            self._shared[key] = build()
        value: T = self._shared[key]
        return value

    @property
    def repo(self) -> Repository:
        if self.file_local:
            raise NeedsRepository
        return self._repo

    @property
    def gitops(self) -> GitOpsModel:
        """The repository as a GitOps graph (built on first use, shared by every rule)."""
        if self._gitops is None:
            from linter.gitops.model import GitOpsModel

            self._gitops = GitOpsModel(self.repo, self.config)
        return self._gitops

    @property
    def schemas(self) -> Schemas:
        """The API schemas and the repository's CRDs (loaded on first use, shared by every rule)."""
        if self._schemas is None:
            from linter.schema.catalog import Schemas

            self._schemas = Schemas(self.repo, self.config, self.kubernetes_version())
        return self._schemas

    def kubernetes_version(self) -> tuple[int, int]:
        from linter.k8s import NEWEST_KUBERNETES, parse_version

        version = self.config.kubernetes_version
        return parse_version(version) if version else NEWEST_KUBERNETES
