"""SCHEMA001 missing-apiversion-or-kind."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.context import Context
from linter.globs import matches_any
from linter.kustomize.errors import RenderError
from linter.kustomize.spec import is_remote, read_kustomization
from linter.repository import ROLE_PATCH
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap

# YAML that is never a Kubernetes manifest (CI pipelines, compose files, SOPS rules).
_NOT_MANIFESTS = (
    ".github/workflows/*",
    ".gitlab-ci.yml",
    "**/.gitlab-ci.yml",
    "**/docker-compose*.yml",
    "**/docker-compose*.yaml",
    "**/compose.yml",
    "**/compose.yaml",
    "**/.sops.yaml",
)
# Top-level keys that, next to `metadata`, make a document look like an object.
_OBJECT_KEYS = ("spec", "data", "stringData", "rules", "subjects", "roleRef", "webhooks")


def _kustomize_resources(ctx: Context) -> frozenset[str]:
    """Files that a kustomization lists under `resources`: entry points expect objects there."""
    found: set[str] = set()
    for source in ctx.repo.files:
        if source.kind != FileKind.KUSTOMIZATION or source.fatal:
            continue
        try:
            spec = read_kustomization(source, strict=False)
        except RenderError:
            continue
        for entry in spec.resources:
            if isinstance(entry.value, str) and not is_remote(entry.value):
                found.add(posixpath.normpath(spec.resolve(entry.value)))
    return frozenset(found)


@Rule(
    id="SCHEMA001",
    slug="missing-apiversion-or-kind",
    title="A manifest document has no apiVersion or kind.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports a manifest candidate without a non-empty string `apiVersion` or `kind`. A document is
        a candidate when its file is listed under a kustomization's `resources`, or when it has a
        top-level `metadata` mapping plus one of `spec`, `data`, `stringData`, `rules`, `subjects`,
        `roleRef` or `webhooks`. Kustomizations, Helm charts and values, CI pipelines, compose files,
        `.sops.yaml` and config `non_manifest_paths` are never candidates.
        """,
    rationale="""
        Without apiVersion and kind the object is rejected or skipped: none of its settings apply, and
        no rule that looks for a kind checks it either, so it is a blind spot in every review.
        """,
    fix="Add the correct apiVersion and kind.",
    bad="""
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/web:1.4.2
        """,
    good="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/web:1.4.2
        """,
    refs=("kubeconform", "Datree schema validation"),
)
def missing_apiversion_or_kind(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if source.kind not in (FileKind.YAML, FileKind.JSON) or source.fatal or source.role == ROLE_PATCH:
        return
    if matches_any(source.path, _NOT_MANIFESTS) or matches_any(source.path, ctx.config.non_manifest_paths):
        return
    listed = source.path in ctx.shared("kustomize-resources", lambda: _kustomize_resources(ctx))
    for doc in source.docs:
        root = doc.root
        if not isinstance(root, YMap) or not root.items:
            continue
        missing = [k for k in ("apiVersion", "kind") if not isinstance(root.value(k), str) or not root.value(k)]
        if not missing:
            continue
        looks_like_object = isinstance(root.get("metadata"), YMap) and any(k in root.items for k in _OBJECT_KEYS)
        if listed or looks_like_object:
            first = next(iter(root.items.values()))
            yield Violation(
                f"document {doc.index + 1} has no {' or '.join(missing)}: it is not applied as an object and "
                "no rule checks it",
                at=first.key or first,
                evidence=f"doc{doc.index}",
            )
