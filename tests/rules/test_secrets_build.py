"""SEC rules over Dockerfiles, CI pipelines and repository files (SEC011-SEC015)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import where

GITHUB = "ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN"


# --- SEC011 / SEC012 -------------------------------------------------------------------------------


def test_sec011_assignments_in_every_stage(lint: Any) -> None:
    dockerfile = """
    ARG REGISTRY_PASSWORD=pull-Passw0rd
    FROM golang:1.23 AS build
    ENV GOPROXY=https://proxy.golang.org API_KEY=K3y_For_The_Api
    LABEL maintainer=ops@acme.io secret.ref=vault-path
    FROM gcr.io/distroless/static:nonroot
    ENV DB_PASSWORD_FILE=/run/secrets/db TOKEN=${TOKEN}
    """
    found = lint({"Dockerfile": dockerfile}, "SEC011")
    assert where(found) == [("SEC011", "Dockerfile", 1, 5), ("SEC011", "Dockerfile", 3, 38)]
    assert "ARG REGISTRY_PASSWORD" in found[0].message and "Passw0rd" not in found[0].message


def test_sec011_detector_hits_in_instructions(run_rules: Any) -> None:
    dockerfile = f"""
    FROM alpine:3.20
    # a token in a comment is left to the detector rule: {GITHUB}
    RUN git clone https://x-access-token:{GITHUB}@github.com/acme/tools.git \\
        && make -C tools
    LABEL build.note="{GITHUB}"
    """
    found = run_rules({"Dockerfile": dockerfile})
    assert [(f.rule_id, f.span.line) for f in found] == [("SEC019", 2), ("SEC011", 3), ("SEC011", 5)]


def test_sec011_passwords_set_from_literals(lint: Any) -> None:
    dockerfile = """
    FROM debian:12
    RUN echo 'root:Sup3rSecret' | chpasswd
    RUN chpasswd <<< "app:Passw0rd!"
    RUN chpasswd <<EOF
    admin:Adm1nPass
    EOF
    RUN useradd -m -p '$6$abc$defghijkl' bob && usermod -p "$(openssl passwd -1 hunter22)" bob
    RUN echo "letmein1" | passwd --stdin root
    RUN echo "root:${ROOT_PW}" | chpasswd && echo "$PW" | passwd --stdin root
    RUN echo "echo root:x | chpasswd" > /usr/local/bin/reset && chpasswd -e < /run/secrets/shadow
    """
    found = lint({"Dockerfile": dockerfile}, "SEC011")
    assert where(found) == [
        ("SEC011", "Dockerfile", 2, 10),
        ("SEC011", "Dockerfile", 3, 19),
        ("SEC011", "Dockerfile", 5, 1),
        ("SEC011", "Dockerfile", 7, 19),
        ("SEC011", "Dockerfile", 7, 77),
        ("SEC011", "Dockerfile", 8, 10),
    ]
    assert "chpasswd fed by echo" in found[0].message and "Sup3r" not in found[0].message


def test_sec012_secret_build_args_and_env_copies(run_rules: Any) -> None:
    dockerfile = """
    ARG NPM_TOKEN
    FROM node:22-alpine
    ARG NPM_TOKEN
    ARG NODE_VERSION=22
    ARG GH_TOKEN=gh-default-Tok3n
    ENV NPM_TOKEN=$NPM_TOKEN NODE_ENV=production
    ENV AUTH=${NPM_TOKEN}
    """
    found = run_rules({"Dockerfile": dockerfile}, ["SEC011", "SEC012"])
    assert [(f.rule_id, f.span.line, f.span.col) for f in found] == [
        ("SEC012", 1, 5),
        ("SEC012", 3, 5),
        ("SEC011", 5, 5),
        ("SEC012", 6, 5),
        ("SEC012", 7, 5),
    ]
    alone = run_rules({"Dockerfile": dockerfile}, ["SEC012"])
    assert [(f.rule_id, f.span.line) for f in alone] == [
        ("SEC012", 1),
        ("SEC012", 3),
        ("SEC012", 5),
        ("SEC012", 6),
        ("SEC012", 7),
    ]


def test_sec012_secret_mounts_are_fine(lint: Any) -> None:
    dockerfile = "FROM node:22\nARG NODE_ENV=production\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n"
    assert lint({"Dockerfile": dockerfile}, "SEC012") == []


# --- SEC013 ------------------------------------------------------------------------------------------


def test_sec013_named_sources(lint: Any) -> None:
    dockerfile = """
    FROM alpine:3.20
    COPY id_rsa /root/.ssh/id_rsa
    COPY --chown=app certs/tls.key config/app.yaml /etc/app/
    ADD https://example.com/archive.tgz /tmp/
    COPY --from=build /out/server.key /srv/
    COPY .env.example /app/.env
    COPY .npmrc /root/.npmrc
    """
    found = lint({"svc/Dockerfile": dockerfile}, "SEC013")
    assert where(found) == [
        ("SEC013", "svc/Dockerfile", 2, 6),
        ("SEC013", "svc/Dockerfile", 3, 18),
        ("SEC013", "svc/Dockerfile", 7, 6),
    ]


def test_sec013_directories_globs_dockerignore_and_content(lint: Any) -> None:
    key = (
        "-----BEGIN PRIVATE KEY-----\n"
        + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" * 2
        + "\n-----END PRIVATE KEY-----\n"
    )
    files = {
        "svc/Dockerfile": "FROM alpine:3.20\nCOPY . /app\nCOPY config/*.pem /etc/ssl/\nCOPY keys/ /keys/\n",
        "svc/.env": "API_TOKEN=abc\n",
        "svc/config/server-key.pem": "pem\n",
        "svc/config/ca.pem": "cert\n",
        "svc/keys/deploy": key,
        "svc/.npmrc": "registry=https://npm.acme.io\n",
        "web/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
        "web/.dockerignore": "**/*.env\n.env\nsecrets\n!secrets/public.txt\n",
        "web/.env": "A=b\n",
        "web/secrets/prod.p12": "binary\n",
        "web/secrets/public.txt": "ok\n",
    }
    found = lint(files, "SEC013")
    assert where(found) == [
        ("SEC013", "svc/Dockerfile", 2, 6),
        ("SEC013", "svc/Dockerfile", 3, 6),
        ("SEC013", "svc/Dockerfile", 4, 6),
    ]
    assert ".env, config/server-key.pem, keys/deploy" in found[0].message


# --- SEC014 ------------------------------------------------------------------------------------------


def test_sec014_github_workflow(lint: Any) -> None:
    workflow = """
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - run: docker login -u ci -p Regist3y-Pass ghcr.io
          - run: |
              echo "building"
              docker build \\
                --build-arg NPM_TOKEN=${{ secrets.NPM_TOKEN }} \\
                --build-arg VERSION=${{ github.sha }} .
              curl -u admin:Adm1n-Pass https://nexus.acme.io/upload
              echo "$TOKEN" | docker login -u ci --password-stdin ghcr.io
              echo "Pl41n-T0ken" | helm registry login ghcr.io -u ci --password-stdin
              PGPASSWORD=pg-Passw0rd psql -h db -c 'select 1'
              mysql -uroot -pMy-Passw0rd -e 'select 1'
              mysql -uroot -p -e 'select 1'
          - uses: docker/build-push-action@v6
            with:
              push: true
              build-args: |
                VERSION=1.0
                TOKEN=${{ secrets.DEPLOY_TOKEN }}
    """
    found = lint({".github/workflows/build.yml": workflow}, "SEC014")
    assert [(f.span.line, f.span.col) for f in found] == [
        (6, 36),
        (10, 25),
        (12, 19),
        (14, 16),
        (15, 11),
        (16, 24),
        (23, 19),
    ]
    assert "--build-arg NPM_TOKEN from a secret expression" in found[1].message


def test_sec014_gitlab_makefile_and_scripts(lint: Any) -> None:
    files = {
        ".gitlab-ci.yml": """
        build:
          script:
            - docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY
            - docker build --build-arg CI_JOB_TOKEN=$CI_JOB_TOKEN -t app .
            - docker login -u deploy --password=Depl0y-Pass registry.acme.io
        """,
        "Makefile": (
            "push:\n\t@docker login -u ci -p $(REGISTRY_PASSWORD) ghcr.io\n"
            "\tskopeo login -u ci -p Sk0peo-Pass quay.io\n"
        ),
        "scripts/release.sh": "#!/bin/sh\nset -eu\ncrane auth login ghcr.io -u ci -p Cr4ne-Pass\n",
    }
    found = lint(files, "SEC014")
    assert where(found) == [
        ("SEC014", ".gitlab-ci.yml", 4, 32),
        ("SEC014", ".gitlab-ci.yml", 5, 30),
        ("SEC014", "Makefile", 3, 24),
        ("SEC014", "scripts/release.sh", 3, 35),
    ]


# --- SEC015 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "certs/prod.p12",
        "keys/id_rsa",
        "keys/id_ed25519",
        "deploy/prod.kubeconfig",
        "kubeconfig",
        ".kube/config",
        ".env",
        "app/.env.production",
        "infra/terraform.tfstate",
        "infra/terraform.tfstate.backup",
        "home/.aws/credentials",
        ".git-credentials",
        ".pgpass",
        "ci/sops.agekey",
        "android/release.keystore",
    ],
)
def test_sec015_sensitive_paths(lint: Any, path: str) -> None:
    assert where(lint({path: "content\n"}, "SEC015")) == [("SEC015", path, 1, 1)]


@pytest.mark.parametrize(
    "path", ["keys/id_rsa.pub", ".env.example", "app/.env.sample", ".env.dist", "environment.yaml", "id.txt"]
)
def test_sec015_harmless_paths(lint: Any, path: str) -> None:
    assert lint({path: "content\n"}, "SEC015") == []


def test_sec015_conditional_files_and_sops(lint: Any) -> None:
    enc = "ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]"
    files = {
        "web/.npmrc": "registry=https://npm.acme.io\n//npm.acme.io/:_authToken=npm_Tok3nValue\n",
        "api/.npmrc": "//npm.acme.io/:_authToken=${NPM_TOKEN}\n",
        ".pypirc": "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n",
        "ci/.netrc": "machine github.com login ci password Netrc-Passw0rd\n",
        "ops/.netrc": "machine github.com login ci\n",
        "ops/.env": f"DB_PASSWORD={enc}\nsops_mac={enc}\n",
    }
    found = lint(files, "SEC015")
    assert where(found) == [("SEC015", ".pypirc", 1, 1), ("SEC015", "ci/.netrc", 1, 1), ("SEC015", "web/.npmrc", 1, 1)]
    assert "holds a literal _authToken" in found[2].message


def test_sec015_folds_detector_hits_and_respects_the_allowlist(run_rules: Any) -> None:
    files = {"deploy/.env": f"GITHUB_TOKEN={GITHUB}\n", "tests/fixtures/.env": f"GITHUB_TOKEN={GITHUB}\n"}
    found = run_rules(files, secret_allowlist_paths=["tests/fixtures/"])
    assert [(f.rule_id, f.span.path) for f in found] == [("SEC015", "deploy/.env")]
    assert "it holds a GitHub token" in found[0].message
