"""Helm charts rendered offline once per consumer, with findings at template or values lines."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

import pytest

from linter.helm.renderers import BinaryRenderer, find_renderer

RENDERER = find_renderer("auto")
needs_helm = pytest.mark.skipif(RENDERER is None, reason="no Helm renderer: install gitops-lint[helm] (or helm)")

CHART = {
    "charts/web/Chart.yaml": """
        apiVersion: v2
        name: web
        version: 1.0.0
        appVersion: "2.4.1"
        """,
    "charts/web/values.yaml": """
        image:
          repository: ghcr.io/acme/web
          tag: ""
        hostNetwork: false
        securityContext:
          runAsNonRoot: true
          allowPrivilegeEscalation: false
        """,
    "charts/web/templates/_helpers.tpl": """
        {{- define "web.labels" -}}
        app.kubernetes.io/name: {{ .Chart.Name }}
        app.kubernetes.io/instance: {{ .Release.Name }}
        {{- end -}}
        """,
    "charts/web/templates/deployment.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          labels:
            {{- include "web.labels" . | nindent 4 }}
        spec:
          template:
            metadata:
              labels:
                {{- include "web.labels" . | nindent 8 }}
            spec:
              hostNetwork: {{ .Values.hostNetwork }}
              hostPID: true
              containers:
                - name: web
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
                  securityContext:
                    {{- toYaml .Values.securityContext | nindent 12 }}
        """,
}


def with_files(**extra: str) -> dict[str, str]:
    return {**CHART, **extra}


@needs_helm
def test_literal_template_line(lint: Any) -> None:
    found = lint(CHART, "HOST001")
    assert [(f.path, f.span.line, f.extra["roots"]) for f in found] == [
        ("charts/web/templates/deployment.yaml", 14, ["charts/web (chart defaults)"])
    ]


@needs_helm
def test_chart_defaults_are_clean_for_values_driven_fields(lint: Any) -> None:
    assert lint(CHART, "CTR001") == []
    assert lint(CHART, "CTR003") == []
    assert lint(CHART, "REG004") == []


@needs_helm
def test_values_from_a_flux_helmrelease_point_at_the_helmrelease(lint: Any) -> None:
    release = """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
          namespace: apps
        spec:
          chart:
            spec:
              chart: ./charts/web
              sourceRef:
                kind: GitRepository
                name: flux-system
          values:
            image:
              tag: latest
            securityContext:
              privileged: true
        """
    files = with_files(**{"clusters/prod/web.yaml": release})
    privileged = lint(files, "CTR001")
    assert [(f.path, f.span.line, f.span.col) for f in privileged] == [("clusters/prod/web.yaml", 17, 7)]
    assert privileged[0].extra["roots"] == ["charts/web (HelmRelease apps/web)"]
    latest = lint(files, "REG004")
    assert [(f.path, f.span.line) for f in latest] == [("clusters/prod/web.yaml", 15)]


@needs_helm
def test_values_from_an_argo_application(lint: Any) -> None:
    app = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web-prod
          namespace: argocd
        spec:
          project: web
          source:
            repoURL: https://github.com/acme/gitops
            path: charts/web
            helm:
              releaseName: web
              valueFiles:
                - values-prod.yaml
              values: |
                hostNetwork: true
              parameters:
                - name: securityContext.allowPrivilegeEscalation
                  value: "true"
          destination:
            server: https://kubernetes.default.svc
            namespace: web
        """
    files = with_files(
        **{"argocd/web.yaml": app, "charts/web/values-prod.yaml": "securityContext:\n  runAsNonRoot: false\n"}
    )
    host_network = lint(files, "HOST003") if _registered("HOST003") else []
    escalation = lint(files, "CTR002")
    non_root = lint(files, "CTR003")
    assert [(f.path, f.span.line) for f in escalation] == [("argocd/web.yaml", 19)]
    assert [(f.path, f.span.line) for f in non_root] == [("charts/web/values-prod.yaml", 2)]
    for finding in [*escalation, *non_root]:
        assert finding.extra["roots"] == ["charts/web (Application argocd/web-prod)"]
        assert finding.resource is not None and finding.resource["name"] == "web"
    if host_network:
        assert [(f.path, f.span.line) for f in host_network] == [("argocd/web.yaml", 16)]


def _registered(rule_id: str) -> bool:
    from checks import ALL_RULES

    return any(r.id == rule_id for r in ALL_RULES)


@needs_helm
def test_template_error_is_parse006_at_the_template_line(lint: Any) -> None:
    files = with_files(
        **{"charts/web/templates/broken.yaml": "kind: ConfigMap\nmetadata:\n  name: {{ .Values.nope.deeper }}\n"}
    )
    found = lint(files, "PARSE006")
    assert [(f.path, f.span.line) for f in found] == [("charts/web/templates/broken.yaml", 3)]


@needs_helm
def test_remote_dependency_is_reported_not_fetched(lint: Any) -> None:
    chart = (
        textwrap.dedent(CHART["charts/web/Chart.yaml"]) + "dependencies:\n  - name: redis\n"
        "    version: 19.0.0\n    repository: https://charts.example.com\n"
    )
    found = lint(with_files(**{"charts/web/Chart.yaml": chart}), "PARSE005")
    assert [(f.path, f.span.line) for f in found] == [("charts/web/Chart.yaml", 6)]


def test_without_a_renderer_each_chart_is_reported_once(lint: Any) -> None:
    found = lint(CHART, "PARSE005", helm_renderer="none")
    assert [(f.path, f.span.line) for f in found] == [("charts/web/Chart.yaml", 1)]
    assert "2 template file(s)" in found[0].message


@pytest.mark.skipif(shutil.which("helm") is None, reason="no helm binary on PATH")
def test_binary_renderer_matches_the_sdk(lint: Any) -> None:
    binary = BinaryRenderer(shutil.which("helm") or "helm")
    output = binary.render(
        "web",
        {
            "Chart.yaml": b"apiVersion: v2\nname: web\nversion: 1.0.0\n",
            "templates/cm.yaml": b"kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
        },
        {},
        "rel",
        "ns",
    )
    assert output == {"templates/cm.yaml": "kind: ConfigMap\nmetadata:\n  name: rel\n"}


UNRENDERED_RELEASE = """
    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: web
      namespace: apps
    spec:
      chart:
        spec:
          chart: ./charts/web
          sourceRef: {kind: GitRepository, name: flux-system}
      values:
        hostNetwork: true
        image:
          tag: latest
        securityContext:
          privileged: true
    """


@pytest.mark.parametrize("rule", ["CTR001", "REG004", "CTR002", "CTR003"])
def test_values_of_unrendered_charts_are_judged_where_written(lint: Any, rule: str) -> None:
    files = with_files(**{"clusters/prod/web.yaml": UNRENDERED_RELEASE})
    found = lint(files, rule, helm_renderer="none")
    expected = {
        "CTR001": [("clusters/prod/web.yaml", 16)],
        "REG004": [("clusters/prod/web.yaml", 14)],
        # absent or defaulted settings are not judged from values: the templates may set them
        "CTR002": [],
        "CTR003": [],
    }[rule]
    assert [(f.path, f.span.line) for f in found] == expected
    for finding in found:
        assert finding.message.endswith(
            "(from the Helm values of charts/web (HelmRelease apps/web), chart not rendered)"
        )
