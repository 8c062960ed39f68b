"""REPO005 kustomize-deprecated-field."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap

_DEPRECATED = {
    "bases": "resources",
    "patchesStrategicMerge": "patches",
    "patchesJson6902": "patches",
    "commonLabels": "labels (commonLabels also rewrites selectors)",
    "vars": "replacements",
    "imageTags": "images",
    "helmChartInflationGenerator": "helmCharts",
}


@Rule(
    id="REPO005",
    slug="kustomize-deprecated-field",
    title="A kustomization uses deprecated fields.",
    severity=Severity.LOW,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports kustomization files that use `bases`, `patchesStrategicMerge`, `patchesJson6902`,
        `commonLabels`, `vars`, `imageTags` or `helmChartInflationGenerator`.
        """,
    rationale="""
        Deprecated fields are removed in newer kustomize versions (and so in newer Argo CD and Flux):
        an upgrade then breaks the overlay. `commonLabels` also changes selectors, which immutable
        workloads cannot take.
        """,
    fix="Run `kustomize edit fix` (resources, patches, labels, replacements).",
    bad="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        bases:
          - ../base
        """,
    good="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../base
        """,
    example_path="kustomization.yaml",
)
def kustomize_deprecated_field(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if source.kind != FileKind.KUSTOMIZATION or source.fatal:
        return
    for doc in source.docs:
        if not isinstance(doc.root, YMap):
            continue
        for key, replacement in _DEPRECATED.items():
            node = doc.root.get(key)
            if node is not None:
                yield Violation(f"{key} is deprecated; use {replacement}", at=node)
