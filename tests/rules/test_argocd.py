"""ARGO rules: cases beyond each rule's documented examples."""

from __future__ import annotations

import base64
from typing import Any

from linter.severity import Severity
from tests.conftest import where


def app(spec: str, name: str = "web", kind: str = "Application", namespace: str = "argocd") -> str:
    body = "\n".join("  " + line for line in spec.strip("\n").splitlines())
    return (
        f"apiVersion: argoproj.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {namespace}\n"
        f"spec:\n{body}\n"
    )


SOURCE = "source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.0.0}\n"
DEST = "destination: {server: https://kubernetes.default.svc, namespace: web}\n"
HARDENED_DEFAULT = app(
    """
sourceRepos: []
destinations: []
namespaceResourceBlacklist:
  - {group: "*", kind: "*"}
""",
    name="default",
    kind="AppProject",
)


def test_argo001_missing_project_and_hardened_default(lint: Any) -> None:
    missing = app(SOURCE + DEST)
    assert where(lint({"a.yaml": missing}, "ARGO001")) == [("ARGO001", "a.yaml", 6, 1)]
    assert lint({"a.yaml": missing, "p.yaml": HARDENED_DEFAULT}, "ARGO001") == []


def test_argo001_applicationset_template(lint: Any) -> None:
    appset = app(
        "generators: [{list: {elements: []}}]\ntemplate:\n  metadata: {name: x}\n  spec:\n"
        "    project: default\n    " + SOURCE + "    " + DEST,
        kind="ApplicationSet",
    )
    found = lint({"s.yaml": appset}, "ARGO001")
    assert where(found) == [("ARGO001", "s.yaml", 11, 7)] and "template" in found[0].message


def test_argo002_host_wide_and_org_wide(lint: Any) -> None:
    project = app(
        'sourceRepos: ["https://github.com/*", "git@gitlab.com:*", "https://github.com/acme/*"]',
        kind="AppProject",
        name="p",
    )
    found = lint({"p.yaml": project}, "ARGO002")
    assert [f.severity for f in found] == [Severity.HIGH, Severity.HIGH, Severity.MEDIUM]
    denied = project.replace(
        '"https://github.com/acme/*"]', '"https://github.com/acme/*", "!https://github.com/acme/x"]'
    )
    assert [f.severity for f in lint({"p.yaml": denied}, "ARGO002")] == [Severity.HIGH, Severity.HIGH]


def test_argo003_control_plane_glob_and_explicit_denial(lint: Any) -> None:
    project = app(
        "destinations:\n  - {server: https://kubernetes.default.svc, namespace: 'kube-*'}\n",
        kind="AppProject",
        name="p",
    )
    assert len(lint({"p.yaml": project}, "ARGO003")) == 1
    denied = project + "    - {server: https://kubernetes.default.svc, namespace: '!kube-system'}\n"
    assert lint({"p.yaml": denied}, "ARGO003") == []


def test_argo004_star_is_critical_and_blacklist_cancels(lint: Any) -> None:
    star = app("clusterResourceWhitelist:\n  - {group: '*', kind: '*'}\n", kind="AppProject", name="p")
    assert [f.severity for f in lint({"p.yaml": star}, "ARGO004")] == [Severity.CRITICAL]
    rbac = app(
        "clusterResourceWhitelist:\n  - {group: 'rbac.authorization.k8s.io', kind: '*'}\n"
        "clusterResourceBlacklist:\n  - {group: 'rbac.authorization.k8s.io', kind: '*'}\n",
        kind="AppProject",
        name="p",
    )
    assert lint({"p.yaml": rbac}, "ARGO004") == []


def test_argo006_prod_project_policy_coverage(lint: Any) -> None:
    project = app(
        "sourceRepos: ['https://github.com/acme/gitops']\nsourceIntegrity:\n  git:\n    policies:\n"
        "      - repos: [{url: 'https://github.com/acme/*'}]\n        gpg: {mode: head, keys: [ABC]}\n",
        kind="AppProject",
        name="prod",
    )
    application = app("project: prod\n" + SOURCE + DEST, name="web-prod")
    found = lint({"p.yaml": project, "a.yaml": application}, "ARGO006")
    assert [(f.span.line, f.severity) for f in found] == [(12, Severity.LOW)] and "strict" in found[0].message
    uncovered = project.replace("acme/*", "other/*")
    found = lint({"p.yaml": uncovered, "a.yaml": application}, "ARGO006")
    assert [f.severity for f in found] == [Severity.MEDIUM]


def test_argo007_token_without_expiry(lint: Any) -> None:
    project = app(
        "roles:\n  - name: ci\n    jwtTokens:\n      - {iat: 1700000000}\n      - {iat: 1700000001, exp: 1800000000}\n",
        kind="AppProject",
        name="p",
    )
    assert where(lint({"p.yaml": project}, "ARGO007")) == [("ARGO007", "p.yaml", 10, 11)]


def test_argo008_branch_of_pattern_and_non_prod(lint: Any) -> None:
    prod = app(
        "project: web\nsource: {repoURL: https://github.com/acme/gitops, path: prod/web, targetRevision: "
        "release/2026.11}\n" + DEST,
        name="web-prod",
    )
    assert len(lint({"a.yaml": prod}, "ARGO008")) == 1
    staging = prod.replace("web-prod", "web-staging").replace("prod/web", "staging/web")
    assert lint({"a.yaml": staging}, "ARGO008") == []
    sha = prod.replace("release/2026.11", "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a")
    assert lint({"a.yaml": sha}, "ARGO008") == []


def test_argo009_missing_and_prerelease(lint: Any) -> None:
    chart = app("project: p\nsource: {repoURL: https://charts.example.com, chart: x}\n" + DEST)
    assert len(lint({"a.yaml": chart}, "ARGO009")) == 1
    pre = chart.replace("chart: x}", "chart: x, targetRevision: 1.2.3-0}")
    assert len(lint({"a.yaml": pre}, "ARGO009")) == 1


def test_argo010_repository_secret_with_credentials_is_critical(lint: Any) -> None:
    secret = f"""
apiVersion: v1
kind: Secret
metadata:
  name: repo
  namespace: argocd
  labels: {{argocd.argoproj.io/secret-type: repository}}
data:
  url: {base64.b64encode(b"https://git.example.com/acme/x").decode()}
  password: {base64.b64encode(b"token-value").decode()}
  insecure: {base64.b64encode(b"true").decode()}
"""
    found = lint({"s.yaml": secret}, "ARGO010")
    assert [(f.span.line, f.severity) for f in found] == [(10, Severity.CRITICAL)]
    assert "token-value" not in found[0].message


def test_argo010_loopback_is_fine(lint: Any) -> None:
    local = app("project: p\nsource: {repoURL: http://localhost:3000/acme/x.git, path: a, targetRevision: v1}\n" + DEST)
    assert lint({"a.yaml": local}, "ARGO010") == []


def test_argo013_destination_and_source_not_allowed(lint: Any) -> None:
    project = app(
        "sourceRepos: ['https://github.com/acme/other']\ndestinations:\n"
        "  - {server: https://kubernetes.default.svc, namespace: api}\n",
        kind="AppProject",
        name="p",
    )
    application = app("project: p\n" + SOURCE + DEST)
    found = lint({"p.yaml": project, "a.yaml": application}, "ARGO013")
    assert [(f.path, f.span.line, f.severity) for f in found] == [
        ("a.yaml", 8, Severity.MEDIUM),
        ("a.yaml", 9, Severity.MEDIUM),
    ]


def test_argo013_application_outside_argocd_namespace(lint: Any) -> None:
    project = app(
        "sourceRepos: ['*']\nsourceNamespaces: [team-a]\ndestinations:\n  - {server: '*', namespace: '*'}\n",
        kind="AppProject",
        name="p",
    )
    application = app("project: p\n" + SOURCE + DEST, namespace="team-b")
    found = lint({"p.yaml": project, "a.yaml": application}, "ARGO013")
    assert where(found) == [("ARGO013", "a.yaml", 5, 3)] and found[0].severity is Severity.HIGH


def test_argo014_risky_sync_options_are_low(lint: Any) -> None:
    options = app("project: p\n" + SOURCE + DEST + "syncPolicy:\n  syncOptions: [CreateNamespace=true, Replace=true]\n")
    found = lint({"a.yaml": options}, "ARGO014")
    assert [(f.span.line, f.severity) for f in found] == [(11, Severity.LOW)]


def test_argo015_source_and_sources_and_chart_with_path(lint: Any) -> None:
    both = app(
        "project: p\n" + SOURCE + "sources:\n  - {repoURL: https://c.example.com, chart: c, path: x, "
        "targetRevision: 1.0.0}\n" + DEST
    )
    found = lint({"a.yaml": both}, "ARGO015")
    assert sorted(f.span.line for f in found) == [9, 10]


def test_argo018_nested_matrix_generator(lint: Any) -> None:
    appset = app(
        """
generators:
  - matrix:
      generators:
        - clusters: {}
        - scmProvider: {allBranches: true, github: {organization: acme}}
template:
  metadata: {name: x}
  spec:
    project: p
    source: {repoURL: https://github.com/acme/x, path: deploy, targetRevision: HEAD}
    destination: {server: https://kubernetes.default.svc, namespace: x}
    syncPolicy: {automated: {}}
""",
        kind="ApplicationSet",
    )
    assert [f.span.line for f in lint({"s.yaml": appset}, "ARGO018")] == [11]


def test_argo020_local_admin_without_sso_and_custom_admin_role(lint: Any) -> None:
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: argocd-cm, namespace: argocd}\ndata:\n  url: https://cd\n"
    found = lint({"cm.yaml": cm}, "ARGO020")
    assert [(f.severity, f.span.line) for f in found] == [(Severity.MEDIUM, 4)]
    assert lint({"cm.yaml": cm + "  dex.config: 'connectors: []'\n"}, "ARGO020") == []
    rbac = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: argocd-rbac-cm, namespace: argocd}\ndata:\n"
        "  policy.default: role:ops\n  policy.csv: |\n    p, role:ops, applications, *, */*, allow\n"
    )
    assert len(lint({"rbac.yaml": rbac}, "ARGO020")) == 1
