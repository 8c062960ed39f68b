"""REPO007 duplicate-resource-in-render-unit."""

from __future__ import annotations

from collections.abc import Iterator

from checks.repo._graph import name_node, object_key, render_units
from linter.context import Context
from linter.k8s import Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REPO007",
    slug="duplicate-resource-in-render-unit",
    title="The same object is defined twice in one render unit.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.REPO,
    summary="""
        Reports an object whose (API group, kind, namespace, name) appears twice in one render unit: an
        Argo CD or Flux path without a kustomization, or a single manifest file (kustomize itself rejects
        duplicates in a build, reported as PARSE006). The second occurrence is reported.
        """,
    rationale="""
        Raw directories apply every file: the later definition silently wins, so a reviewer can approve
        one version of an object while another is applied.
        """,
    fix="Remove or rename one of the duplicates.",
    bad="""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: web}
        data: {mode: safe}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: web}
        data: {mode: debug}
        """,
    good="""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: web}
        data: {mode: safe}
        """,
)
def duplicate_resource_in_render_unit(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for unit in render_units(ctx):
        if unit.resources and unit.resources[0].render_root is not None:
            continue  # built by kustomize or Helm: duplicates already fail the build
        seen: dict[tuple[str, str, str, str], Resource] = {}
        for resource in sorted(unit.resources, key=lambda r: (r.src, r.doc)):
            key = object_key(resource)
            first = seen.setdefault(key, resource)
            if first is not resource:
                yield Violation(
                    f"{resource.describe()} is defined twice in {unit.label} (first in {first.src}); the "
                    "later definition wins silently",
                    at=name_node(resource),
                    subject=resource,
                    evidence=f"{unit.label}:{first.src}",
                )
