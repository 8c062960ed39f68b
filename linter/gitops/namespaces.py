"""The namespace an object lands in (catalogue: EFFECTIVE_NS), including what deploy tools add.

Rendering already fills `Resource.effective_namespace` from kustomize `namespace:` and Helm
releases. Deploy tools add more: a Flux Kustomization's `spec.targetNamespace` overrides the
namespace of everything it applies, an Argo CD source's `kustomize.namespace` that of the
kustomize build it renders, and an Argo CD Application's `destination.namespace` fills a missing
one. Namespaces the repository does not say stay unknown:
they are never guessed as `default`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.gitops.paths import artifact_copies, flux_path, normal
from linter.gitops.scopes import root_directory
from linter.k8s import Resource
from linter.kustomize.objects import CLUSTER_SCOPED

if TYPE_CHECKING:
    from linter.context import Context

# The label Helm rendering gives a chart rendered with its own defaults: nothing deploys it, and
# its namespace ("default") is the renderer's stand-in, not a fact about the repository.
_CHART_DEFAULTS = "(chart defaults)"


@dataclass(frozen=True, slots=True)
class Landing:
    """Where an object lands: its namespace (None when unknown) and, when a deploy tool decided
    it, which one (for messages that say a namespace was assumed)."""

    namespace: str | None
    assumed_from: str | None = None

    def note(self) -> str:
        """For messages: how the namespace was found, when the object does not say it itself."""
        if self.namespace is None:
            return " (its namespace is not set: compared with the objects deployed beside it)"
        return f" (namespace {self.namespace!r} from {self.assumed_from})" if self.assumed_from else ""

    def place(self, resource: Resource) -> str:
        """A key shared by objects that land together: the namespace, else (unknown) the objects
        deployed with it, which `kubectl apply -n` or a deploy tool puts in one namespace."""
        if self.namespace is not None:
            return "ns:" + self.namespace
        return "unit:" + (resource.render_root or posixpath.dirname(resource.src))


class DeployNamespaces:
    def __init__(self, ctx: Context) -> None:
        self.overrides: dict[str, str] = {}  # deploy directory -> Flux targetNamespace
        self.fills: dict[str, str] = {}  # deploy directory -> Argo CD destination namespace
        self.kustomize: dict[str, str] = {}  # deploy directory -> Argo CD source.kustomize.namespace
        for app in ctx.gitops.argo_apps:
            destination = app.destination
            namespace = destination.text("namespace") if destination is not None else None
            for source in app.sources:
                path = source.text("path")
                if path is None or not ctx.gitops.is_this_repo(source.text("repoURL")):
                    continue
                if namespace:
                    self.fills.setdefault(normal(path), namespace)
                if kustomize_namespace := source.text_at("kustomize.namespace"):
                    self.kustomize.setdefault(normal(path), kustomize_namespace)
        ours = ctx.gitops.is_this_repo_source
        copies = artifact_copies(ctx.gitops.flux_objects("ArtifactGenerator"), ours)
        for kustomization in ctx.gitops.flux_objects("Kustomization"):
            target = kustomization.root.text_at("spec.targetNamespace")
            path = flux_path(kustomization, copies, ours)
            if target and path is not None:
                self.overrides.setdefault(path, target)

    def _lookup(self, table: dict[str, str], resource: Resource) -> str | None:
        if not table:
            return None
        if resource.render_root is not None:
            return table.get(root_directory(resource.render_root))
        # A raw manifest belongs to the deepest deploy directory that holds it.
        directory = posixpath.dirname(resource.src)
        while True:
            if directory in table:
                return table[directory]
            if not directory:
                return None
            directory = posixpath.dirname(directory)

    def landing(self, resource: Resource) -> Landing:
        if resource.kind in CLUSTER_SCOPED:
            return Landing(None)
        own = resource.effective_namespace
        if own == "default" and resource.render_root is not None and resource.render_root.endswith(_CHART_DEFAULTS):
            own = None  # the stand-in release namespace, also where a template says {{ .Release.Namespace }}
        override = self._lookup(self.overrides, resource)
        if override is not None:
            return Landing(override, None if override == own else "the Flux Kustomization's targetNamespace")
        # Argo CD's kustomize namespace acts as the build's `namespace:` (it overrides the objects').
        kustomized = resource.render_root is not None and not is_helm_output(resource)
        argo_kustomize = self._lookup(self.kustomize, resource) if kustomized else None
        if argo_kustomize is not None:
            return Landing(argo_kustomize, None if argo_kustomize == own else "the Argo CD kustomize namespace")
        if own is not None:
            return Landing(own)
        fill = self._lookup(self.fills, resource)
        if fill is not None:
            return Landing(fill, "the Argo CD Application's destination namespace")
        return Landing(None)


def landing(ctx: Context, resource: Resource) -> Landing:
    """Where ``resource`` lands (the deploy tools' namespaces are read once per scan)."""
    return ctx.shared("gitops.deploy-namespaces", lambda: DeployNamespaces(ctx)).landing(resource)


def is_helm_output(resource: Resource) -> bool:
    """Rendered from a Helm chart (`helm install --namespace` decides what the chart leaves open).
    Helm render roots read "<chart> (<release>)"; kustomize roots are kustomization paths."""
    root = resource.render_root
    return root is not None and " (" in root and root.endswith(")")
