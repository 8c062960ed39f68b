"""REG rules and the image reference parser."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from linter.imageref import parse_image
from tests.conftest import audit_tree, where


@pytest.mark.parametrize(
    ("text", "name", "tag", "digest"),
    [
        ("nginx", "docker.io/library/nginx", None, None),
        ("nginx:1.27", "docker.io/library/nginx", "1.27", None),
        ("index.docker.io/bitnami/redis:7", "docker.io/bitnami/redis", "7", None),
        ("localhost:5000/app:dev", "localhost:5000/app", "dev", None),
        ("ghcr.io/acme/api@sha256:" + "a" * 64, "ghcr.io/acme/api", None, "sha256:" + "a" * 64),
        (
            "registry.example.com:8443/team/app:2.0@sha256:" + "b" * 64,
            "registry.example.com:8443/team/app",
            "2.0",
            "sha256:" + "b" * 64,
        ),
    ],
)
def test_parse_image(text: str, name: str, tag: str | None, digest: str | None) -> None:
    ref = parse_image(text)
    assert ref is not None and (ref.name, ref.tag, ref.digest) == (name, tag, digest)


def test_templated_images_are_skipped() -> None:
    assert parse_image("${REGISTRY}/app:1") is None
    assert parse_image("{{ .Values.image }}") is None


def test_allowlist_matches_on_path_boundaries() -> None:
    ref = parse_image("ghcr.io/acme-evil/x:1")
    assert ref is not None and not ref.under("ghcr.io/acme") and ref.under("ghcr.io")
    assert not ref.under("ghcr.io/acme*") and ref.under("ghcr.io/acme-evil/*") and ref.under("GHCR.io/")
    hub = parse_image("nginx")
    assert hub is not None and hub.under("index.docker.io/library") and not hub.under("docker.io/lib")


def test_reg001_from_copy_and_mount(lint: Any) -> None:
    dockerfile = """
    ARG BASE=python
    FROM ${BASE} AS build
    RUN --mount=type=bind,from=ghcr.io/acme/cache,target=/c true
    FROM build AS test
    FROM gcr.io/distroless/static:nonroot
    COPY --from=build /a /a
    COPY --from=docker.io/library/alpine:latest /etc/ssl /etc/ssl
    COPY --from=0 /b /b
    """
    found = lint({"Dockerfile": dockerfile}, "REG001")
    assert where(found) == [
        ("REG001", "Dockerfile", 2, 6),
        ("REG001", "Dockerfile", 3, 28),
        ("REG001", "Dockerfile", 7, 13),
    ]
    assert found[0].stage == "build"


def test_reg001_passes_with_tags_digests_scratch_and_unresolved(lint: Any) -> None:
    dockerfile = """
    FROM python:3.12-slim AS a
    FROM scratch
    FROM ${UNSET_IMAGE}
    FROM alpine@sha256:%s
    """ % ("c" * 64)
    assert lint({"Dockerfile": dockerfile}, "REG001") == []


def test_reg004_latest_and_missing_tag(lint: Any) -> None:
    pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: app
          image: ghcr.io/acme/app:latest
        - name: pinned
          image: ghcr.io/acme/app:1.2.3
        - name: digest
          image: ghcr.io/acme/app@sha256:%s
        - name: templated
          image: "{{ .Values.image }}"
    """ % ("d" * 64)
    found = lint({"p.yaml": pod}, "REG004")
    assert where(found) == [("REG004", "p.yaml", 7, 7), ("REG004", "p.yaml", 10, 7)]
    assert "no tag" in found[0].message and ":latest" in found[1].message


DIGEST = "sha256:" + "e" * 64


def rules_of(tmp_path: Path, files: dict[str, str], *rules: str, **settings: object) -> list[tuple[str, str, int, int]]:
    """Where several rules fire together (precedence between them applied)."""
    audit = audit_tree(tmp_path, files, select=list(rules), **settings)
    assert not audit.result.errors, audit.result.errors
    return where(audit.result.findings)


def test_reg002_tag_without_digest(lint: Any) -> None:
    dockerfile = f"""
    FROM python:3.12.7-slim AS build
    COPY --from=ghcr.io/acme/tools:1.8.0 /bin/tool /bin/tool
    RUN --mount=type=cache,target=/c --mount=from=ghcr.io/acme/cache:2,target=/x true
    FROM gcr.io/distroless/python3@{DIGEST}
    FROM alpine:3.20@sha256:ABC
    """
    found = lint({"Dockerfile": dockerfile}, "REG002")
    assert where(found) == [
        ("REG002", "Dockerfile", 1, 6),
        ("REG002", "Dockerfile", 2, 13),
        ("REG002", "Dockerfile", 3, 47),
        ("REG002", "Dockerfile", 5, 6),  # an upper-case, truncated digest is no pin
    ]
    assert "python:3.12.7-slim" in found[0].message and "@sha256" in found[0].message


def test_reg002_leaves_latest_to_reg001(tmp_path: Path) -> None:
    dockerfile = "FROM node\nFROM node:22.11\n"
    assert rules_of(tmp_path, {"Dockerfile": dockerfile}, "REG001", "REG002") == [
        ("REG001", "Dockerfile", 1, 6),
        ("REG002", "Dockerfile", 2, 6),
    ]


def test_reg002_arg_default_substituted(lint: Any) -> None:
    dockerfile = f"""
    ARG BASE=python:3.12@{DIGEST}
    ARG OTHER=python:3.12
    FROM ${{BASE}}
    FROM ${{OTHER}}
    FROM $UNKNOWN
    """
    assert where(lint({"Dockerfile": dockerfile}, "REG002")) == [("REG002", "Dockerfile", 4, 6)]


POD = """
apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  containers:
    - name: app
      image: {image}
"""


@pytest.mark.parametrize(
    ("image", "fires"),
    [
        # Checkov CKV_K8S_43 "Image should use digest": fails without `@`, passes with a digest.
        ("nginx:1.27.2", True),
        ("ghcr.io/acme/app:1.2.3", True),
        (f"nginx@{DIGEST}", False),
        (f"nginx:1.27.2@{DIGEST}", False),
        ("'{{ .Values.image }}'", False),
    ],
)
def test_reg005_same_verdict_as_checkov_ckv_k8s_43(lint: Any, image: str, fires: bool) -> None:
    found = lint({"p.yaml": POD.format(image=image)}, "REG005")
    assert where(found) == ([("REG005", "p.yaml", 7, 7)] if fires else [])


def test_reg005_leaves_latest_to_reg004(tmp_path: Path) -> None:
    pod = POD.format(image="nginx:latest") + "    - name: side\n      image: nginx:1.27\n"
    assert rules_of(tmp_path, {"p.yaml": pod}, "REG004", "REG005") == [
        ("REG004", "p.yaml", 7, 7),
        ("REG005", "p.yaml", 9, 7),
    ]


KUSTOMIZED = {
    "base/kustomization.yaml": "resources: [pod.yaml]\n",
    "base/pod.yaml": POD.format(image="ghcr.io/acme/app:1.0.0"),
    "overlays/{env}/kustomization.yaml": """
    resources: [../../base]
    images:
      - name: ghcr.io/acme/app
        newTag: 1.2.0
    """,
}


def kustomized(env: str) -> dict[str, str]:
    return {path.format(env=env): text for path, text in KUSTOMIZED.items()}


def test_reg005_leaves_production_kustomize_overrides_to_reg009(tmp_path: Path) -> None:
    found = rules_of(tmp_path, kustomized("production"), "REG005", "REG009")
    assert found == [("REG009", "overlays/production/kustomization.yaml", 4, 5)]
    # Without REG009 the rendered container is reported where its tag is decided.
    assert rules_of(tmp_path / "alone", kustomized("production"), "REG005") == [
        ("REG005", "overlays/production/kustomization.yaml", 4, 5)
    ]


def test_reg005_reports_non_production_overrides(tmp_path: Path) -> None:
    assert rules_of(tmp_path, kustomized("staging"), "REG005", "REG009") == [
        ("REG005", "overlays/staging/kustomization.yaml", 4, 5)
    ]


def test_reg009_images_and_helm_charts(lint: Any) -> None:
    kustomization = f"""
    namespace: shop
    images:
      - name: ghcr.io/acme/api
        newTag: 2.4.1
      - name: ghcr.io/acme/worker
        newName: registry.acme.io/acme/worker
      - name: ghcr.io/acme/web
        newTag: 2.4.1@{DIGEST}
      - name: ghcr.io/acme/jobs
        newTag: "7"
        digest: {DIGEST}
      - name: ghcr.io/acme/only-digest
        digest: {DIGEST}
    helmCharts:
      - name: redis
        version: 19.x
      - name: pg
        version: ">=15.0.0"
      - name: nats
      - name: exact
        version: 1.2.3
      - name: float
        version: 1.2
    """
    found = lint({"clusters/prod/kustomization.yaml": kustomization}, "REG009")
    assert where(found) == [
        ("REG009", "clusters/prod/kustomization.yaml", 4, 5),
        ("REG009", "clusters/prod/kustomization.yaml", 6, 5),
        ("REG009", "clusters/prod/kustomization.yaml", 15, 5),
        ("REG009", "clusters/prod/kustomization.yaml", 17, 5),
        ("REG009", "clusters/prod/kustomization.yaml", 19, 5),
    ]
    assert "newTag '2.4.1'" in found[0].message and "newName" in found[1].message
    assert "19.x" in found[2].message and "no version" in found[4].message


def test_reg009_only_production(lint: Any) -> None:
    kustomization = """
    images:
      - name: ghcr.io/acme/api
        newTag: 2.4.1
    """
    assert lint({"overlays/staging/kustomization.yaml": kustomization}, "REG009") == []
    named = "namespace: payments-prod\n" + textwrap.dedent(kustomization).lstrip()
    assert where(lint({"overlays/eu/kustomization.yaml": named}, "REG009")) == [
        ("REG009", "overlays/eu/kustomization.yaml", 4, 5)
    ]


def test_reg009_odd_shapes_are_skipped(lint: Any) -> None:
    kustomization = """
    namespace: prod
    images: {name: x}
    helmCharts:
      - just-a-string
      - {version: 1.0.0}
    """
    assert where(lint({"prod/kustomization.yaml": kustomization}, "REG009")) == []


TRUSTED = ["ghcr.io/acme", "docker.io/library", "registry.k8s.io"]


def test_reg003_untrusted_base_images(lint: Any) -> None:
    dockerfile = """
    FROM python:3.12 AS build
    FROM ghcr.io/acme-evil/base:1 AS evil
    COPY --from=quay.io/tools/jq:1.7 /jq /jq
    FROM index.docker.io/library/alpine:3.20
    FROM ghcr.io/acme/base/python:3.12
    FROM bitnami/python:3.12
    FROM build
    """
    found = lint({"Dockerfile": dockerfile}, "REG003", trusted_registries=TRUSTED)
    assert where(found) == [
        ("REG003", "Dockerfile", 2, 6),
        ("REG003", "Dockerfile", 3, 13),
        ("REG003", "Dockerfile", 6, 6),
    ]
    assert "'ghcr.io/acme-evil/base'" in found[0].message and "docker.io/bitnami/python" in found[2].message


def test_reg003_silent_without_trusted_registries(lint: Any) -> None:
    assert lint({"Dockerfile": "FROM quay.io/x/y:1\n"}, "REG003") == []


@pytest.mark.parametrize(
    ("image", "fires"),
    [
        # hadolint DL3026 with `trustedRegistries: [docker.io]`: `FROM quay.io/x/y` fails,
        # `FROM debian:12` (Docker Hub) passes; the same verdicts with `docker.io` trusted here.
        ("quay.io/x/y:1", True),
        ("debian:12", False),
        ("docker.io/bitnami/redis:7", False),
    ],
)
def test_reg003_same_verdict_as_hadolint_dl3026(lint: Any, image: str, fires: bool) -> None:
    found = lint({"Dockerfile": f"FROM {image}\n"}, "REG003", trusted_registries=["docker.io"])
    assert where(found) == ([("REG003", "Dockerfile", 1, 6)] if fires else [])


def test_reg006_workloads_kustomize_and_argo_overrides(lint: Any) -> None:
    files = {
        "apps/pod.yaml": """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
          containers:
            - name: app
              image: quay.io/acme/app:1
            - name: ok
              image: ghcr.io/acme/app:1
            - name: templated
              image: "${REGISTRY}/app:1"
        """,
        "overlay/kustomization.yaml": """
        images:
          - name: ghcr.io/acme/app
            newName: docker.io/acmecorp/app
          - name: busybox
            newTag: "1.37"
        """,
        "argo/app.yaml": """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: a, namespace: argocd}
        spec:
          source:
            repoURL: https://github.com/acme/deploy
            path: app
            kustomize:
              images:
                - ghcr.io/acme/app=quay.io/mirror/app:2
                - ghcr.io/acme/app:3
        """,
    }
    found = lint(files, "REG006", trusted_registries=TRUSTED)
    assert where(found) == [
        ("REG006", "apps/pod.yaml", 10, 7),
        ("REG006", "argo/app.yaml", 10, 11),
        ("REG006", "overlay/kustomization.yaml", 3, 5),
    ]
    assert found[0].message.startswith('container "app" image')
    assert "quay.io/mirror/app" in found[1].message and "docker.io/acmecorp/app" in found[2].message


def test_reg006_renamed_by_an_overlay_is_reported_at_the_entry(lint: Any) -> None:
    files = {
        "base/kustomization.yaml": "resources: [pod.yaml]\n",
        "base/pod.yaml": POD.format(image="ghcr.io/acme/app:1"),
        "overlay/kustomization.yaml": """
        resources: [../base]
        images:
          - name: ghcr.io/acme/app
            newName: quay.io/other/app
            newTag: "2"
        """,
    }
    found = lint(files, "REG006", trusted_registries=TRUSTED)
    assert where(found) == [("REG006", "overlay/kustomization.yaml", 4, 5)]


def test_reg006_silent_without_trusted_registries(lint: Any) -> None:
    assert lint({"p.yaml": POD.format(image="quay.io/x/y:1")}, "REG006") == []


def test_reg007_frozen_registries_everywhere(lint: Any) -> None:
    files = {
        "Dockerfile": """
        FROM k8s.gcr.io/build-image/debian-base:bookworm-v1.0.0 AS base
        COPY --from=docker.pkg.github.com/acme/tools/cli:1 /cli /cli
        FROM registry.k8s.io/pause:3.9
        """,
        "pod.yaml": """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              image: gcr.io/google_containers/pause:3.2
            - name: b
              image: gcr.io/google-containers/busybox:1.27
            - name: c
              image: gcr.io/google-samples/hello-app:1.0
            - name: d
              image: k8s.gcr.io.evil.io/pause:3.9
        """,
        "kustomization.yaml": """
        images:
          - name: metrics-server
            newName: k8s.gcr.io/metrics-server/metrics-server
        """,
    }
    found = lint(files, "REG007")
    assert where(found) == [
        ("REG007", "Dockerfile", 1, 6),
        ("REG007", "Dockerfile", 2, 13),
        ("REG007", "kustomization.yaml", 3, 5),
        ("REG007", "pod.yaml", 7, 7),
        ("REG007", "pod.yaml", 9, 7),
    ]
    assert "registry.k8s.io/build-image/debian-base" in found[0].message
    assert "ghcr.io/acme/cli " in found[1].message  # the repository component is not part of the new name
    assert found[3].message.startswith('container "a" image')


@pytest.mark.parametrize(
    ("image", "fires"),
    [
        # Kubescape C-0253 "Deprecated Kubernetes image registry": k8s.gcr.io fails, registry.k8s.io passes.
        ("k8s.gcr.io/kube-proxy:v1.25.0", True),
        ("registry.k8s.io/kube-proxy:v1.25.0", False),
    ],
)
def test_reg007_same_verdict_as_kubescape_c0253(lint: Any, image: str, fires: bool) -> None:
    found = lint({"p.yaml": POD.format(image=image)}, "REG007")
    assert where(found) == ([("REG007", "p.yaml", 7, 7)] if fires else [])


@pytest.mark.parametrize(
    ("image", "policy", "line"),
    [
        # Checkov CKV_K8S_15 "Image Pull Policy should be Always": the same verdicts for tags.
        ("nginx:1.27", "", 7),  # absent: Kubernetes defaults to IfNotPresent for a version tag
        ("nginx:1.27", "IfNotPresent", 8),
        ("nginx:1.27", "Never", 8),
        ("nginx:1.27", "Always", None),
        ("nginx:latest", "", None),  # absent: defaults to Always
        # Deliberate difference: Checkov fails a digest with IfNotPresent; a digest cannot go stale.
        (f"nginx@{DIGEST}", "IfNotPresent", None),
        ("nginx:1.27", "'{{ .Values.pullPolicy }}'", None),
    ],
)
def test_reg008_against_checkov_ckv_k8s_15(lint: Any, image: str, policy: str, line: int | None) -> None:
    pod = POD.format(image=image) + (f"      imagePullPolicy: {policy}\n" if policy else "")
    found = lint({"p.yaml": pod}, "REG008")
    assert where(found) == ([("REG008", "p.yaml", line, 7)] if line else [])


def test_reg008_leaves_latest_to_reg004(tmp_path: Path) -> None:
    pod = POD.format(image="nginx:latest") + "      imagePullPolicy: IfNotPresent\n"
    assert rules_of(tmp_path, {"p.yaml": pod}, "REG004", "REG008") == [("REG004", "p.yaml", 7, 7)]
    assert rules_of(tmp_path / "alone", {"p.yaml": pod}, "REG008") == [("REG008", "p.yaml", 8, 7)]


ARGO_APP = """
apiVersion: argoproj.io/v1alpha1
kind: {kind}
metadata:
  name: {name}
  namespace: argocd
spec:
{spec}
"""


def argo_app(name: str, spec: str, kind: str = "Application") -> str:
    return ARGO_APP.format(kind=kind, name=name, spec=textwrap.indent(textwrap.dedent(spec).strip("\n"), "  "))


def test_reg010_kustomize_images_and_helm_parameters(lint: Any) -> None:
    app = argo_app(
        "shop-production",
        f"""
        sources:
          - repoURL: https://github.com/acme/deploy
            path: shop
            kustomize:
              images:
                - ghcr.io/acme/shop:2.4.1
                - ghcr.io/acme/cart=ghcr.io/acme/cart:1.0@{DIGEST}
                - ghcr.io/acme/api@sha256:abc
          - repoURL: https://charts.acme.io
            chart: web
            targetRevision: 1.2.3
            helm:
              parameters:
                - name: image.tag
                  value: 2.4.1
                - name: sidecar.imageTag
                  value: v3
                - name: worker.image.tag
                  value: "1.0"
                - name: worker.image.digest
                  value: {DIGEST}
                - name: ui.TAG
                  value: 2.0@{DIGEST}
                - name: replicaCount
                  value: "3"
                - name: empty.tag
                  value: ""
        """,
    )
    found = lint({"argo/app.yaml": app}, "REG010")
    assert where(found) == [
        ("REG010", "argo/app.yaml", 12, 13),
        ("REG010", "argo/app.yaml", 14, 13),
        ("REG010", "argo/app.yaml", 21, 13),
        ("REG010", "argo/app.yaml", 23, 13),
    ]
    assert "'image.tag'" in found[2].message and "image.digest" in found[2].message


def test_reg010_only_production_and_appset_templates(lint: Any) -> None:
    spec = """
    source:
      repoURL: https://github.com/acme/deploy
      path: shop
      kustomize:
        images: [ghcr.io/acme/shop:2.4.1]
    destination:
      namespace: shop
    """
    assert lint({"apps/shop.yaml": argo_app("shop-staging", spec)}, "REG010") == []
    appset = argo_app(
        "shop",
        """
        generators: []
        template:
          metadata: {name: shop}
          spec:
            source:
              repoURL: https://github.com/acme/deploy
              path: shop
              kustomize:
                images: [ghcr.io/acme/shop:2.4.1, "ghcr.io/acme/x:{{tag}}"]
            destination:
              namespace: production
        """,
        kind="ApplicationSet",
    )
    assert where(lint({"apps/shop.yaml": appset}, "REG010")) == [("REG010", "apps/shop.yaml", 15, 20)]


def deployment(*images: str) -> str:
    containers = "".join(f"    - name: c{i}\n      image: {image}\n" for i, image in enumerate(images))
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n" + containers


def severities(found: list[Any]) -> list[str]:
    return [f.severity.label for f in found]


def test_reg011_github_actions_builds(lint: Any) -> None:
    files = {
        ".github/workflows/build.yml": """
        on: push
        jobs:
          api:
            runs-on: ubuntu-latest
            steps:
              - id: meta
                uses: docker/metadata-action@v5
                with:
                  images: |
                    ghcr.io/acme/web
              - uses: docker/build-push-action@v6
                with:
                  context: services/web
                  file: services/web/Containerfile
                  tags: ${{ steps.meta.outputs.tags }}
              - uses: docker/build-push-action@v6
                with:
                  context: services/api
                  tags: |
                    ghcr.io/acme/api:${{ github.sha }}
                    ghcr.io/acme/api:latest
              - run: |
                  docker build -t ghcr.io/acme/worker:${{ github.sha }} -f services/worker/Dockerfile services/worker
                  docker buildx build --platform linux/amd64 --tag=ghcr.io/acme/cron:1 services/cron
                  docker build -t ghcr.io/acme/ghost:1 services/ghost
        """,
        "services/web/Containerfile": "FROM scratch\n",
        "services/api/Dockerfile": "FROM scratch\n",
        "services/worker/Dockerfile": "FROM scratch\n",
        "services/cron/Dockerfile": "FROM scratch\n",
        "deploy/pod.yaml": deployment(
            "ghcr.io/acme/web:1.0.0",
            "ghcr.io/acme/api",
            "ghcr.io/acme/worker:main",
            "ghcr.io/acme/cron:latest",
            f"ghcr.io/acme/api:1.0.0@{DIGEST}",
            "ghcr.io/acme/ghost:1",  # its Dockerfile is not in the repository
            "ghcr.io/other/web:1",
        ),
    }
    found = lint(files, "REG011")
    assert where(found) == [("REG011", "deploy/pod.yaml", line, 7) for line in (7, 9, 11, 13)]
    assert severities(found) == ["medium", "high", "high", "high"]
    assert "services/web/Containerfile" in found[0].message and ".github/workflows/build.yml" in found[0].message
    assert "'main'" in found[2].message


def test_reg011_gitlab_kaniko_bake_and_skaffold(lint: Any) -> None:
    files = {
        ".gitlab-ci.yml": """
        build:
          image: gcr.io/kaniko-project/executor:debug
          script:
            - >-
              /kaniko/executor --context $CI_PROJECT_DIR/api --dockerfile $CI_PROJECT_DIR/api/Dockerfile
              --destination registry.acme.io/shop/api:$CI_COMMIT_SHA
        """,
        "docker-bake.hcl": """
        target "web" {
          context = "web"
          dockerfile = "Dockerfile.prod"
          tags = ["registry.acme.io/shop/web:dev", "registry.acme.io/shop/web:1"]
        }
        """,
        "tools/skaffold.yaml": """
        apiVersion: skaffold/v4beta11
        kind: Config
        build:
          artifacts:
            - image: registry.acme.io/shop/jobs
              context: ../jobs
        """,
        "api/Dockerfile": "FROM scratch\n",
        "web/Dockerfile.prod": "FROM scratch\n",
        "jobs/Dockerfile": "FROM scratch\n",
        "deploy/pod.yaml": deployment(
            "registry.acme.io/shop/api:2.0", "registry.acme.io/shop/web:2.0", "registry.acme.io/shop/jobs:2.0"
        ),
    }
    found = lint(files, "REG011")
    assert where(found) == [("REG011", "deploy/pod.yaml", line, 7) for line in (7, 9, 11)]
    assert ".gitlab-ci.yml" in found[0].message and "docker-bake.hcl" in found[1].message
    assert "tools/skaffold.yaml" in found[2].message


def test_reg011_labels_directory_names_and_configuration(lint: Any) -> None:
    files = {
        "images/api/Dockerfile": """
        FROM scratch
        LABEL org.opencontainers.image.source="https://github.com/Acme/api"
        """,
        "images/status/Dockerfile": 'FROM scratch\nLABEL org.opencontainers.image.title="status-board"\n',
        "images/billing/Dockerfile": "FROM scratch\n",
        "images/nginx/Dockerfile": "FROM scratch\n",
        "legacy/tool/Dockerfile": "FROM scratch\n",
        "deploy/pod.yaml": deployment(
            "ghcr.io/acme/api:3",
            "quay.io/acme/status-board:3",
            "ghcr.io/acme/billing:3",  # directory name, in the namespace the source label mapped
            "docker.io/library/nginx:1.27",  # directory name, but another namespace
            "registry.acme.io/tools/tool:1",  # configured
        ),
    }
    found = lint(files, "REG011", image_build_map={"legacy/tool/Dockerfile": "registry.acme.io/tools/tool"})
    assert where(found) == [("REG011", "deploy/pod.yaml", line, 7) for line in (7, 9, 11, 15)]
    assert "OCI source label" in found[0].message and "OCI title label" in found[1].message
    assert "directory name" in found[2].message and "image_build_map" in found[3].message


def test_reg011_kustomize_entries_and_argo_overrides(lint: Any) -> None:
    files = {
        "apps/api/Dockerfile": "FROM scratch\n",
        "apps/api/base/kustomization.yaml": "resources: [pod.yaml]\n",
        "apps/api/base/pod.yaml": deployment(f"ghcr.io/acme/api@{DIGEST}"),
        "apps/api/overlays/dev/kustomization.yaml": """
        resources: [../../base]
        images:
          - name: ghcr.io/acme/api
            newTag: develop
        """,
        "apps/api/component/kustomization.yaml": """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        images:
          - name: ghcr.io/acme/api
            newTag: "2.0"
        """,
        "argo/app.yaml": argo_app(
            "api",
            """
            source:
              repoURL: https://github.com/acme/deploy
              path: apps/api/overlays/dev
              kustomize:
                images: ["ghcr.io/acme/api:2.1"]
            """,
        ),
    }
    found = lint(files, "REG011", image_build_map={"apps/api/Dockerfile": "ghcr.io/acme/api"})
    assert where(found) == [
        ("REG011", "apps/api/component/kustomization.yaml", 5, 5),
        ("REG011", "apps/api/overlays/dev/kustomization.yaml", 4, 5),  # once, for the rendered pod
        ("REG011", "argo/app.yaml", 11, 16),
    ]
    assert severities(found) == ["medium", "high", "medium"]


def test_reg011_takes_precedence_over_reg004_and_reg005(tmp_path: Path) -> None:
    files = {
        "api/Dockerfile": "FROM scratch\n",
        "pod.yaml": deployment("ghcr.io/acme/api:latest", "ghcr.io/acme/api:1.0", "ghcr.io/acme/other:1.0"),
    }
    mapping = {"api/Dockerfile": "ghcr.io/acme/api"}
    assert rules_of(tmp_path, files, "REG004", "REG005", "REG011", image_build_map=mapping) == [
        ("REG011", "pod.yaml", 7, 7),
        ("REG011", "pod.yaml", 9, 7),
        ("REG005", "pod.yaml", 11, 7),
    ]


def test_reg011_silent_without_builds(lint: Any) -> None:
    files = {"api/Dockerfile": "FROM scratch\n", "pod.yaml": deployment("ghcr.io/acme/api:latest")}
    assert lint(files, "REG011") == []


def test_reg012_client_configuration_files(lint: Any) -> None:
    files = {
        "hosts/docker/daemon.json": '{\n  "insecure-registries": ["localhost:5000", "10.0.0.5:5000"]\n}\n',
        "hosts/containerd/config.toml": """
        version = 2
        [plugins."io.containerd.grpc.v1.cri".registry.configs."registry.acme.internal".tls]
          insecure_skip_verify = true
        [plugins."io.containerd.grpc.v1.cri".registry.configs."127.0.0.1:5000".tls]
          insecure_skip_verify = true
        """,
        "hosts/containerd/certs.d/registry.acme.internal/hosts.toml": """
        server = "http://registry.acme.internal"
        [host."https://mirror.acme.internal"]
          capabilities = ["pull"]
          skip_verify = true
        """,
        "hosts/containers/registries.conf": """
        [[registry]]
        location = "localhost:5000"
        insecure = true
        [[registry]]
        location = "registry.acme.internal"
        insecure = true
        """,
        "hosts/k3s/registries.yaml": """
        mirrors:
          docker.io:
            endpoint:
              - "http://mirror.acme.internal:5000"
              - "https://mirror.acme.internal"
        configs:
          registry.acme.internal:
            tls:
              insecure_skip_verify: true
        """,
        "hosts/buildkit/buildkitd.toml": """
        [registry."registry.acme.internal"]
          http = true
        [registry."localhost:5000"]
          insecure = true
        """,
        "charts/web/Chart.yaml": """
        apiVersion: v2
        name: web
        version: 1.0.0
        dependencies:
          - name: redis
            version: 19.6.4
            repository: http://charts.acme.internal
          - name: common
            version: 2.0.0
            repository: https://charts.bitnami.com/bitnami
        """,
    }
    found = lint(files, "REG012")
    assert where(found) == [
        ("REG012", "charts/web/Chart.yaml", 7, 5),
        ("REG012", "hosts/buildkit/buildkitd.toml", 2, 3),
        ("REG012", "hosts/containerd/certs.d/registry.acme.internal/hosts.toml", 1, 1),
        ("REG012", "hosts/containerd/certs.d/registry.acme.internal/hosts.toml", 4, 3),
        ("REG012", "hosts/containerd/config.toml", 3, 3),
        ("REG012", "hosts/containers/registries.conf", 6, 1),
        ("REG012", "hosts/docker/daemon.json", 2, 45),
        ("REG012", "hosts/k3s/registries.yaml", 4, 9),
        ("REG012", "hosts/k3s/registries.yaml", 9, 7),
    ]
    assert "'registry.acme.internal'" in found[5].message and "10.0.0.5:5000" in found[6].message


def test_reg012_command_lines(lint: Any) -> None:
    files = {
        ".github/workflows/release.yml": """
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: helm push chart.tgz oci://registry.acme.internal/charts --plain-http
              - run: |
                  echo "never use --insecure-skip-tls-verify"
                  crane copy ghcr.io/acme/a:1 registry.acme.internal/a:1 --insecure
                  crane copy localhost:5000/a:1 127.0.0.1:5001/a:1 --insecure
                  cosign sign --allow-http-registry=false registry.acme.internal/a@sha256:x
        """,
        ".gitlab-ci.yml": """
        publish:
          script:
            - skopeo copy --dest-tls-verify=false docker://ghcr.io/acme/a:1 docker://registry.acme.internal/a:1
            - podman push --tls-verify=true registry.acme.internal/a:1
            - /kaniko/executor --context . --destination registry.acme.internal/a:1 --skip-tls-verify
        """,
        "Makefile": "push:\n\t@oras push --plain-http registry.acme.internal/a:1 file.txt\n\techo done\n",
        "scripts/login.sh": "#!/bin/sh\nset -e\ndocker login http://registry.acme.internal -u ci\n",
        "Dockerfile": """
        FROM alpine:3.20
        RUN apk add --no-cache helm && \\
            helm repo add acme https://charts.acme.internal --insecure-skip-tls-verify
        """,
    }
    found = lint(files, "REG012")
    assert where(found) == [
        ("REG012", ".github/workflows/release.yml", 6, 70),
        ("REG012", ".github/workflows/release.yml", 9, 66),
        ("REG012", ".gitlab-ci.yml", 3, 19),
        ("REG012", ".gitlab-ci.yml", 5, 77),
        ("REG012", "Dockerfile", 3, 53),
        ("REG012", "Makefile", 2, 13),
        ("REG012", "scripts/login.sh", 3, 14),
    ]
    assert found[0].message.startswith("helm --plain-http disables")
    assert "skopeo --dest-tls-verify=false" in found[2].message and "kaniko --skip-tls-verify" in found[3].message


def test_reg012_loopback_and_compliant_settings_pass(lint: Any) -> None:
    files = {
        "daemon.json": '{"insecure-registries": ["127.0.0.1:5000", "[::1]:5000"], "debug": true}\n',
        "registries.yaml": "mirrors:\n  docker.io:\n    endpoint: [http://localhost:5000]\n",
        "ci.sh": "helm pull oci://localhost:5000/charts/web --plain-http\nhelm pull oci://ghcr.io/acme/web\n",
        "config.toml": "[plugins]\n  insecure_skip_verify = true\n",  # not a containerd config
        "broken/daemon.json": "{not json",
    }
    assert lint(files, "REG012") == []


def test_reg012_kaniko_per_registry_flags(lint: Any) -> None:
    script = (
        "/kaniko/executor --destination localhost:5000/a:1 --insecure-registry registry.acme.internal\n"
        "/kaniko/executor --destination ghcr.io/acme/a:1 --skip-tls-verify-registry=localhost:5000\n"
    )
    assert where(lint({"build.sh": script}, "REG012")) == [("REG012", "build.sh", 1, 51)]


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        # Checkov CKV_DOCKER_7 (FROM without `:` that is not a stage, or `:latest`), hadolint DL3006
        # (untagged) and DL3007 (`latest`) give these verdicts too.
        ("FROM ubuntu", True),
        ("FROM ubuntu:latest", True),
        ("FROM docker.io/library/ubuntu:22.04", False),
        (f"FROM ubuntu@{DIGEST}", False),
        ("FROM localhost:5000/base", True),  # the port is not a tag (hadolint DL3006 agrees)
        # Deliberate difference: Checkov fails `FROM scratch` (no `:`); it is no image, and
        # hadolint DL3006 skips it too.
        ("FROM scratch", False),
    ],
)
def test_reg001_same_verdict_as_checkov_and_hadolint(lint: Any, line: str, fires: bool) -> None:
    found = lint({"Dockerfile": f"FROM golang:1.23 AS build\n{line}\n"}, "REG001")
    assert where(found) == ([("REG001", "Dockerfile", 2, 6)] if fires else [])


@pytest.mark.parametrize(
    ("image", "fires"),
    [
        # Checkov CKV_K8S_14 "Image Tag should be fixed - not latest or blank".
        ("nginx", True),
        ("nginx:latest", True),
        ("nginx:1.27", False),
        (f"nginx@{DIGEST}", False),
        (f"nginx:latest@{DIGEST}", False),  # a digest passes whatever the tag
    ],
)
def test_reg004_same_verdict_as_checkov_ckv_k8s_14(lint: Any, image: str, fires: bool) -> None:
    found = lint({"p.yaml": POD.format(image=image)}, "REG004")
    assert where(found) == ([("REG004", "p.yaml", 7, 7)] if fires else [])


def test_reg_rules_skip_odd_shapes(lint: Any) -> None:
    files = {
        "pod.yaml": """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              image: 42
            - name: b
              image: {repository: x}
            - just-a-string
            - name: c
              image: nginx:1
              imagePullPolicy: [Always]
        """,
        "kustomization.yaml": """
        namespace: prod
        images: [a, {name: b, newTag: [1]}, {newName: {x: 1}}]
        helmCharts: {a: 1}
        """,
        "argo.yaml": argo_app(
            "prod",
            """
            source:
              repoURL: https://github.com/acme/deploy
              path: x
              kustomize: {images: {a: b}}
              helm: {parameters: [x, {name: image.tag}, {value: "1"}, {name: [1], value: 2}]}
            """,
        ),
        "daemon.json": '{"insecure-registries": "registry.acme.internal"}\n',
        "registries.yaml": "configs: [a]\nmirrors: {docker.io: {endpoint: http://x}}\n",
        "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies: {redis: http://x}\n",
        "buildkitd.toml": '[registry."a.io"\nhttp = "yes"\n',
        ".github/workflows/w.yml": "on: push\njobs:\n  a:\n    steps:\n      - run: [helm, --plain-http]\n",
    }
    settings: dict[str, Any] = {"trusted_registries": ["ghcr.io"], "image_build_map": {"x/Dockerfile": "nginx"}}
    found = {rule: where(lint(files, rule, **settings)) for rule in [f"REG{n:03}" for n in range(4, 13)]}
    # The rules never crash (`lint` fails on a rule error); what is well-formed is still judged.
    assert found == {
        "REG004": [],
        "REG005": [("REG005", "pod.yaml", 12, 7)],
        "REG006": [("REG006", "pod.yaml", 12, 7)],
        "REG007": [],
        "REG008": [],
        "REG009": [],
        "REG010": [],
        "REG011": [("REG011", "pod.yaml", 12, 7)],  # configured mappings need no Dockerfile on disk
        "REG012": [],
    }


def test_reg009_production_by_the_application_or_flux_kustomization_deploying_it(lint: Any) -> None:
    overlay = """
    resources: [deployment.yaml]
    images:
      - name: ghcr.io/acme/api
        newTag: 2.4.1
    """
    files = {
        "deploy/eu-1/kustomization.yaml": overlay,
        "deploy/eu-2/kustomization.yaml": overlay,
        "deploy/eu-3/kustomization.yaml": overlay,
        "argo/apps.yaml": argo_app(
            "api-eu-1",
            """
            source: {repoURL: https://github.com/acme/deploy, path: ./deploy/eu-1}
            destination: {server: https://prod-eu.acme.internal, namespace: api}
            """,
        ),
        "clusters/production/api.yaml": """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: api, namespace: flux-system}
        spec:
          path: ./deploy/eu-2
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
    }
    found = lint(files, "REG009")
    assert where(found) == [
        ("REG009", "deploy/eu-1/kustomization.yaml", 4, 5),
        ("REG009", "deploy/eu-2/kustomization.yaml", 4, 5),
    ]


def test_reg008_values_of_an_unrendered_chart_leave_the_default_to_the_templates(lint: Any) -> None:
    chart = {
        "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
        "charts/web/templates/deployment.yaml": '{{ include "web.deployment" . }}\n',
    }
    implied = {**chart, "charts/web/values.yaml": "image:\n  repository: ghcr.io/acme/web\n  tag: 1.2.0\n"}
    assert lint(implied, "REG008", helm_renderer="none") == []


def test_reg012_containerd_hosts_toml_plain_http_host(lint: Any) -> None:
    hosts = """
    server = "https://registry-1.docker.io"

    [host."http://10.1.2.3:5000"]
      capabilities = ["pull", "resolve"]
      skip_verify = true

    [host."http://127.0.0.1:5001"]
      capabilities = ["pull"]
    """
    found = lint({"etc/containerd/certs.d/docker.io/hosts.toml": hosts}, "REG012")
    assert where(found) == [
        ("REG012", "etc/containerd/certs.d/docker.io/hosts.toml", 3, 1),
        ("REG012", "etc/containerd/certs.d/docker.io/hosts.toml", 5, 3),
    ]
    assert "plain HTTP" in found[0].message and "skip_verify" in found[1].message


def test_reg011_pipeline_variables_name_the_image(lint: Any) -> None:
    files = {
        ".github/workflows/build.yml": """
        on: push
        env:
          IMAGE: ghcr.io/acme/api
        jobs:
          build:
            runs-on: ubuntu-latest
            env:
              WORKER: ghcr.io/acme/worker
            steps:
              - uses: docker/build-push-action@v6
                with:
                  context: api
                  tags: ${{ env.IMAGE }}:${{ github.sha }}
              - run: docker build -t ${{ env.WORKER }}:${{ github.sha }} worker
        """,
        ".gitlab-ci.yml": """
        variables:
          JOBS_IMAGE: registry.acme.io/shop/jobs
        build:
          variables:
            CRON_IMAGE: {value: registry.acme.io/shop/cron, description: the cron image}
          script:
            - docker build -t "$JOBS_IMAGE:$CI_COMMIT_SHA" jobs
            - docker build -t ${CRON_IMAGE}:${CI_COMMIT_SHA} cron
            - docker build -t $CI_REGISTRY_IMAGE/other:1 other
        """,
        "api/Dockerfile": "FROM scratch\n",
        "worker/Dockerfile": "FROM scratch\n",
        "jobs/Dockerfile": "FROM scratch\n",
        "cron/Dockerfile": "FROM scratch\n",
        "other/Dockerfile": "FROM scratch\n",
        "deploy/pod.yaml": deployment(
            "ghcr.io/acme/api:1",
            "ghcr.io/acme/worker:1",
            "registry.acme.io/shop/jobs:1",
            "registry.acme.io/shop/cron:1",
            "registry.gitlab.com/acme/shop/other:1",
        ),
    }
    found = lint(files, "REG011")
    assert where(found) == [("REG011", "deploy/pod.yaml", line, 7) for line in (7, 9, 11, 13)]


def test_fingerprints_survive_a_tag_bump(lint: Any) -> None:
    def fingerprints(tag: str) -> list[str]:
        files = {"api/Dockerfile": "FROM scratch\n", "pod.yaml": deployment(f"ghcr.io/acme/api:{tag}", "nginx:1.27")}
        settings = {"image_build_map": {"api/Dockerfile": "ghcr.io/acme/api"}, "trusted_registries": ["quay.io"]}
        found = [f for rule in ("REG005", "REG006", "REG011") for f in lint(files, rule, **settings)]
        return [f.fingerprint for f in found]

    before, after = fingerprints("1.0.0"), fingerprints("1.0.1")
    assert len(before) == 5 and len(set(before)) == 5  # REG005 and REG006 for both containers, REG011 for api
    assert before == after


def test_reg012_never_prints_credentials_of_a_url(lint: Any) -> None:
    chart = """
    apiVersion: v2
    name: web
    version: 1.0.0
    dependencies:
      - name: redis
        version: 19.6.4
        repository: http://ci:s3cr3t-t0ken@charts.acme.internal/stable
    """
    found = lint(
        {"Chart.yaml": chart, "login.sh": "docker login http://bot:pa55w0rd@registry.acme.internal\n"}, "REG012"
    )
    assert where(found) == [("REG012", "Chart.yaml", 7, 5), ("REG012", "login.sh", 1, 14)]
    assert all("s3cr3t" not in f.message and "pa55w0rd" not in f.message and "***@" in f.message for f in found)
