"""REPO rules: cases beyond each rule's documented examples."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where

THIS = "https://github.com/acme/gitops"
APP = """
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web, namespace: argocd}
spec:
  project: default
  sources:
    - repoURL: https://github.com/acme/gitops
      path: apps/web
      targetRevision: v1
      helm:
        valueFiles: [values-prod.yaml, $values/env/prod.yaml]
    - repoURL: https://github.com/acme/gitops
      targetRevision: v1
      ref: values
  destination: {server: https://kubernetes.default.svc, namespace: web}
"""
CHART = {"apps/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "apps/web/values.yaml": "a: 1\n"}


def test_repo001_argo_value_files_with_ref(lint: Any) -> None:
    found = lint({"app.yaml": APP, **CHART}, "REPO001", this_repo_urls=[THIS])
    assert [f.span.line for f in found] == [11, 11]
    present = {"apps/web/values-prod.yaml": "a: 2\n", "env/prod.yaml": "a: 3\n"}
    assert lint({"app.yaml": APP, **CHART, **present}, "REPO001", this_repo_urls=[THIS]) == []
    assert lint({"app.yaml": APP, **CHART}, "REPO001") == []  # not this repository: not path-checked


def test_repo001_ignore_missing_value_files_is_info(lint: Any) -> None:
    app = APP.replace("valueFiles:", "ignoreMissingValueFiles: true\n        valueFiles:")
    found = lint({"app.yaml": app, **CHART}, "REPO001", this_repo_urls=[THIS])
    assert {f.severity for f in found} == {Severity.INFO}


def test_repo001_missing_argo_path(lint: Any) -> None:
    found = lint({"app.yaml": APP}, "REPO001", this_repo_urls=[THIS])
    assert where(found) == [("REPO001", "app.yaml", 8, 7)]


def test_repo002_generator_file_and_directory_without_kustomization(lint: Any) -> None:
    kustomization = """
resources:
  - base
configMapGenerator:
  - name: c
    files: [conf=settings.conf]
"""
    found = lint({"overlay/kustomization.yaml": kustomization, "overlay/base/x.yaml": "a: 1\n"}, "REPO002")
    assert [(f.span.line, "directory" in f.message) for f in found] == [(2, True), (5, False)]


def test_repo003_unpinned_is_high(lint: Any) -> None:
    k = "resources:\n  - github.com/example/repo//deploy\n"
    assert [f.severity for f in lint({"kustomization.yaml": k}, "REPO003")] == [Severity.HIGH]


def test_repo004_argo_path_with_sops_and_ksops(lint: Any) -> None:
    sops_secret = (
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: 'ENC[AES256_GCM,data:x,"
        "iv:y,tag:z,type:str]'}\nsops:\n  mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]\n"
    )
    app = APP.replace("      helm:\n        valueFiles: [values-prod.yaml, $values/env/prod.yaml]\n", "")
    files = {
        "app.yaml": app,
        "apps/web/kustomization.yaml": "resources: [secret.yaml]\n",
        "apps/web/secret.yaml": sops_secret,
    }
    assert len(lint(files, "REPO004", this_repo_urls=[THIS])) == 1
    ksops = {
        "apps/web/kustomization.yaml": "resources: [secret.yaml]\ngenerators: [ksops.yaml]\n",
        "apps/web/ksops.yaml": "apiVersion: viaduct.ai/v1\nkind: ksops\nmetadata: {name: k}\nfiles: [s.yaml]\n",
    }
    assert lint({**files, **ksops}, "REPO004", this_repo_urls=[THIS]) == []


def test_repo006_optional_values_from_and_external_secret(lint: Any) -> None:
    release = """
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: web, namespace: apps}
spec:
  chart:
    spec: {chart: web, version: 1.0.0, sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}}
  valuesFrom:
    - {kind: Secret, name: web-values}
    - {kind: ConfigMap, name: extra, optional: true}
"""
    repository = (
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: charts, "
        "namespace: flux-system}\nspec: {url: https://charts.example.com}\n"
    )
    found = lint({"r.yaml": release, "repo.yaml": repository}, "REPO006")
    assert [f.span.line for f in found] == [8]
    external = (
        "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es, namespace: apps}"
        "\nspec: {target: {name: web-values}}\n"
    )
    assert lint({"r.yaml": release, "repo.yaml": repository, "es.yaml": external}, "REPO006") == []


def test_repo006_generated_artifact_and_bootstrap_source(lint: Any) -> None:
    kustomization = """
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  interval: 1h
  path: ./apps
  prune: true
  sourceRef: {kind: ExternalArtifact, name: apps}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: infra, namespace: flux-system}
spec:
  interval: 1h
  path: ./infra
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}
"""
    generator = """
apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata: {name: split, namespace: flux-system}
spec:
  sources: [{alias: repo, kind: GitRepository, name: flux-system}]
  artifacts:
    - name: apps
      copy: [{from: "@repo/apps/**", to: "@artifact/"}]
"""
    found = lint({"ks.yaml": kustomization}, "REPO006")
    assert [(f.span.line, "ExternalArtifact" in f.message) for f in found] == [(8, True)]
    assert lint({"ks.yaml": kustomization, "gen.yaml": generator}, "REPO006") == []


def test_repo007_raw_argo_path(lint: Any) -> None:
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: web}\n"
    app = APP.replace("      helm:\n        valueFiles: [values-prod.yaml, $values/env/prod.yaml]\n", "")
    found = lint({"app.yaml": app, "apps/web/a.yaml": cm, "apps/web/sub/b.yaml": cm}, "REPO007", this_repo_urls=[THIS])
    assert where(found) == [("REPO007", "apps/web/sub/b.yaml", 3, 12)]


def _flux_path(name: str, path: str) -> str:
    return (
        f"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {{name: {name}, namespace: "
        f"flux-system}}\nspec: {{interval: 1h, prune: true, path: {path}, sourceRef: {{kind: GitRepository, "
        "name: flux-system}}\n"
    )


def test_repo008_two_overlays_on_one_cluster(lint: Any) -> None:
    base = {
        "base/kustomization.yaml": "resources: [cm.yaml]\n",
        "base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        "a/kustomization.yaml": "namespace: shared\nresources: [../base]\n",
        "b/kustomization.yaml": "namespace: shared\nresources: [../base]\n",
    }
    # Without a deploy object the two overlays are taken as variants for different environments.
    assert lint(base, "REPO008") == []
    one_cluster = {**base, "clusters/p/a.yaml": _flux_path("a", "./a"), "clusters/p/b.yaml": _flux_path("b", "./b")}
    found = lint(one_cluster, "REPO008")
    assert where(found) == [("REPO008", "base/cm.yaml", 3, 12)] and "a/kustomization.yaml" in found[0].message
    two_clusters = {**base, "clusters/p/a.yaml": _flux_path("a", "./a"), "clusters/q/b.yaml": _flux_path("b", "./b")}
    assert lint(two_clusters, "REPO008") == []
    separate = {**one_cluster, "b/kustomization.yaml": "namespace: other\nresources: [../base]\n"}
    assert lint(separate, "REPO008") == []
    stray = {**base, "stray.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shared}\n"}
    assert where(lint(stray, "REPO008")) == [("REPO008", "stray.yaml", 3, 12)]
    # Without a namespace, where each copy lands depends on the deploy tool.
    unplaced = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    assert lint({"one/cm.yaml": unplaced, "two/cm.yaml": unplaced}, "REPO008") == []


def test_repo008_cluster_reached_through_nested_kustomizations_and_artifacts(lint: Any) -> None:
    generator = """
apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata: {name: split, namespace: flux-system}
spec:
  sources: [{alias: repo, kind: GitRepository, name: flux-system}]
  artifacts:
    - name: apps
      copy: [{from: "@repo/deploy/**", to: "@artifact/"}]
"""
    via_artifact = _flux_path("apps", "./web").replace(
        "GitRepository, name: flux-system", "ExternalArtifact, name: apps"
    )
    files = {
        "clusters/p/gen.yaml": generator,
        "clusters/p/apps.yaml": via_artifact,
        "clusters/p/infra.yaml": _flux_path("infra", "./infra"),
        "deploy/web/kustomization.yaml": "resources: [cm.yaml]\n",
        "deploy/web/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: web}\n",
    }
    assert lint(files, "REPO008") == []
    files["infra/other/kustomization.yaml"] = "resources: [../../deploy/web]\n"
    files["infra/more.yaml"] = _flux_path("other", "./infra/other")
    # deploy/web reaches cluster p only through the artifact, infra/other only through infra/more.yaml.
    found = lint(files, "REPO008")
    assert [f.path for f in found] == ["deploy/web/cm.yaml"]


def test_repo009_off_by_default_and_exemptions(lint: Any) -> None:
    files = {
        "clusters/p/apps.yaml": "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        "metadata: {name: a, namespace: flux-system}\nspec: {path: ./apps}\n",
        "apps/kustomization.yaml": "resources: [a.yaml]\n",
        "apps/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "apps/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
    }
    assert [f.path for f in lint(files, "REPO009")] == ["apps/b.yaml"]


def test_repo010_last_match_wins(lint: Any) -> None:
    owners = "* @acme/platform\n/Dockerfile\n"
    found = lint({".github/CODEOWNERS": owners, "Dockerfile": "FROM a:1\n"}, "REPO010")
    assert len(found) == 1 and "Dockerfile" in found[0].message


def test_repo001_applicationset_git_generator_resolved_against_this_repo(lint: Any) -> None:
    appset = """
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: apps, namespace: argocd}
spec:
  generators:
    - git:
        repoURL: https://github.com/acme/gitops
        revision: v1
        directories:
          - path: apps/*
          - path: services/*
  template:
    metadata: {name: "{{path.basename}}"}
    spec:
      project: default
      source: {repoURL: https://github.com/acme/gitops, path: "{{path}}", targetRevision: v1}
      destination: {server: https://kubernetes.default.svc, namespace: "{{path.basename}}"}
"""
    files = {"appset.yaml": appset, "apps/web/kustomization.yaml": "resources: []\n"}
    found = lint(files, "REPO001", this_repo_urls=[THIS])
    assert [(f.span.line, "services/*" in f.message) for f in found] == [(11, True)]
