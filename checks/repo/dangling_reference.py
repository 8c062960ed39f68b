"""REPO006 dangling-reference."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YSeq

_SECRET_HOLDERS = {("", "Secret"), ("bitnami.com", "SealedSecret"), ("external-secrets.io", "ExternalSecret")}
_BOOTSTRAP_SOURCES = {"GitRepository", "OCIRepository", "Bucket"}
# (kind, name) -> the namespaces objects of that kind and name are defined in (None: not said).
_Index = dict[tuple[str, str], set[str | None]]


def _defined(ctx: Context) -> _Index:
    """Every object of the repository by what a reference can name: its own kind and name; a
    Secret also under the name an ExternalSecret gives it, an ExternalArtifact under the names an
    ArtifactGenerator produces."""
    index: _Index = {}
    for resource in ctx.repo.resources:
        namespace = resource.namespace or None
        if resource.name:
            index.setdefault((resource.kind, resource.name), set()).add(namespace)
        if (resource.group, resource.kind) in _SECRET_HOLDERS:
            target = resource.root.text_at("spec.target.name") if resource.kind == "ExternalSecret" else None
            index.setdefault(("Secret", target or resource.name or ""), set()).add(namespace)
        if resource.kind == "ArtifactGenerator":
            artifacts = resource.root.at("spec.artifacts")
            for artifact in artifacts.maps() if isinstance(artifacts, YSeq) else ():
                index.setdefault(("ExternalArtifact", artifact.text("name") or ""), set()).add(namespace)
    return index


def _exists(ctx: Context, kind: str, name: str, namespace: str | None) -> bool:
    # `flux bootstrap` creates its own source in the cluster; repositories often keep only a placeholder.
    if kind in _BOOTSTRAP_SOURCES and name == namespace == ctx.config.flux_namespace:
        return True
    namespaces = ctx.shared("repo.dangling-reference.defined", lambda: _defined(ctx)).get((kind, name), set())
    return None in namespaces or namespace in namespaces


def _references(resource: Resource) -> Iterator[tuple[str, str | None, str | None, YNode, bool]]:
    """(kind, name, namespace, node, optional) of every reference a Flux reconciler makes."""
    spec = resource.root.map("spec")
    if spec is None:
        return
    own = resource.namespace
    for path, default_kind in (("sourceRef", None), ("chart.spec.sourceRef", None), ("chartRef", None)):
        ref = spec.at(path)
        if isinstance(ref, YMap) and ref.get("name") is not None:
            yield (
                ref.text("kind") or default_kind or "",
                ref.text("name"),
                ref.text("namespace") or own,
                ref.get("name"),
                False,
            )  # type: ignore[misc]
    depends = spec.seq("dependsOn")
    for ref in depends.maps() if depends is not None else ():
        node = ref.get("name")
        if node is not None:
            yield resource.kind, ref.text("name"), ref.text("namespace") or own, node, False
    for path in ("valuesFrom", "postBuild.substituteFrom"):
        seq = spec.at(path)
        for ref in seq.maps() if isinstance(seq, YSeq) else ():
            node = ref.get("name")
            if node is not None:
                yield ref.text("kind") or "", ref.text("name"), own, node, ref.value("optional") is True


@Rule(
    id="REPO006",
    slug="dangling-reference",
    title="A GitOps object references an object that is not defined.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.REPO,
    summary="""
        Reports Flux `sourceRef`, `chartRef` and `dependsOn` references, non-optional `valuesFrom` and
        `postBuild.substituteFrom` entries, and Argo CD `spec.project` values (other than `default`) that
        name no object in the repository. A Secret reference is satisfied by a Secret, a SealedSecret or an
        ExternalSecret (its target name) of that name and namespace, an ExternalArtifact by an
        ArtifactGenerator that lists it. Decryption and kubeconfig Secrets are exempt: they must not be in
        git; so is the bootstrap source (`flux-system` in the Flux namespace), which `flux bootstrap`
        creates in the cluster.
        """,
    rationale="""
        A dangling reference stops the reconciler (or Argo CD rejects the Application): the change merges
        green and then deploys nothing, usually noticed when an urgent fix does not roll out.
        """,
    fix="Add the referenced object or fix the name/namespace.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: apps-repo}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: apps-repo}
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps-repo, namespace: flux-system}
        spec:
          url: https://github.com/acme/apps
        """,
    refs=("argocd-lint (AppProject existence)",),
)
def dangling_reference(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for kind in ("Kustomization", "HelmRelease"):
        for resource in ctx.gitops.flux_objects(kind):
            for ref_kind, name, namespace, node, optional in _references(resource):
                if name and not optional and "$" not in name and not _exists(ctx, ref_kind, name, namespace):
                    yield Violation(
                        f"{resource.describe()} references {ref_kind} {name!r} in namespace "
                        f"{namespace or '?'}, which is not defined in this repository",
                        at=node,
                        subject=resource,
                        evidence=f"{ref_kind}/{namespace}/{name}",
                    )
    for app in ctx.gitops.argo_apps:
        project = app.project
        if (
            project is None
            or not isinstance(project.value, str)
            or project.value in ("", "default")
            or "{{" in project.value
        ):
            continue
        if project.value not in ctx.gitops.projects:
            yield Violation(
                f"{app.describe()} uses AppProject {project.value!r}, which is not defined in this repository",
                at=project,
                subject=app.resource,
            )
