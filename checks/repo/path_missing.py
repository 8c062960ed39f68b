"""REPO001 gitops-path-missing."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterator

from checks.argocd._argo import generators
from checks.repo._graph import directories
from linter.context import Context
from linter.gitops.model import GitOpsModel
from linter.gitops.paths import normal
from linter.k8s import is_true
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind
from linter.yamlnodes import YMap, YScalar

_DEPLOYABLE = (FileKind.YAML, FileKind.JSON, FileKind.KUSTOMIZATION, FileKind.HELM_CHART)


def _deployable(repo: Repository, directory: str) -> bool:
    prefix = f"{directory}/" if directory else ""
    return any(
        s.path.startswith(prefix) and (s.kind in _DEPLOYABLE or s.path.endswith((".jsonnet", ".libsonnet")))
        for s in repo.files
    )


@Rule(
    id="REPO001",
    slug="gitops-path-missing",
    title="An Argo CD or Flux path or values file in this repo does not exist.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.REPO,
    summary="""
        For sources that are this repository: reports an Argo CD source `path` (not a chart) that does not
        exist or holds no manifest, kustomization, Chart.yaml or jsonnet file; an Argo CD
        `helm.valueFiles` entry that does not exist (plain entries relative to the source path, `$ref/...`
        entries from the root of the referenced source; info with `ignoreMissingValueFiles: true`); and a
        Flux Kustomization `spec.path` that does not exist when its GitRepository is this repository (or
        the bootstrap source `flux-system`, whose definition repositories often keep as a placeholder).
        Templated paths are skipped.
        """,
    rationale="""
        A path that does not exist makes the sync fail (or, with prune, can empty the target) and means
        nothing the entry point is supposed to deploy was reviewed or checked.
        """,
    fix="Fix the path, or add the missing directory or values file in the same pull request.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps/production
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: flux-system, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: flux-system, namespace: flux-system}
        spec:
          url: https://github.com/acme/gitops
        """,
    example_config=(("this_repo_urls", ["https://github.com/acme/gitops"]),),
    refs=("argocd-source-lint broken-values-ref",),
)
def gitops_path_missing(repo: Repository, ctx: Context) -> Iterator[Violation]:
    dirs = directories(ctx)
    gitops = ctx.gitops
    for app in gitops.argo_apps:
        refs = {s.text("ref"): s for s in app.sources if s.text("ref")}
        for source in app.sources:
            if not gitops.is_this_repo(source.text("repoURL")) or "chart" in source:
                continue
            path = source.scalar("path")
            if isinstance(path, YScalar) and "{{" not in path.text:
                directory = normal(path.text)
                if directory not in dirs or not _deployable(repo, directory):
                    yield Violation(
                        f"{app.describe()} deploys path {path.text!r}, which does not exist in this "
                        "repository (or holds nothing to deploy)",
                        at=path,
                        subject=app.resource,
                    )
                    continue
            helm = source.map("helm")
            files = helm.seq("valueFiles") if helm is not None else None
            ignore = helm is not None and is_true(helm.get("ignoreMissingValueFiles"))
            for item in files.items if files is not None else ():
                if not isinstance(item, YScalar) or not isinstance(item.value, str) or "{{" in item.value:
                    continue
                target = _value_file(item.value, path.text if isinstance(path, YScalar) else "", refs, gitops)
                if target is not None and repo.file(target) is None:
                    yield Violation(
                        f"{app.describe()} values file {item.value!r} does not exist in this repository",
                        at=item,
                        subject=app.resource,
                        severity=Severity.INFO if ignore else None,
                    )
    yield from _generator_paths(repo, ctx, dirs)
    for kustomization in gitops.flux_objects("Kustomization"):
        spec = kustomization.root.map("spec")
        path = spec.scalar("path") if spec is not None else None
        ref = spec.map("sourceRef") if spec is not None else None
        if path is None or ref is None or "$" in path.text:
            continue
        namespace = ref.text("namespace") or kustomization.namespace
        if gitops.is_this_repo_source(ref.text("kind"), ref.text("name"), namespace) and normal(path.text) not in dirs:
            yield Violation(
                f"{kustomization.describe()} path {path.text!r} does not exist in this repository",
                at=path,
                subject=kustomization,
            )


def _generator_paths(repo: Repository, ctx: Context, dirs: set[str]) -> Iterator[Violation]:
    """ApplicationSet git generators over this repository: directory globs and file globs that match
    nothing (every Application they would generate is missing)."""
    for appset in repo.resources:
        if appset.group != "argoproj.io" or appset.kind != "ApplicationSet":
            continue
        for kind, spec in generators(appset):
            if kind != "git" or not ctx.gitops.is_this_repo(spec.text("repoURL")):
                continue
            for field, pool in (("directories", dirs), ("files", {s.path for s in repo.files})):
                entries = spec.seq(field)
                for entry in entries.maps() if entries is not None else ():
                    pattern = entry.scalar("path")
                    if pattern is None or entry.value("exclude") is True or "{{" in pattern.text:
                        continue
                    if not any(fnmatch.fnmatchcase(p, normal(pattern.text)) for p in pool):
                        yield Violation(
                            f"{appset.describe()} git generator {field} pattern {pattern.text!r} matches "
                            "nothing in this repository",
                            at=pattern,
                            subject=appset,
                        )


def _value_file(entry: str, path: str, refs: dict[str | None, YMap], gitops: GitOpsModel) -> str | None:
    """The repository path of a valueFiles entry, or None when it lives in another repository."""
    if entry.startswith("$"):
        name, _, rest = entry[1:].partition("/")
        source = refs.get(name)
        if source is None or not gitops.is_this_repo(source.text("repoURL")):
            return None
        return normal(posixpath.join(source.text("path") or "", rest))
    return normal(posixpath.join(path, entry))
