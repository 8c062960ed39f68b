"""FLUX008 helmrelease-chart-version-floating."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.versions import is_version_range
from linter.yamlnodes import YMap


@Rule(
    id="FLUX008",
    slug="helmrelease-chart-version-floating",
    title="A HelmRelease chart version floats.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.1.5"),
    target=Target.OBJECT,
    kinds=frozenset({"HelmRelease", "HelmChart"}),
    summary="""
        Reports HelmReleases (`spec.chart.spec`) and HelmCharts whose chart comes from a HelmRepository
        with `version` absent (Flux then uses `*`, the newest) or a range/wildcard. Git and Bucket
        sources ignore `version` and are not judged.
        """,
    rationale="""
        A floating version installs whatever the chart repository publishes next, without review: new
        images, RBAC and security contexts reach the cluster automatically.
        """,
    fix="Pin an exact chart version.",
    bad="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: ingress, namespace: ingress}
        spec:
          interval: 1h
          chart:
            spec:
              chart: ingress-nginx
              version: "4.x"
              sourceRef: {kind: HelmRepository, name: ingress-nginx}
        """,
    good="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: ingress, namespace: ingress}
        spec:
          interval: 1h
          chart:
            spec:
              chart: ingress-nginx
              version: "4.11.3"
              sourceRef: {kind: HelmRepository, name: ingress-nginx}
        """,
)
def helmrelease_chart_version_floating(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    chart = spec.at("chart.spec") if resource.kind == "HelmRelease" else spec
    if not isinstance(chart, YMap):
        return
    ref = chart.map("sourceRef")
    if ref is None or ref.text("kind") != "HelmRepository":
        return
    version = chart.scalar("version")
    text = version.text if version is not None and version.value is not None else ""
    if is_version_range(text):
        shown = f"version range {text!r}" if text else "no version (the newest)"
        yield Violation(
            f"{resource.describe()} installs chart {chart.text('chart')!r} with {shown}; pin the exact version",
            at=version if version is not None else chart.get("chart") or chart,
        )
