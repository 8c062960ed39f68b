"""PARSE006 render-failed."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="PARSE006",
    slug="render-failed",
    title="Rendering a kustomization, Helm chart or GitOps render unit failed.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports a render unit (a kustomization, a Helm release, an Argo CD Application or a Flux
        Kustomization) that could not be rendered. None of its objects were checked; the finding
        carries the renderer's error.
        """,
    rationale="""
        The GitOps controller would fail the same way at deploy time, and nothing the unit deploys
        was checked. Silently skipping failed renders is how other scanners report a clean result
        for a broken overlay.
        """,
    fix="Fix the render error named in the message.",
    bad="""
        # file: kustomization.yaml
        resources:
          - deployment.yaml
        patches:
          - path: replicas.yaml
        # file: deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        # file: replicas.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: wbe}   # no such object in the build
        spec: {replicas: 3}
        """,
    good="""
        # file: kustomization.yaml
        resources:
          - deployment.yaml
        patches:
          - path: replicas.yaml
        # file: deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        # file: replicas.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 3}
        """,
    superseded_by=("REPO002",),
    notes="A missing local entry is reported once, by REPO002 at the same list item.",
)
def render_failed(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, frozenset({P.RENDER_FAILED}))
