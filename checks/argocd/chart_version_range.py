"""ARGO009 application-chart-version-range."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.versions import is_version_range


@Rule(
    id="ARGO009",
    slug="application-chart-version-range",
    title="A Helm chart source floats across versions.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.1.5"),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        Reports Helm chart sources (`chart`) whose `targetRevision` is absent, empty, a wildcard or a
        semver range (`*`, `1.x`, `^1.2`, `~1.2`, `>=1`, `a || b`, `1 - 2`), or opts into pre-releases
        (`-0`).
        """,
    rationale="""
        A range installs whatever the chart repository publishes next, without review: a new chart
        version can change images, RBAC and security contexts, and a compromised repository is deployed
        automatically.
        """,
    fix="Pin the exact chart version.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: ingress
          namespace: argocd
        spec:
          project: platform
          source: {repoURL: https://kubernetes.github.io/ingress-nginx, chart: ingress-nginx, targetRevision: 4.*}
          destination: {server: https://kubernetes.default.svc, namespace: ingress}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: ingress
          namespace: argocd
        spec:
          project: platform
          source: {repoURL: https://kubernetes.github.io/ingress-nginx, chart: ingress-nginx, targetRevision: 4.11.3}
          destination: {server: https://kubernetes.default.svc, namespace: ingress}
        """,
)
def application_chart_version_range(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for app in apps_of(resource, ctx):
        for source in app.sources:
            chart = source.scalar("chart")
            if chart is None:
                continue
            revision = source.scalar("targetRevision")
            text = revision.text if revision is not None and revision.value is not None else ""
            if "{{" in text or not is_version_range(text):
                continue
            shown = f"version range {text!r}" if text else "no version (the newest)"
            yield Violation(
                f"{app.describe()} installs chart {chart.text!r} with {shown}; pin the exact version",
                at=revision if revision is not None else chart,
            )
