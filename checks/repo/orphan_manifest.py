"""REPO009 orphan-manifest."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from checks.repo._graph import reachable
from linter.context import Context
from linter.gitops.paths import normal
from linter.globs import matches_any
from linter.location import FixedSpan, Span
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_EXEMPT = ("**/examples/**", "**/test*/**", "**/docs/**")


def _entry_points(ctx: Context) -> set[str]:
    paths = set()
    for app in ctx.gitops.argo_apps:
        paths |= {normal(s.text("path") or "") for s in app.sources if s.text("path")}
    for kustomization in ctx.gitops.flux_objects("Kustomization"):
        path = kustomization.root.text_at("spec.path")
        if path is not None:
            paths.add(normal(path))
    return paths


@Rule(
    id="REPO009",
    slug="orphan-manifest",
    title="A manifest under a deploy path is not reached by any entry point.",
    severity=Severity.LOW,
    nist=("4.4.5",),
    target=Target.REPO,
    default=False,
    summary="""
        Reports files with Kubernetes objects, in directories that hold deployed files (or under config
        `deploy_paths`), that no Argo CD source path, Flux Kustomization path, kustomization or rendered
        chart reaches. Files under `examples/`, `test*/` and `docs/` are exempt. Off by default.
        """,
    rationale="""
        An orphan looks deployed but is not: reviewers may approve a fix there that never reaches the
        cluster, or a forgotten object comes back when someone wires the directory in.
        """,
    fix="Reference the manifest from a kustomization/Application or delete it.",
    bad="""
        # file: clusters/prod/apps.yaml
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec: {path: ./apps/web, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        # file: apps/web/kustomization.yaml
        resources: [deploy.yaml]
        # file: apps/web/deploy.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web}
        # file: apps/web/old-debug.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-debug}
        """,
    good="""
        # file: clusters/prod/apps.yaml
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec: {path: ./apps/web, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        # file: apps/web/kustomization.yaml
        resources: [deploy.yaml]
        # file: apps/web/deploy.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web}
        """,
)
def orphan_manifest(repo: Repository, ctx: Context) -> Iterator[Violation]:
    reached: set[str] = set()
    for path in _entry_points(ctx):
        reached |= reachable(ctx, path)
    reached |= {r.src for r in repo.resources if r.render_root is not None}
    entry_files = {r.src for r in repo.resources if r.group in ("argoproj.io", "kustomize.toolkit.fluxcd.io")}
    deploy_dirs = {posixpath.dirname(p) for p in reached}
    for source in repo.files:
        path = source.path
        if path in reached or path in entry_files or matches_any(path, _EXEMPT):
            continue
        if not any(r.src == path for r in repo.resources):
            continue
        if posixpath.dirname(path) in deploy_dirs:
            yield Violation(
                f"{path} holds Kubernetes objects that no entry point deploys",
                at=FixedSpan(Span.at_line(path, 1, source.line_text(1))),
            )
