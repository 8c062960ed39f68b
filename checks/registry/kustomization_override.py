"""REG009 kustomization-unpinned-override."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._overrides import kustomization_is_prod, kustomize_images
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind, SourceFile
from linter.versions import is_version_range
from linter.yamlnodes import YMap, YScalar, YSeq


@Rule(
    id="REG009",
    slug="kustomization-unpinned-override",
    title="A kustomization overrides an image or chart without pinning it.",
    severity=Severity.LOW,
    nist=("4.2.2", "4.1.5"),
    target=Target.FILE,
    summary="""
        In production kustomizations (path, `namespace:` or name matching `prod_patterns`), reports
        `images:` entries that set `newTag` or `newName` without a `digest` (a `newTag` that
        carries `@sha256:` counts as one), and `helmCharts:` entries with no `version` or a
        version range or wildcard (`*`, an `x` component, `^`, `~`, `>`, `<`, `||`, ` - `).
        """,
    rationale="""
        An override decides what runs without changing the reviewed manifests. A tag or a chart
        range can point at new content tomorrow with the same kustomization, so what production
        runs is neither reproducible nor the artefact that was scanned.
        """,
    fix="Use `digest:` in images[] (`kustomize edit set image app=repo@sha256:...`) and exact chart versions.",
    bad="""
        namespace: shop-production
        images:
          - name: ghcr.io/acme/api
            newTag: 2.4.1
        helmCharts:
          - name: redis
            repo: https://charts.bitnami.com/bitnami
            version: 19.x
        """,
    good="""
        namespace: shop-production
        images:
          - name: ghcr.io/acme/api
            newTag: 2.4.1
            digest: sha256:4f3c2b1a09d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2
        helmCharts:
          - name: redis
            repo: https://charts.bitnami.com/bitnami
            version: 19.6.4
        """,
    notes="""
        Production is judged on the kustomization's path, `namespace:` field and `metadata.name`,
        and on the Argo CD Applications (their destination too) and Flux Kustomizations that
        deploy its directory; paths are compared without checking which repository a source
        reads. A base reached only through a production overlay is not itself production. An
        entry that only renames (`newName`) is reported at `newName`.
        """,
    example_path="overlays/production/kustomization.yaml",
)
def kustomization_unpinned_override(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if source.kind != FileKind.KUSTOMIZATION or source.fatal:
        return
    for doc in source.docs:
        root = doc.root
        if not isinstance(root, YMap) or not kustomization_is_prod(source, root, ctx):
            continue
        for image in kustomize_images(source, root):
            changes = image.changes
            if changes is None or image.pinned:
                continue
            what = f"newTag {changes.text!r}" if changes is image.field("newTag") else f"newName {changes.text!r}"
            yield Violation(
                f"images entry {image.name or '?'!r} sets {what} without a digest; "
                "add `digest: sha256:...` (kustomize edit set image name=repo@sha256:...)",
                at=changes,
            )
        charts = root.get("helmCharts")
        for chart in charts.maps() if isinstance(charts, YSeq) else ():
            yield from _chart(chart)


def _chart(chart: YMap) -> Iterator[Violation]:
    name = chart.get("name")
    label = chart.text("name") or "?"
    at = name if name is not None else chart
    version = chart.get("version")
    text = version.text if isinstance(version, YScalar) and version.value not in (None, "") else None
    if text is None:
        yield Violation(f"helmCharts entry {label!r} has no version; set an exact chart version", at=at)
    elif is_version_range(text):
        yield Violation(
            f"helmCharts entry {label!r} uses the version range {text!r}; set an exact chart version", at=at
        )
