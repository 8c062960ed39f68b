"""Facts about the repository as a GitOps source, computed once per scan and shared by rules.

- which URLs are *this* repository (the `origin` remote, the Flux GitRepository that
  `*/flux-system/gotk-sync.yaml` syncs, config `this_repo_urls`);
- Argo CD Applications and ApplicationSet templates with their sources and destinations;
- AppProjects by name; Flux objects by kind, namespace and name;
- what counts as production (config `prod_patterns`);
- whether the Flux setup is multi-tenant, and which Flux version is in use.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from linter.gitops.urls import normalize_repo_url
from linter.k8s import Resource
from linter.yamlnodes import YMap, YScalar

if TYPE_CHECKING:
    from linter.config import Config
    from linter.repository import Repository

ARGO_GROUP = "argoproj.io"
FLUX_GROUPS = (
    "source.toolkit.fluxcd.io",
    "kustomize.toolkit.fluxcd.io",
    "helm.toolkit.fluxcd.io",
    "image.toolkit.fluxcd.io",
    "notification.toolkit.fluxcd.io",
    "source.extensions.fluxcd.io",  # ArtifactGenerator (Flux 2.7+)
)


@dataclass(slots=True)
class ArgoApp:
    """An Application, or the template of an ApplicationSet, reduced to what rules judge."""

    resource: Resource
    spec: YMap
    template: bool  # from an ApplicationSet's spec.template
    sources: list[YMap] = field(default_factory=list)

    @property
    def project(self) -> YScalar | None:
        return self.spec.scalar("project")

    @property
    def destination(self) -> YMap | None:
        return self.spec.map("destination")

    def describe(self) -> str:
        return f"{self.resource.describe()} template" if self.template else self.resource.describe()


def _origin_url(root: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", root, "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


class GitOpsModel:
    def __init__(self, repo: Repository, config: Config) -> None:
        self.repo = repo
        self.config = config

    # -- this repository -------------------------------------------------------------------
    @cached_property
    def this_repo_urls(self) -> frozenset[str]:
        urls = [*self.config.this_repo_urls]
        origin = _origin_url(str(self.repo.root))
        if origin:
            urls.append(origin)
        for resource in self.flux_objects("GitRepository"):
            if resource.src.endswith("flux-system/gotk-sync.yaml"):
                url = resource.root.at("spec.url")
                if isinstance(url, YScalar) and isinstance(url.value, str):
                    urls.append(url.value)
        return frozenset(normalize_repo_url(u) for u in urls if u)

    @cached_property
    def branches(self) -> frozenset[str]:
        """Branch names of this repository (local and remote-tracking, remote prefix removed)."""
        try:
            proc = subprocess.run(
                ["git", "-C", str(self.repo.root), "for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return frozenset()
        names = set()
        for ref in proc.stdout.split():
            if ref.startswith("refs/heads/"):
                names.add(ref[len("refs/heads/") :])
            elif ref.startswith("refs/remotes/"):
                names.add(ref[len("refs/remotes/") :].split("/", 1)[-1])
        return frozenset(names - {"HEAD"})

    def is_this_repo(self, url: str | None) -> bool:
        return bool(url) and normalize_repo_url(str(url)) in self.this_repo_urls

    # -- production ------------------------------------------------------------------------
    @cached_property
    def _prod(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.config.prod_patterns]

    def is_prod_text(self, *texts: str | None) -> bool:
        return any(t and any(p.search(t) for p in self._prod) for t in texts)

    def is_prod(self, resource: Resource, *extra: str | None) -> bool:
        return self.is_prod_text(resource.src, resource.name, resource.namespace, *extra)

    # -- Argo CD ---------------------------------------------------------------------------
    @cached_property
    def argo_apps(self) -> list[ArgoApp]:
        apps: list[ArgoApp] = []
        for resource in self.repo.resources:
            if resource.group != ARGO_GROUP:
                continue
            spec: object = None
            if resource.kind == "Application":
                spec = resource.root.map("spec")
            elif resource.kind == "ApplicationSet":
                spec = resource.root.at("spec.template.spec")
            if isinstance(spec, YMap):
                app = ArgoApp(resource, spec, resource.kind == "ApplicationSet")
                single, many = spec.map("source"), spec.seq("sources")
                app.sources = [single] if single is not None else []
                app.sources += list(many.maps()) if many is not None else []
                apps.append(app)
        return apps

    def app_is_prod(self, app: ArgoApp) -> bool:
        destination = app.destination
        extra = [destination.text(k) for k in ("name", "server", "namespace")] if destination is not None else []
        return self.is_prod(app.resource, *extra)

    @cached_property
    def projects(self) -> dict[str, Resource]:
        return {r.name: r for r in self.repo.resources if r.group == ARGO_GROUP and r.kind == "AppProject" and r.name}

    # -- Flux ------------------------------------------------------------------------------
    @cached_property
    def _flux_by_kind(self) -> dict[str, list[Resource]]:
        index: dict[str, list[Resource]] = {}
        for resource in self.repo.resources:
            if resource.group in FLUX_GROUPS:
                index.setdefault(resource.kind, []).append(resource)
        return index

    @cached_property
    def _flux_by_name(self) -> dict[tuple[str, str | None, str | None], Resource]:
        index: dict[tuple[str, str | None, str | None], Resource] = {}
        for kind, resources in self._flux_by_kind.items():
            for resource in resources:
                index.setdefault((kind, resource.namespace or None, resource.name), resource)
        return index

    def flux_objects(self, kind: str) -> Iterator[Resource]:
        yield from self._flux_by_kind.get(kind, ())

    def flux_find(self, kind: str, namespace: str | None, name: str | None) -> Resource | None:
        return self._flux_by_name.get((kind, namespace or None, name))

    def is_this_repo_source(self, kind: str | None, name: str | None, namespace: str | None) -> bool:
        """Whether a Flux source reference reads this repository: a GitRepository whose URL is this
        repository's, or the bootstrap source `flux-system` when the repository keeps only a
        placeholder for it."""
        if kind != "GitRepository":
            return False
        found = self.flux_find("GitRepository", namespace, name)
        if found is None:
            return name == namespace == self.config.flux_namespace
        return self.is_this_repo(found.root.text_at("spec.url"))

    @cached_property
    def multi_tenant(self) -> bool:
        if self.config.multi_tenant is not None:
            return self.config.multi_tenant
        for kind in ("Kustomization", "HelmRelease"):
            for resource in self.flux_objects(kind):
                spec = resource.root.map("spec")
                if (
                    resource.namespace not in (None, self.config.flux_namespace)
                    and spec is not None
                    and spec.text("serviceAccountName")
                ):
                    return True
        return False

    @cached_property
    def flux_version(self) -> tuple[int, int] | None:
        text = self.config.flux_version
        if text is None:
            for source in self.repo.files:
                if source.path.endswith("gotk-components.yaml") and source.text:
                    found = re.search(r"^# Flux Version: v?(\d+)\.(\d+)", source.text, re.MULTILINE)
                    if found:
                        return int(found.group(1)), int(found.group(2))
            return None
        match = re.match(r"^v?(\d+)\.(\d+)", text)
        return (int(match.group(1)), int(match.group(2))) if match else None
