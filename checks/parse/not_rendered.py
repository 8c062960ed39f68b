"""PARSE005 template-not-rendered."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="PARSE005",
    slug="template-not-rendered",
    title="Templated content was skipped because it was not rendered in this run.",
    severity=Severity.LOW,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports, once per Helm chart, that the chart's templates were not rendered and so none of the
        objects they produce were checked; and kustomizations that could not be rendered because they
        need remote resources (never fetched) or features gitops-lint does not run (Helm charts
        inflated by kustomize, plugins, `replacements`, `vars`). A kustomization that is not rendered
        has its files checked as plain manifests instead; the finding points at the entry that
        stopped rendering.
        """,
    rationale="""
        Helm templates are Go templates, not YAML: judging them as manifests gives nonsense, and
        skipping them silently would hide whatever they deploy. The finding makes the gap visible.
        """,
    fix="Render the chart (install `helm`, or the `gitops-lint[helm]` extra) or check it with its values.",
    bad="""
        charts/api/Chart.yaml          # a chart whose templates/ were not rendered
        charts/api/templates/deployment.yaml
        """,
    good="""
        # the chart is rendered with its values and the rendered objects are checked
        """,
    example_lang="text",
    notes="""
        The catalogue describes this per template file; gitops-lint reports it once per chart, at
        line 1 of its Chart.yaml (or of the first template when Chart.yaml was not scanned), with
        the number of template files skipped, to keep one fact one finding.
        """,
)
def template_not_rendered(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, frozenset({P.NOT_RENDERED}))
