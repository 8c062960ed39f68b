"""FLUX rules: cases beyond each rule's documented examples."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where


def flux(kind: str, group: str, spec: str, name: str = "x", namespace: str = "flux-system", version: str = "v1") -> str:
    body = "\n".join("  " + line for line in spec.strip("\n").splitlines())
    return (
        f"apiVersion: {group}.toolkit.fluxcd.io/{version}\nkind: {kind}\nmetadata:\n  name: {name}\n"
        f"  namespace: {namespace}\nspec:\n{body}\n"
    )


def test_flux001_removed_deprecated_and_flux_version(lint: Any) -> None:
    old = flux("GitRepository", "source", "url: https://github.com/acme/x", version="v1beta2")
    assert [f.severity for f in lint({"g.yaml": old}, "FLUX001")] == [Severity.HIGH]
    assert [f.severity for f in lint({"g.yaml": old}, "FLUX001", flux_version="2.7")] == [Severity.MEDIUM]
    image = flux("ImagePolicy", "image", "imageRepositoryRef: {name: x}", version="v1beta2")
    assert [f.severity for f in lint({"i.yaml": image}, "FLUX001")] == [Severity.MEDIUM]
    oci = flux("HelmRepository", "source", "url: oci://ghcr.io/acme\ntype: oci")
    assert [(f.severity, f.span.line) for f in lint({"h.yaml": oci}, "FLUX001")] == [(Severity.LOW, 8)]


def test_flux002_git_http_with_credentials_is_critical(lint: Any) -> None:
    repo = flux("GitRepository", "source", "url: http://git.example.com/acme/x\nsecretRef: {name: auth}")
    assert [(f.span.line, f.severity) for f in lint({"g.yaml": repo}, "FLUX002")] == [(7, Severity.CRITICAL)]
    local = flux("GitRepository", "source", "url: http://127.0.0.1:3000/acme/x")
    assert lint({"g.yaml": local}, "FLUX002") == []
    helm_insecure = flux("HelmRepository", "source", "url: https://charts.example.com\ninsecure: true")
    assert lint({"h.yaml": helm_insecure}, "FLUX002") == []  # insecure only matters for OCI repositories


def test_flux004_prod_default_branch(lint: Any) -> None:
    prod = flux("GitRepository", "source", "url: https://github.com/acme/x", name="apps-production")
    assert where(lint({"g.yaml": prod}, "FLUX004")) == [("FLUX004", "g.yaml", 7, 3)]
    assert lint({"g.yaml": prod.replace("apps-production", "apps-dev")}, "FLUX004") == []


def test_flux005_mode_does_not_fit_the_ref(lint: Any) -> None:
    repo = flux(
        "GitRepository",
        "source",
        "url: https://github.com/acme/x\nref: {tag: v1}\nverify: {mode: HEAD, secretRef: {name: keys}}",
    )
    assert [(f.span.line, f.severity) for f in lint({"g.yaml": repo}, "FLUX005")] == [(9, Severity.LOW)]


def test_flux007_oci_helm_chart_and_keyless(lint: Any) -> None:
    repo = flux("HelmRepository", "source", "url: oci://ghcr.io/acme/charts\ntype: oci", name="charts")
    release = flux(
        "HelmRelease",
        "helm",
        "chart:\n  spec:\n    chart: web\n    version: 1.0.0\n"
        "    sourceRef: {kind: HelmRepository, name: charts}\n    verify: {provider: cosign}",
        name="web",
        version="v2",
    )
    found = lint({"r.yaml": repo, "h.yaml": release}, "FLUX007")
    assert [(f.path, f.severity) for f in found] == [("h.yaml", Severity.HIGH)]


def test_flux009_and_010_multi_tenant(lint: Any) -> None:
    tenant = flux(
        "Kustomization",
        "kustomize",
        "path: ./t\nprune: true\nserviceAccountName: t\nsourceRef: {kind: GitRepository, name: t}",
        name="t",
        namespace="t",
    )
    other = flux(
        "Kustomization",
        "kustomize",
        "path: ./u\nprune: true\nsourceRef: {kind: GitRepository, name: platform, namespace: flux-system}",
        name="u",
        namespace="u",
    )
    files = {"t.yaml": tenant, "u.yaml": other}
    assert where(lint(files, "FLUX009")) == [("FLUX009", "u.yaml", 6, 1)]
    assert [f.severity for f in lint(files, "FLUX010")] == [Severity.HIGH]
    controller = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: kustomize-controller, namespace: flux-system}
spec:
  template:
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/kustomize-controller:v1.4.0
          args: ["--default-service-account=default", "--no-cross-namespace-refs=true"]
"""
    assert lint({**files, "c.yaml": controller}, "FLUX009") == []
    lockdown = lint({**files, "c.yaml": controller}, "FLUX015")
    assert ["--no-remote-bases" in f.message for f in lockdown] == [True]


def test_flux011_helm_upgrade_force(lint: Any) -> None:
    release = flux(
        "HelmRelease",
        "helm",
        "chart: {spec: {chart: x, version: 1.0.0, sourceRef: {kind: HelmRepository, name: r}}}\nupgrade: {force: true}",
        version="v2",
        namespace="apps",
    )
    assert [f.span.line for f in lint({"h.yaml": release}, "FLUX011")] == [8]


def test_flux013_secret_variable_in_configmap(lint: Any) -> None:
    kustomization = flux(
        "Kustomization",
        "kustomize",
        "path: ./apps\nprune: true\nsourceRef: {kind: GitRepository, "
        "name: flux-system}\npostBuild:\n  substituteFrom:\n    - {kind: Secret, name: vars}",
    )
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: vars, namespace: flux-system}\nstringData:\n  token: x\n"
    config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: apps}\ndata:\n  auth: 'Bearer ${token}'\n"
    found = lint({"ks.yaml": kustomization, "secret.yaml": secret, "apps/cm.yaml": config}, "FLUX013")
    assert [(f.path, f.span.line, f.span.col, f.severity) for f in found] == [("apps/cm.yaml", 5, 17, Severity.MEDIUM)]


def test_flux018_tag_marker_without_digest(lint: Any) -> None:
    deploy = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0 # {"$imagepolicy": "flux-system:web:tag"}
"""
    assert where(lint({"d.yaml": deploy}, "FLUX018")) == [("FLUX018", "d.yaml", 9, 41)]
    both = deploy.replace('"flux-system:web:tag"}', '"flux-system:web"}')
    assert lint({"d.yaml": both}, "FLUX018") == []


def _controller(name: str) -> str:
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: flux-system}}\nspec:\n"
        f"  template:\n    spec:\n      containers:\n        - name: manager\n"
        f"          image: ghcr.io/fluxcd/{name}:v1.0.0\n          args: [--watch-all-namespaces=true]\n"
    )


LOCKDOWN = """
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [gotk-components.yaml, gotk-sync.yaml]
patches:
  - target: {kind: Deployment, name: "(kustomize-controller|helm-controller)"}
    patch: |
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: --no-cross-namespace-refs=true
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: --default-service-account=default
  - target: {kind: Deployment, name: kustomize-controller}
    patch: |
      - op: add
        path: /spec/template/spec/containers/0/args/-
        value: --no-remote-bases=true
"""

TENANCY = {
    "clusters/production/flux-system/gotk-components.yaml": _controller("kustomize-controller")
    + "---\n"
    + _controller("helm-controller"),
    "clusters/production/flux-system/gotk-sync.yaml": flux(
        "GitRepository", "source", "url: https://github.com/acme/fleet\nref: {tag: v1}", name="flux-system"
    )
    + "---\n"
    + flux(
        "Kustomization",
        "kustomize",
        "path: ./clusters/production\nprune: true\nsourceRef: {kind: GitRepository, name: flux-system}",
        name="flux-system",
    ),
    "clusters/production/flux-system/kustomization.yaml": LOCKDOWN,
    "clusters/production/tenants.yaml": flux(
        "Kustomization",
        "kustomize",
        "path: ./tenants/production\nprune: true\nsourceRef: {kind: GitRepository, name: flux-system}",
        name="tenants",
    ),
    "tenants/production/kustomization.yaml": "resources: [../base/dev-team]\n",
    "tenants/base/dev-team/kustomization.yaml": "namespace: apps\nresources: [rbac.yaml, sync.yaml]\n",
    "tenants/base/dev-team/rbac.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: dev-team}\n",
    "tenants/base/dev-team/sync.yaml": flux(
        "GitRepository",
        "source",
        "url: https://github.com/acme/dev-team\nref: {tag: v1}",
        name="dev-team",
        namespace="apps",
    )
    + "---\n"
    + flux(
        "Kustomization",
        "kustomize",
        "path: ./deploy\nprune: true\nserviceAccountName: dev-team\nsourceRef: {kind: GitRepository, name: dev-team}",
        name="dev-team",
        namespace="apps",
    ),
}


def test_multi_tenant_layout_with_lockdown_patches(lint: Any) -> None:
    for rule in ("FLUX009", "FLUX010", "FLUX015"):
        assert lint(TENANCY, rule) == [], rule


def test_multi_tenant_layout_without_a_lockdown_flag(lint: Any) -> None:
    weaker = {
        **TENANCY,
        "clusters/production/flux-system/kustomization.yaml": LOCKDOWN.split(
            "  - target: {kind: Deployment, name: kustomize-controller}", maxsplit=1
        )[0],
    }
    found = lint(weaker, "FLUX015")
    assert [("kustomize-controller" in f.message, "--no-remote-bases" in f.message) for f in found] == [(True, True)]
    assert found[0].path == "clusters/production/flux-system/gotk-components.yaml"
