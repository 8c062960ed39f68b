"""Which Dockerfile CI builds, from which context, into which images (linter.imagebuilds)."""

from __future__ import annotations

import textwrap

from linter.imagebuilds import ImageBuild, image_builds
from linter.imageref import parse_image_name
from linter.sourcefile import FileKind, SourceFile
from linter.yamlload import parse_yaml


def ci(path: str, text: str) -> list[ImageBuild]:
    text = textwrap.dedent(text).lstrip("\n")
    source = SourceFile(path, FileKind.YAML, docs=parse_yaml(text, path).docs)
    return image_builds([source])


def names(build: ImageBuild) -> tuple[str, ...]:
    return tuple(image.name for image in build.images)


def test_build_push_action_with_metadata_tags() -> None:
    found = ci(
        ".github/workflows/release.yml",
        """
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - id: meta
                uses: docker/metadata-action@v5
                with:
                  images: |
                    ghcr.io/acme/payments-api
                    name=docker.io/acme/payments,enable=true
              - uses: docker/build-push-action@v6
                with:
                  context: ./apps/payments-api
                  tags: ${{ steps.meta.outputs.tags }}
              - uses: docker/build-push-action@v6
                with:
                  file: build/web.Dockerfile
                  tags: ghcr.io/acme/web:1.0,ghcr.io/acme/web:latest
        """,
    )
    assert found == [
        ImageBuild(
            "apps/payments-api/Dockerfile",
            "apps/payments-api",
            (parse_image_name("ghcr.io/acme/payments-api"), parse_image_name("docker.io/acme/payments")),
            ".github/workflows/release.yml",
        ),
        ImageBuild(
            "build/web.Dockerfile", "", (parse_image_name("ghcr.io/acme/web:1.0"),), ".github/workflows/release.yml"
        ),
    ]


def test_build_commands_in_scripts() -> None:
    found = ci(
        ".github/workflows/ci.yml",
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: >-
                  docker buildx build --push --platform linux/amd64
                  -t ghcr.io/acme/a:${{ github.sha }} -t ghcr.io/acme/a:main svc/a
              - working-directory: svc
                run: |
                  podman build --file b/Containerfile --tag=quay.io/acme/b:1 b
                  docker build - < Dockerfile
              - run: docker build -t x:1 "$CONTEXT"
        """,
    )
    assert [(b.dockerfile, b.context, names(b)) for b in found] == [
        ("svc/a/Dockerfile", "svc/a", ("ghcr.io/acme/a",)),
        ("svc/b/Containerfile", "svc/b", ("quay.io/acme/b",)),
    ]


def test_gitlab_cd_and_kaniko() -> None:
    found = ci(
        ".gitlab-ci.yml",
        """
        build:
          script:
            - cd services
            - docker build -t registry.example.com/acme/api:1 -f api/Dockerfile api
            - cd "$SOMEWHERE"
            - docker build -t registry.example.com/acme/lost:1 .
        kaniko:
          script:
            - >-
              /kaniko/executor --context "${CI_PROJECT_DIR}/web" --dockerfile "${CI_PROJECT_DIR}/web/Dockerfile"
              --destination "$CI_REGISTRY_IMAGE:1" --destination registry.example.com/acme/web:1
        """,
    )
    assert [(b.dockerfile, b.context, names(b)) for b in found] == [
        ("services/api/Dockerfile", "services/api", ("registry.example.com/acme/api",)),
        ("web/Dockerfile", "web", ("registry.example.com/acme/web",)),
    ]


def test_unexpected_shapes_are_skipped() -> None:
    found = ci(
        ".github/workflows/odd.yml",
        """
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with: {context: null, file: [x], tags: {a: b}}
              - working-directory: [x]
                run: docker build .
              - run: docker build
              - run: docker build -f /abs/Dockerfile ../outside
        """,
    )
    assert [(b.dockerfile, b.context, names(b)) for b in found] == [("Dockerfile", "", ()), ("Dockerfile", "", ())]


def test_pipeline_variables_are_expanded() -> None:
    found = ci(
        ".github/workflows/vars.yml",
        """
        on: push
        env:
          REGISTRY: ghcr.io/acme
        jobs:
          build:
            runs-on: ubuntu-latest
            env:
              APP_DIR: apps/api
            steps:
              - run: docker build -t ${{ env.REGISTRY }}/api:${{ github.sha }} -f ${{ env.APP_DIR }}/Dockerfile .
              - uses: docker/build-push-action@v6
                with: {context: "${{ env.APP_DIR }}", tags: "$REGISTRY/api2:1"}
        """,
    )
    assert [(b.dockerfile, b.context, names(b)) for b in found] == [
        ("apps/api/Dockerfile", "", ("ghcr.io/acme/api",)),
        ("apps/api/Dockerfile", "apps/api", ("ghcr.io/acme/api2",)),
    ]
