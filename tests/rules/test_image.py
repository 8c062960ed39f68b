"""IMG rules."""

from __future__ import annotations

from typing import Any

from tests.conftest import where


def test_img001_explicit_root_user(lint: Any) -> None:
    found = lint({"Dockerfile": "FROM alpine:3.20\nUSER 1000\nUSER root\n"}, "IMG001")
    assert where(found) == [("IMG001", "Dockerfile", 3, 1)]


def test_img001_no_user_and_root_base(lint: Any) -> None:
    found = lint(
        {"app/Dockerfile": "FROM golang:1.23 AS build\nUSER 1000\nFROM alpine:3.20\nCOPY --from=build /a /a\n"},
        "IMG001",
    )
    assert where(found) == [("IMG001", "app/Dockerfile", 3, 1)]


def test_img001_final_stage_only_and_inheritance(lint: Any) -> None:
    dockerfile = "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nRUN true\n"
    assert lint({"Dockerfile": dockerfile}, "IMG001") == []
    builder_root = "FROM golang:1.23 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n"
    assert lint({"Dockerfile": builder_root}, "IMG001") == []


def test_img001_arg_substitution(lint: Any) -> None:
    found = lint({"Dockerfile": "FROM alpine:3.20\nARG RUNTIME_USER=0:0\nUSER ${RUNTIME_USER}\n"}, "IMG001")
    assert len(found) == 1 and "'0:0'" in found[0].message
    assert lint({"Dockerfile": "FROM alpine:3.20\nUSER ${WHO}\n"}, "IMG001") == []


def test_img001_arg_default_substituted_into_from(lint: Any) -> None:
    distroless = "ARG BASE=gcr.io/distroless/static-debian12:nonroot\nFROM ${BASE}\nCOPY app /app\n"
    assert lint({"Dockerfile": distroless}, "IMG001") == []
    found = lint({"Dockerfile": 'ARG BASE=node:22.11-alpine\nFROM ${BASE}\nCMD ["node"]\n'}, "IMG001")
    assert where(found) == [("IMG001", "Dockerfile", 2, 1)]
    assert "'node:22.11-alpine'" in found[0].message


def test_img001_nonroot_base_images(lint: Any) -> None:
    assert lint({"Dockerfile": "FROM gcr.io/distroless/static:nonroot\n"}, "IMG001") == []
    custom = lint({"Dockerfile": "FROM ghcr.io/acme/base:2\n"}, "IMG001", nonroot_base_images=["ghcr.io/acme/*"])
    assert custom == []


def df(text: str) -> dict[str, str]:
    return {"Dockerfile": text}


def test_img002_sudo_command_words_and_package(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get update && \\
        apt-get -y install --no-install-recommends sudo curl
    RUN echo "sudo is not run here" && make build | sudo tee /log
    RUN sh -c 'sudo make install'
    """
    found = lint(df(text), "IMG002")
    assert where(found) == [
        ("IMG002", "Dockerfile", 3, 48),
        ("IMG002", "Dockerfile", 4, 49),
        ("IMG002", "Dockerfile", 5, 12),
    ]
    assert lint(df("FROM a:1\nRUN echo sudo && apk add --no-cache sudo-docs\n"), "IMG002") == []


def test_img003_setuid_modes(lint: Any) -> None:
    text = """
    FROM alpine:3.20
    COPY --chmod=2755 bin /usr/local/bin/
    RUN chmod -R u+s /opt/bin && chmod 4755 /x && install -m 6755 a /b && chmod 755 /y
    RUN chmod u-s,g-s /z && chmod 0755 /w && install -m0755 a /b
    """
    found = lint(df(text), "IMG003")
    assert where(found) == [
        ("IMG003", "Dockerfile", 2, 14),
        ("IMG003", "Dockerfile", 3, 14),
        ("IMG003", "Dockerfile", 3, 36),
        ("IMG003", "Dockerfile", 3, 58),
    ]


def test_img004_final_stage_only(lint: Any) -> None:
    text = """
    FROM ubuntu:24.04 AS tools
    RUN apt-get install -y openssh-server
    FROM ubuntu:24.04
    RUN apk add --no-cache dropbear && service ssh start
    EXPOSE 8080 22/tcp 5900-5901
    CMD /usr/sbin/sshd -D
    """
    found = lint(df(text), "IMG004")
    assert where(found) == [
        ("IMG004", "Dockerfile", 4, 24),
        ("IMG004", "Dockerfile", 4, 36),
        ("IMG004", "Dockerfile", 5, 13),
        ("IMG004", "Dockerfile", 5, 20),
        ("IMG004", "Dockerfile", 6, 1),
    ]
    fine = 'FROM ubuntu:24.04\nRUN apt-get install -y openssh-client\nEXPOSE 2222 8080\nCMD ["/app"]\n'
    assert lint(df(fine), "IMG004") == []


def test_img005_add_local_sources(lint: Any) -> None:
    text = """
    FROM alpine:3.20
    ADD app.conf /etc/
    ADD rootfs.tar.xz /
    ADD https://example.com/a.txt /a.txt
    ADD ["with space.txt", "/dst/"]
    """
    assert where(lint(df(text), "IMG005")) == [("IMG005", "Dockerfile", 2, 1), ("IMG005", "Dockerfile", 5, 1)]


def test_img006_remote_add(lint: Any) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    text = f"""
    FROM alpine:3.20
    ADD http://example.com/a.tgz /a
    ADD --checksum=sha256:{"a" * 64} http://example.com/b.tgz /b
    ADD git@github.com:acme/repo.git#main /src
    ADD https://github.com/acme/repo.git#{commit}:sub /src2
    ADD --checksum=md5:abc https://example.com/c.tgz /c
    """
    assert where(lint(df(text), "IMG006")) == [
        ("IMG006", "Dockerfile", 2, 5),
        ("IMG006", "Dockerfile", 4, 5),
        ("IMG006", "Dockerfile", 6, 24),
    ]


def test_img007_piped_and_substituted_downloads(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get update && \\
        curl -fsSL https://x.example/install.sh | sudo bash -s -- --yes
    RUN sh -c "$(wget -qO- https://x.example/i.sh)"
    RUN bash <(curl -s https://x.example/i.sh)
    RUN echo "curl https://x | sh" && curl -s https://api.example/v1 | python3 -c 'import json,sys'
    RUN curl -s https://x.example/a.json | python3 -m json.tool > /a.json
    RUN <<EOF
    set -e
    wget -O- https://x.example/setup | sh
    EOF
    """
    assert where(lint(df(text), "IMG007")) == [
        ("IMG007", "Dockerfile", 3, 45),
        ("IMG007", "Dockerfile", 4, 12),
        ("IMG007", "Dockerfile", 5, 10),
        ("IMG007", "Dockerfile", 10, 34),
    ]


def test_img008_tls_bypasses_and_plain_http(lint: Any) -> None:
    text = """
    FROM python:3.12.7-slim
    ARG GOINSECURE=corp.example
    ENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=1
    RUN curl -fsSLk https://a.example/x -o /x && curl -o k https://b.example/y
    RUN wget --no-check-certificate https://c.example/z && git config --global http.sslVerify false
    RUN GIT_SSL_NO_VERIFY=1 git clone http://git.example/r.git && curl http://127.0.0.1:8080/health
    RUN pip install --trusted-host pypi.example -i http://pypi.example/simple app==1 \\
        && dnf install -y --setopt=sslverify=0 tool-1.0 && npm config set strict-ssl false
    RUN echo "curl -k https://x" && curl -H "X-k: 1" https://ok.example
    """
    found = lint(df(text), "IMG008")
    assert where(found) == [
        ("IMG008", "Dockerfile", 2, 5),
        ("IMG008", "Dockerfile", 3, 5),
        ("IMG008", "Dockerfile", 4, 10),
        ("IMG008", "Dockerfile", 5, 10),
        ("IMG008", "Dockerfile", 5, 76),
        ("IMG008", "Dockerfile", 6, 5),
        ("IMG008", "Dockerfile", 6, 35),
        ("IMG008", "Dockerfile", 7, 17),
        ("IMG008", "Dockerfile", 7, 48),
        ("IMG008", "Dockerfile", 8, 32),
        ("IMG008", "Dockerfile", 8, 71),
    ]
    assert all("pypi.example/simple" not in f.message or "plain HTTP" in f.message for f in found)


def test_img009_signature_bypasses(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    ENV GOSUMDB=off
    RUN apt-get -y --allow-unauthenticated install a && apk add --allow-untrusted b
    RUN echo 'deb [arch=amd64 trusted=yes] https://apt.example ./' > /etc/apt/sources.list.d/x.list
    RUN yum install -y --nogpgcheck c && rpm -i --nosignature d.rpm && zypper --no-gpg-checks in e
    COPY <<EOF /etc/yum.repos.d/x.repo
    [x]
    baseurl=https://rpm.example
    gpgcheck=0
    repo_gpgcheck=0
    EOF
    RUN echo "--allow-unauthenticated is bad" && apt-get -o APT::Get::AllowUnauthenticated=true install f
    """
    assert where(lint(df(text), "IMG009")) == [
        ("IMG009", "Dockerfile", 2, 5),
        ("IMG009", "Dockerfile", 3, 16),
        ("IMG009", "Dockerfile", 3, 61),
        ("IMG009", "Dockerfile", 4, 15),
        ("IMG009", "Dockerfile", 5, 20),
        ("IMG009", "Dockerfile", 5, 45),
        ("IMG009", "Dockerfile", 5, 75),
        ("IMG009", "Dockerfile", 9, 1),
        ("IMG009", "Dockerfile", 12, 57),
    ]


def test_img010_security_insecure(lint: Any) -> None:
    text = "FROM a:1\nRUN --network=none --security=insecure make\nRUN --security=sandbox make\n"
    assert where(lint(df(text), "IMG010")) == [("IMG010", "Dockerfile", 2, 20)]


def test_img011_unpinned_packages(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get install -y curl=7.88 wget ./local.deb $EXTRA
    RUN apk add --no-cache -t .deps musl=1.2 gcc && yum install -y vim-9.0 git @core
    RUN pip install -r requirements.txt flask==3.0 requests>=2 ./pkg && npm install && npm i -g left-pad @scope/x@1.0
    RUN gem install rails:7.1 bundler && gem install -v 2.0 rake && go install golang.org/x/tools/gopls@latest
    RUN zypper in -y less>=590 vim && python3 -m pip install --no-cache-dir uvicorn
    """
    found = lint(df(text), "IMG011")
    assert [f.message.split("'")[1] for f in found] == [
        "wget",
        "gcc",
        "git",
        # unquoted `>=` is a shell redirect: pip and zypper really get the bare name
        "requests",
        "left-pad",
        "bundler",
        "golang.org/x/tools/gopls@latest",
        "less",
        "vim",
        "uvicorn",
    ]
    assert where(found)[0] == ("IMG011", "Dockerfile", 2, 34)


def test_img012_update_alone(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get update
    RUN apt update && apt-get -y install curl
    RUN apk update && apt-get install -y x
    RUN dnf makecache && yum install -y x && zypper ref
    """
    assert where(lint(df(text), "IMG012")) == [
        ("IMG012", "Dockerfile", 2, 13),
        ("IMG012", "Dockerfile", 4, 9),
        ("IMG012", "Dockerfile", 5, 49),
    ]


def test_img013_install_bloat(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get update && apt-get install -y curl
    RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    RUN apk add curl && apk add --no-cache jq
    RUN pip install flask && PIP_NO_CACHE_DIR=1 pip install gunicorn && dnf install -y x && dnf clean all
    RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl
    """
    found = lint(df(text), "IMG013")
    assert where(found) == [
        ("IMG013", "Dockerfile", 2, 23),
        ("IMG013", "Dockerfile", 4, 5),
        ("IMG013", "Dockerfile", 5, 5),
    ]
    assert "--no-install-recommends" in found[0].message and "/var/lib/apt/lists" in found[0].message


def test_img014_pipefail(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim AS a
    RUN echo "a | b" && curl -s https://x | \\
        tar -x
    RUN set -euxo pipefail && curl -s https://x | tar -x
    RUN false || true
    SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
    RUN curl -s https://x | tar -x
    FROM a
    RUN curl -s https://x | tar -x
    FROM debian:12.7-slim
    SHELL ["pwsh", "-Command"]
    RUN Get-Item x | Remove-Item
    """
    assert where(lint(df(text), "IMG014")) == [("IMG014", "Dockerfile", 2, 39)]
    substitution = 'FROM debian:12.7-slim\nRUN arch="$(dpkg --print-architecture | cut -d- -f1)" && echo "$arch"\n'
    assert where(lint(df(substitution), "IMG014")) == [("IMG014", "Dockerfile", 2, 39)]


def test_img015_workdir(lint: Any) -> None:
    text = """
    FROM alpine:3.20
    WORKDIR app
    WORKDIR /proc/self
    WORKDIR "/srv/app"
    WORKDIR $HOME/app
    WORKDIR C:\\\\app
    WORKDIR /sysadmin
    """
    assert where(lint(df(text), "IMG015")) == [("IMG015", "Dockerfile", 2, 1), ("IMG015", "Dockerfile", 3, 1)]


def test_img016_stage_references(lint: Any) -> None:
    text = """
    FROM golang:1.23 AS build
    COPY --from=build /a /b
    RUN --mount=type=bind,from=test,target=/t true
    FROM alpine:3.20 AS Build
    FROM alpine:3.20 AS test
    COPY --from=0 /a /a
    COPY --from=3 /a /a
    COPY --from=nginx:1.27 /etc/nginx /etc/nginx
    """
    assert where(lint(df(text), "IMG016")) == [
        ("IMG016", "Dockerfile", 2, 13),
        ("IMG016", "Dockerfile", 3, 23),
        ("IMG016", "Dockerfile", 4, 21),
    ]


def test_img017_copy_root_of_stage(lint: Any) -> None:
    text = "FROM a:1 AS b\nRUN x\nFROM c:1\nCOPY --from=b / /\nCOPY --from=b /out /out\n"
    assert where(lint(df(text), "IMG017")) == [("IMG017", "Dockerfile", 4, 1)]
    builder_only = "FROM a:1 AS b\nFROM c:1 AS d\nCOPY --from=b / /\nFROM e:1\n"
    assert lint(df(builder_only), "IMG017") == []
    inherited = "FROM a:1 AS b\nFROM c:1 AS d\nCOPY --from=b / /\nFROM d\n"
    assert where(lint(df(inherited), "IMG017")) == [("IMG017", "Dockerfile", 3, 1)]


def test_img018_repeated_singletons(lint: Any) -> None:
    text = """
    FROM a:1 AS one
    CMD ["a"]
    HEALTHCHECK NONE
    CMD ["b"]
    FROM b:1
    CMD ["c"]
    ENTRYPOINT ["x"]
    ENTRYPOINT ["y"]
    ONBUILD CMD ["z"]
    """
    assert where(lint(df(text), "IMG018")) == [("IMG018", "Dockerfile", 2, 1), ("IMG018", "Dockerfile", 7, 1)]


def test_img019_maintainer(lint: Any) -> None:
    assert where(lint(df("FROM a:1\nMAINTAINER me\n"), "IMG019")) == [("IMG019", "Dockerfile", 2, 1)]
    assert lint(df("FROM a:1\nLABEL maintainer=me\n"), "IMG019") == []


def test_img004_inherited_through_stage_chain(lint: Any) -> None:
    text = """
    FROM ubuntu:24.04 AS base
    RUN apt-get install -y openssh-server
    EXPOSE 22
    FROM base AS app
    CMD ["/app"]
    """
    assert where(lint(df(text), "IMG004")) == [("IMG004", "Dockerfile", 2, 24), ("IMG004", "Dockerfile", 3, 8)]
    builder = 'FROM ubuntu:24.04 AS base\nRUN apt-get install -y openssh-server\nFROM ubuntu:24.04\nCMD ["/app"]\n'
    assert lint(df(builder), "IMG004") == []
    overridden = 'FROM alpine:3.20 AS base\nCMD ["/usr/sbin/sshd", "-D"]\nFROM base\nCMD ["/app"]\n'
    assert lint(df(overridden), "IMG004") == []
    inherited = 'FROM alpine:3.20 AS base\nENTRYPOINT ["/usr/sbin/sshd"]\nFROM base\nCMD ["-D"]\n'
    assert where(lint(df(inherited), "IMG004")) == [("IMG004", "Dockerfile", 2, 1)]


def test_img022_base_image(lint: Any) -> None:
    text = """
    ARG BASE=python:3.12.7
    FROM golang:1.23 AS build
    FROM ${BASE} AS runtime
    FROM runtime
    """
    found = lint(df(text), "IMG022")
    assert where(found) == [("IMG022", "Dockerfile", 4, 1)]
    assert "'python:3.12.7'" in found[0].message
    for base in ("scratch", "alpine:3.20", "node:22.11-alpine", "python:3.12.7-slim-bookworm", "debian:12-slim"):
        assert lint(df(f"FROM golang:1.23 AS build\nFROM {base}\n"), "IMG022") == [], base
    for base in ("gcr.io/distroless/static-debian12:nonroot", "cgr.dev/chainguard/static@sha256:" + "a" * 64):
        assert lint(df(f"FROM {base}\n"), "IMG022") == [], base
    assert lint(df("FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n"), "IMG022") == []
    assert lint(df("FROM ${UNKNOWN}\n"), "IMG022") == []
    custom = lint(df("FROM ghcr.io/acme/runtime:2\n"), "IMG022", minimal_base_images=["ghcr.io/acme/runtime:*"])
    assert custom == []


def test_img022_build_tools_in_final_image(lint: Any) -> None:
    text = """
    FROM alpine:3.20 AS build
    RUN apk add --no-cache gcc make
    FROM debian:12.7-slim AS base
    RUN apt-get update && apt-get install -y --no-install-recommends \\
        ca-certificates git libpq-dev=15.8 && rm -rf /var/lib/apt/lists/*
    RUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps
    RUN yum install -y gcc-c++ make && yum remove -y make
    RUN saved="$(apt-mark showmanual)" && apt-get install -y gcc libc6-dev && make \\
        && apt-mark auto '.*' && apt-mark manual $saved && apt-get purge -y --auto-remove
    FROM base
    RUN apt-get install -y clang && echo "apt-get install gcc"
    """
    found = lint(df(text), "IMG022")
    assert where(found) == [
        ("IMG022", "Dockerfile", 5, 21),
        ("IMG022", "Dockerfile", 5, 25),
        ("IMG022", "Dockerfile", 7, 20),
        ("IMG022", "Dockerfile", 11, 24),
    ]
    assert [f.message.split("'")[1] for f in found] == ["git", "libpq-dev=15.8", "gcc-c++", "clang"]


def test_img021_no_dockerignore(lint: Any) -> None:
    files = {
        "apps/web/Dockerfile": "FROM node:22.11-alpine AS deps\nCOPY ./ /src\nFROM node:22.11-alpine\nCOPY * /app/\n",
        "apps/web/server.js": "console.log(1)\n",
    }
    found = lint(files, "IMG021")
    assert where(found) == [("IMG021", "apps/web/Dockerfile", 2, 1), ("IMG021", "apps/web/Dockerfile", 4, 1)]
    assert "'apps/web'" in found[0].message and "no .dockerignore" in found[0].message


def test_img021_dockerignore_must_exclude_git_and_credentials(lint: Any) -> None:
    dockerfile = 'FROM alpine:3.20\nCOPY src /app/src\nCOPY [".", "/app"]\n'
    files = {
        "Dockerfile": dockerfile,
        ".dockerignore": "# keys\n*.pem\n.env\n",
        ".env": "TOKEN=x\n",
        "certs/tls.pem": "pem\n",
        "tls.pem": "pem\n",
        "deploy/prod.kubeconfig": "apiVersion: v1\n",
        ".env.example": "TOKEN=\n",
    }
    found = lint(files, "IMG021")
    assert where(found) == [("IMG021", "Dockerfile", 3, 1)]
    # `*.pem` only covers the context root, as the builder reads it
    assert ".dockerignore does not exclude .git, certs/tls.pem, deploy/prod.kubeconfig;" in found[0].message
    fixed = {**files, ".dockerignore": ".git\n**/*.pem\n.env*\n*.kubeconfig\n**/*.kubeconfig\n"}
    assert lint(fixed, "IMG021") == []
    allowlist = {**files, ".dockerignore": "*\n!src\n!package.json\n"}
    assert lint(allowlist, "IMG021") == []
    reincluded = {**files, ".dockerignore": "*\n!src\n!certs\n"}
    assert "does not exclude certs/tls.pem;" in lint(reincluded, "IMG021")[0].message


def test_img021_dockerfile_specific_ignore_and_named_sources(lint: Any) -> None:
    files = {
        "build/app.Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
        "build/app.Dockerfile.dockerignore": ".git\n",
        "build/.dockerignore": "nothing-useful\n",
    }
    assert lint(files, "IMG021") == []
    subdirectory = {"web/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n", "web/.dockerignore": "node_modules\n"}
    assert lint(subdirectory, "IMG021") == []
    named = {"Dockerfile": "FROM alpine:3.20\nCOPY --from=build . /app\nCOPY app/ /app\nCOPY <<EOF /a\n.\nEOF\n"}
    assert lint(named, "IMG021") == []


def github_workflow(step: str) -> str:
    """A push workflow whose one job runs ``step`` (YAML of one step, indented for `steps:`)."""
    return "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n" + step


def test_img021_context_from_ci_build(lint: Any) -> None:
    workflow = github_workflow(
        "      - uses: docker/build-push-action@v6\n"
        "        with: {context: ., file: services/api/Dockerfile, tags: ghcr.io/acme/api:latest}\n"
    )
    files = {
        ".github/workflows/build.yml": workflow,
        "services/api/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
        "services/api/.dockerignore": ".git\n",
        "id_rsa": "key\n",
    }
    found = lint(files, "IMG021")
    assert where(found) == [("IMG021", "services/api/Dockerfile", 2, 1)]
    assert "(the repository root)" in found[0].message and "no .dockerignore" in found[0].message
    gitlab = """
    build:
      script:
        - cd services
        - docker build -t registry.example.com/acme/api:1 -f api/Dockerfile api
    """
    moved = {k: v for k, v in files.items() if not k.startswith(".github")} | {".gitlab-ci.yml": gitlab}
    assert lint(moved, "IMG021") == []
    kaniko = (
        'build:\n  script:\n    - /kaniko/executor --context "$CI_PROJECT_DIR" --dockerfile services/api/Dockerfile\n'
    )
    root_context = lint({**moved, ".gitlab-ci.yml": kaniko}, "IMG021")
    assert "(the repository root)" in root_context[0].message


DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: IMAGE
PROBE
"""


def deployment(image: str, probe: str = "          readinessProbe: {httpGet: {path: /ready, port: 8080}}") -> str:
    return DEPLOYMENT.replace("IMAGE", image).replace("PROBE", probe)


def test_img020_final_stage_without_healthcheck(lint: Any) -> None:
    text = 'FROM golang:1.23 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20 AS base\nFROM base\nCMD ["/app"]\n'
    assert where(lint({"svc/Dockerfile": text}, "IMG020")) == [("IMG020", "svc/Dockerfile", 4, 1)]
    inherited = "FROM alpine:3.20 AS base\nHEALTHCHECK CMD /app health\nFROM base\n"
    assert lint({"svc/Dockerfile": inherited}, "IMG020") == []
    disabled = "FROM nginx:1.27-alpine\nHEALTHCHECK NONE\n"
    assert lint({"svc/Dockerfile": disabled}, "IMG020") == []


def test_img020_deployed_with_probes(lint: Any) -> None:
    dockerfile = 'FROM alpine:3.20\nCMD ["/app"]\n'
    # As in REG011, a directory name stands for an image only in a namespace another source maps.
    web = 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/web"\nHEALTHCHECK NONE\n'
    by_directory = {
        "services/api/Dockerfile": dockerfile,
        "services/web/Dockerfile": web,
        "deploy/api.yaml": deployment("ghcr.io/acme/api:1.4"),
    }
    assert lint(by_directory, "IMG020") == []
    unmapped_namespace = {**by_directory, "deploy/api.yaml": deployment("ghcr.io/other/api:1.4")}
    assert len(lint(unmapped_namespace, "IMG020")) == 1
    configured = {"services/api/Dockerfile": dockerfile, "deploy/api.yaml": deployment("quay.io/x/y:1")}
    assert lint(configured, "IMG020", image_build_map={"services/api/Dockerfile": "quay.io/x/y"}) == []
    no_probe = {**by_directory, "deploy/api.yaml": deployment("ghcr.io/acme/api:1.4", "")}
    assert where(lint(no_probe, "IMG020")) == [("IMG020", "services/api/Dockerfile", 1, 1)]
    startup_only = deployment("ghcr.io/acme/api:1.4", "          startupProbe: {tcpSocket: {port: 8080}}")
    assert len(lint({**by_directory, "deploy/api.yaml": startup_only}, "IMG020")) == 1
    other_image = {**by_directory, "deploy/api.yaml": deployment("ghcr.io/acme/web:1.4")}
    assert len(lint(other_image, "IMG020")) == 1
    labelled = {
        "Dockerfile": 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/payments.git"\n',
        "deploy/api.yaml": deployment("ghcr.io/acme/payments@sha256:" + "b" * 64),
    }
    assert lint(labelled, "IMG020") == []
    titled = {"Dockerfile": "FROM alpine:3.20\nLABEL org.opencontainers.image.title=billing\n"}
    assert lint({**titled, "deploy/api.yaml": deployment("registry.example.com/billing:2")}, "IMG020") == []


def test_img020_image_tagged_by_ci(lint: Any) -> None:
    workflow = github_workflow(
        "      - run: docker build -t registry.example.com/team/checkout:${GITHUB_SHA} -f build/Dockerfile .\n"
    )
    files = {
        ".github/workflows/image.yml": workflow,
        "build/Dockerfile": "FROM alpine:3.20\n",
        "deploy/api.yaml": deployment("registry.example.com/team/checkout:main"),
    }
    assert lint(files, "IMG020") == []


def test_multi_line_run_points_at_the_physical_line(lint: Any) -> None:
    text = """
    FROM debian:12.7-slim
    RUN apt-get update \\
        # tools for the entrypoint
        && apt-get install -y --no-install-recommends \\
           curl \\
           sudo \\
        && curl -fsSL https://x.example/i.sh \\
           | bash
    """
    assert where(lint(df(text), "IMG002")) == [("IMG002", "Dockerfile", 6, 8)]
    assert where(lint(df(text), "IMG007")) == [("IMG007", "Dockerfile", 8, 8)]
    assert where(lint(df(text), "IMG014")) == [("IMG014", "Dockerfile", 8, 8)]
    backtick = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n    && sudo x\n"
    assert where(lint(df(backtick), "IMG002")) == [("IMG002", "Dockerfile", 4, 8)]


def test_img021_files_sensitive_by_content(lint: Any) -> None:
    files = {
        "Dockerfile": "FROM node:22.11-alpine\nCOPY . /app\n",
        ".dockerignore": ".git\n",
        ".npmrc": "//registry.npmjs.org/:_authToken=npm_abcdefabcdefabcdefabcdefabcdefabcdef\n",
        "web/.npmrc": "registry=https://registry.npmjs.org/\n",
    }
    found = lint(files, "IMG021")
    assert len(found) == 1 and "does not exclude .npmrc;" in found[0].message
