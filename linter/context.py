"""What a check may read besides its subject: the configuration and the whole scanned set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.config import Config
    from linter.gitops.model import GitOpsModel
    from linter.repository import Repository


class NeedsRepository(Exception):
    """A check read the whole scanned set during a file-local scan; the engine drops what it found
    on that subject, because the other files were not there to be consulted."""


@dataclass(slots=True)
class Context:
    config: Config
    _repo: Repository
    enabled: frozenset[str] = frozenset()  # IDs of the rules running in this scan
    # Each file judged on its own (pre-commit's per-file hook): the repository is off limits.
    file_local: bool = False
    _gitops: GitOpsModel | None = None

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

    def kubernetes_version(self) -> tuple[int, int]:
        from linter.k8s import NEWEST_KUBERNETES, parse_version

        version = self.config.kubernetes_version
        return parse_version(version) if version else NEWEST_KUBERNETES
