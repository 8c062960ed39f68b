"""REG rules and the image reference parser."""

from __future__ import annotations

from typing import Any

import pytest

from linter.imageref import parse_image
from tests.conftest import where


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
