"""Which cluster each object is deployed to (catalogue: CLUSTER_SCOPE).

Argo CD Applications name a destination server (or cluster name); Flux Kustomizations are followed
from the `clusters/<name>/` tree that (transitively) deploys them. Objects for which no target can be
told have no scope, and cross-object lookups treat them as part of every cluster.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import TYPE_CHECKING

from linter.discovery import KUSTOMIZATION_NAMES
from linter.gitops.paths import artifact_copies, flux_path, normal
from linter.k8s import Resource

if TYPE_CHECKING:
    from linter.context import Context


def cluster_tree(path: str) -> str | None:
    """The Flux convention: everything under `clusters/<name>/` belongs to that cluster."""
    parts = path.split("/")
    return f"flux:clusters/{parts[1]}" if len(parts) > 2 and parts[0] == "clusters" else None


def root_directory(render_root: str) -> str:
    first = render_root.split(" ", 1)[0]
    return posixpath.dirname(first) if first.rpartition("/")[2] in KUSTOMIZATION_NAMES else first


# Argo CD's names for the cluster it runs in.
IN_CLUSTER = frozenset({"https://kubernetes.default.svc", "https://kubernetes.default.svc:443", "in-cluster"})


class ClusterScopes:
    """Which cluster each deploy path targets: Argo CD destinations, and Flux Kustomizations
    followed from the `clusters/<name>` tree that (transitively) deploys them."""

    def __init__(self, ctx: Context) -> None:
        self.by_directory: dict[str, set[str]] = defaultdict(set)
        in_cluster: list[tuple[Resource, str, str]] = []
        for app in ctx.gitops.argo_apps:
            destination = app.destination
            target = (destination.text("server") or destination.text("name")) if destination is not None else None
            for source in app.sources:
                path = source.text("path")
                if path is not None and target and ctx.gitops.is_this_repo(source.text("repoURL")):
                    if target.rstrip("/") in IN_CLUSTER:
                        in_cluster.append((app.resource, normal(path), target))
                    else:
                        self.by_directory[normal(path)].add(f"argo:{target}")
        ours = ctx.gitops.is_this_repo_source
        copies = artifact_copies(ctx.gitops.flux_objects("ArtifactGenerator"), ours)
        pending = [
            (k, path)
            for k in ctx.gitops.flux_objects("Kustomization")
            if (path := flux_path(k, copies, ours)) is not None
        ]
        changed = True
        while changed:  # a path reached from several clusters belongs to all of them
            changed = False
            for kustomization, path in pending:
                owners = self.of(kustomization) - self.by_directory.get(path, set())
                if owners:
                    self.by_directory[path] |= owners
                    changed = True
        # The in-cluster destination is the cluster Argo CD itself runs in: where its Application is.
        for resource, path, target in in_cluster:
            self.by_directory[path] |= self.of(resource) or {f"argo:{target}"}

    def raw_owner(self, path: str, raw_dirs: set[str]) -> str | None:
        """The deepest deploy directory without a kustomization that holds ``path``."""
        return next((d for d in sorted(raw_dirs, key=len, reverse=True) if not d or path.startswith(d + "/")), None)

    def of(self, resource: Resource) -> frozenset[str]:
        if resource.render_root is not None:
            directory = root_directory(resource.render_root)
            found = self.by_directory.get(directory)
            tree = cluster_tree(directory + "/")
        else:
            containing = self.raw_owner(resource.src, set(self.by_directory))
            found = self.by_directory[containing] if containing is not None else None
            tree = cluster_tree(resource.src)
        return frozenset(found) if found else frozenset((tree,) if tree else ())


def cluster_scopes(ctx: Context) -> ClusterScopes:
    """The scope model of this scan (built once)."""
    return ctx.shared("gitops.cluster-scopes", lambda: ClusterScopes(ctx))


def same_cluster(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two objects may land in the same cluster: an unknown scope is every cluster."""
    return not first or not second or bool(first & second)
