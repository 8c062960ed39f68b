"""IMG rules against hadolint and Checkov where their conditions overlap.

Each case is a Dockerfile of ours with the verdict the other tool gives it, read from that tool's
rule definition (hadolint `src/Hadolint/Rule/DL*.hs`, Checkov `checkov/dockerfile/checks/*.py`
and `graph_checks/*.yaml`). Where we deliberately decide otherwise, the case says so (`ours`)
and the rule's `notes` name the other tool's rule, so that the difference is documented where
users read it (`gitops-lint explain`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from checks import ALL_RULES

RULES = {rule.id: rule for rule in ALL_RULES}


@dataclass(frozen=True, slots=True)
class Case:
    ref: str  # the other tool's rule
    rule: str  # ours
    dockerfile: str
    other: bool  # whether the other tool reports it
    ours: bool | None = None  # our verdict when it deliberately differs


def fires(ref: str, rule: str, dockerfile: str) -> Case:
    return Case(ref, rule, dockerfile, True)


def passes(ref: str, rule: str, dockerfile: str) -> Case:
    return Case(ref, rule, dockerfile, False)


def differs(ref: str, rule: str, dockerfile: str, *, other: bool) -> Case:
    return Case(ref, rule, dockerfile, other, not other)


CASES = [
    # IMG001: Checkov UserExists / RootUser, hadolint "Last USER should not be root".
    fires("CKV_DOCKER_3", "IMG001", 'FROM node:22.11-alpine\nCMD ["node", "server.js"]\n'),
    passes("CKV_DOCKER_3", "IMG001", "FROM node:22.11-alpine\nUSER 10001\n"),
    fires("CKV_DOCKER_8", "IMG001", "FROM alpine:3.20\nUSER 10001\nUSER root\n"),
    differs("CKV_DOCKER_8", "IMG001", "FROM alpine:3.20\nUSER 0\n", other=False),  # only the text `root`
    passes("CKV_DOCKER_8", "IMG001", "FROM golang:1.23 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n"),
    fires("DL3002", "IMG001", "FROM alpine:3.20\nUSER 0:0\n"),
    passes("DL3002", "IMG001", "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER 10001\n"),
    differs("DL3002", "IMG001", "FROM golang:1.23 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n", other=True),
    # IMG002: sudo.
    fires("DL3004", "IMG002", "FROM debian:12.7-slim\nRUN apt-get update && sudo apt-get install -y curl\n"),
    passes("DL3004", "IMG002", 'FROM debian:12.7-slim\nRUN echo "never use sudo here"\n'),
    differs("DL3004", "IMG002", "FROM debian:12.7-slim\nRUN apt-get install -y sudo\n", other=False),
    fires("CKV2_DOCKER_1", "IMG002", "FROM debian:12.7-slim\nRUN sudo make install\n"),
    differs("CKV2_DOCKER_1", "IMG002", 'FROM debian:12.7-slim\nRUN echo " sudo " > /motd\n', other=True),
    # IMG004: remote shells.
    fires("CKV_DOCKER_1", "IMG004", "FROM alpine:3.20\nEXPOSE 8080 22\n"),
    fires("CKV_DOCKER_1", "IMG004", "FROM alpine:3.20\nEXPOSE 22/tcp\n"),
    passes("CKV_DOCKER_1", "IMG004", "FROM alpine:3.20\nEXPOSE 2222\n"),
    differs("CKV_DOCKER_1", "IMG004", "FROM alpine:3.20\nEXPOSE 3389\n", other=False),
    fires("DL3001", "IMG004", "FROM ubuntu:24.04\nRUN service ssh start\n"),
    differs("DL3001", "IMG004", "FROM ubuntu:24.04\nRUN service nginx start\n", other=True),
    # IMG005 / IMG006: ADD.
    fires("DL3020", "IMG005", "FROM alpine:3.20\nADD app.conf /etc/app.conf\n"),
    passes("DL3020", "IMG005", "FROM alpine:3.20\nADD rootfs.tar.gz /\n"),
    passes("DL3020", "IMG005", "FROM alpine:3.20\nADD https://example.com/a.txt /a.txt\n"),
    fires("CKV_DOCKER_4", "IMG005", "FROM alpine:3.20\nADD app.conf /etc/app.conf\n"),
    differs("CKV_DOCKER_4", "IMG005", "FROM alpine:3.20\nADD rootfs.tar.gz /\n", other=True),
    differs("DL3020", "IMG006", "FROM alpine:3.20\nADD https://example.com/a.tgz /a.tgz\n", other=False),
    passes("DL3020", "IMG006", f"FROM alpine:3.20\nADD --checksum=sha256:{'c' * 64} https://example.com/a.tgz /a\n"),
    # IMG008: TLS verification and plain HTTP.
    fires("CKV2_DOCKER_2", "IMG008", "FROM alpine:3.20\nRUN curl -fsSLk https://example.com/a -o /a\n"),
    fires("CKV2_DOCKER_2", "IMG008", "FROM alpine:3.20\nRUN curl --insecure -o /a https://example.com/a\n"),
    passes("CKV2_DOCKER_2", "IMG008", "FROM alpine:3.20\nRUN curl -fsSL https://example.com/a -o /a\n"),
    differs("CKV2_DOCKER_2", "IMG008", 'FROM alpine:3.20\nRUN echo "curl -k is unsafe"\n', other=True),
    fires("CKV2_DOCKER_3", "IMG008", "FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com/a\n"),
    fires("CKV2_DOCKER_4", "IMG008", "FROM python:3.12.7-slim\nRUN pip3 install --trusted-host pypi.example a==1\n"),
    fires("CKV2_DOCKER_5", "IMG008", "FROM python:3.12.7-slim\nENV PYTHONHTTPSVERIFY=0\n"),
    passes("CKV2_DOCKER_5", "IMG008", "FROM python:3.12.7-slim\nENV PYTHONHTTPSVERIFY=1\n"),
    fires("CKV2_DOCKER_6", "IMG008", "FROM node:22.11-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n"),
    fires("CKV2_DOCKER_6", "IMG008", "FROM node:22.11-alpine\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n"),
    fires("CKV2_DOCKER_12", "IMG008", "FROM node:22.11-alpine\nENV npm_config_strict_ssl=false\n"),
    fires("CKV2_DOCKER_13", "IMG008", "FROM node:22.11-alpine\nRUN yarn config set strict-ssl false\n"),
    fires("CKV2_DOCKER_14", "IMG008", "FROM alpine:3.20\nARG GIT_SSL_NO_VERIFY=1\n"),
    fires("CKV2_DOCKER_15", "IMG008", "FROM rockylinux:9.3\nRUN yum-config-manager --save --setopt=sslverify=false\n"),
    fires("CKV2_DOCKER_15", "IMG008", "FROM fedora:41\nRUN dnf config-manager --setopt=repo.sslverify=0 --save\n"),
    fires("CKV2_DOCKER_16", "IMG008", "FROM python:3.12.7-slim\nENV PIP_TRUSTED_HOST=pypi.example\n"),
    fires(
        "CKV2_DOCKER_16",
        "IMG008",
        "FROM python:3.12.7-slim\nRUN export PIP_TRUSTED_HOST=pypi.example && pip install a==1\n",
    ),
    # IMG009: signature checks.
    fires("CKV2_DOCKER_7", "IMG009", "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/tool.apk\n"),
    fires("CKV2_DOCKER_8", "IMG009", "FROM debian:12.7-slim\nRUN apt-get install -y --allow-unauthenticated tool\n"),
    differs(
        "CKV2_DOCKER_8",
        "IMG009",
        "FROM debian:12.7-slim\nRUN apt install -y --allow-unauthenticated tool\n",
        other=False,
    ),
    fires("CKV2_DOCKER_9", "IMG009", "FROM photon:5.0\nRUN tdnf install -y --nogpgcheck tool\n"),
    fires("CKV2_DOCKER_10", "IMG009", "FROM fedora:41\nRUN rpm -ivh --nofiledigest tool.rpm\n"),
    fires("CKV2_DOCKER_11", "IMG009", "FROM debian:12.7-slim\nRUN apt-get install -y --force-yes tool\n"),
    passes("CKV2_DOCKER_11", "IMG009", "FROM debian:12.7-slim\nRUN apt-get install -y tool\n"),
    # IMG011 (off by default, selected here): version pins.
    fires("DL3008", "IMG011", "FROM debian:12.7-slim\nRUN apt-get install -y curl\n"),
    passes("DL3008", "IMG011", "FROM debian:12.7-slim\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n"),
    fires("DL3013", "IMG011", "FROM python:3.12.7-slim\nRUN pip install flask\n"),
    passes("DL3013", "IMG011", "FROM python:3.12.7-slim\nRUN pip install -r requirements.txt\n"),
    differs("DL3013", "IMG011", "FROM python:3.12.7-slim\nRUN pip install 'flask>=3'\n", other=False),
    fires("DL3016", "IMG011", "FROM node:22.11-alpine\nRUN npm install -g left-pad\n"),
    passes("DL3016", "IMG011", "FROM node:22.11-alpine\nRUN npm install && npm install -g left-pad@1.3.0\n"),
    fires("DL3018", "IMG011", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
    passes("DL3018", "IMG011", "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 'jq~1.7'\n"),
    fires("DL3028", "IMG011", "FROM ruby:3.3.5-slim\nRUN gem install rails\n"),
    passes("DL3028", "IMG011", "FROM ruby:3.3.5-slim\nRUN gem install rails:7.1.3 && gem install rake -v 13.2.1\n"),
    fires("DL3033", "IMG011", "FROM rockylinux:9.3\nRUN yum install -y httpd\n"),
    passes("DL3033", "IMG011", "FROM rockylinux:9.3\nRUN yum install -y httpd-2.4.57\n"),
    fires("DL3037", "IMG011", "FROM opensuse/leap:15.6\nRUN zypper install -y vim\n"),
    passes("DL3037", "IMG011", "FROM opensuse/leap:15.6\nRUN zypper install -y vim=9.1 'less>=590'\n"),
    fires("DL3041", "IMG011", "FROM fedora:41\nRUN dnf install -y httpd\n"),
    passes("DL3041", "IMG011", "FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n"),
    fires("DL3062", "IMG011", "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n"),
    passes(
        "DL3062",
        "IMG011",
        "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2 && go install ./cmd/app\n",
    ),
    # IMG012: index refresh alone.
    fires("CKV_DOCKER_5", "IMG012", "FROM debian:12.7-slim\nRUN apt-get update\n"),
    fires("CKV_DOCKER_5", "IMG012", "FROM alpine:3.20\nRUN apk update\n"),
    passes("CKV_DOCKER_5", "IMG012", "FROM debian:12.7-slim\nRUN apt-get update && apt-get install -y curl\n"),
    differs(
        "CKV_DOCKER_5",
        "IMG012",
        "FROM debian:12.7-slim\nRUN apt-get update\nRUN apt-get install -y curl\n",
        other=False,
    ),
    # IMG013 (off by default, selected here): recommended packages and caches.
    fires(
        "DL3009",
        "IMG013",
        "FROM debian:12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    ),
    passes(
        "DL3009",
        "IMG013",
        "FROM debian:12.7-slim\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    ),
    differs(
        "DL3009",
        "IMG013",
        "FROM debian:12.7-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
        "FROM gcr.io/distroless/static-debian12:nonroot\n",
        other=False,
    ),
    fires("DL3015", "IMG013", "FROM debian:12.7-slim\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"),
    passes(
        "DL3015",
        "IMG013",
        "FROM debian:12.7-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl"
        " && rm -rf /var/lib/apt/lists/*\n",
    ),
    fires("DL3019", "IMG013", "FROM alpine:3.20\nRUN apk add curl\n"),
    passes("DL3019", "IMG013", "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n"),
    differs("DL3019", "IMG013", "FROM alpine:3.20\nRUN apk add --no-network /tmp/pkgs/*.apk\n", other=True),
    fires("DL3032", "IMG013", "FROM rockylinux:9.3\nRUN yum install -y httpd\n"),
    passes("DL3032", "IMG013", "FROM rockylinux:9.3\nRUN yum install -y httpd && yum clean all\n"),
    fires("DL3036", "IMG013", "FROM opensuse/leap:15.6\nRUN zypper install -y vim\n"),
    passes("DL3036", "IMG013", "FROM opensuse/leap:15.6\nRUN zypper install -y vim && zypper cc\n"),
    fires("DL3040", "IMG013", "FROM fedora:41\nRUN dnf install -y httpd\n"),
    passes("DL3040", "IMG013", "FROM fedora:41\nRUN microdnf install -y httpd && microdnf clean all\n"),
    fires("DL3042", "IMG013", "FROM python:3.12.7-slim\nRUN pip install flask==3.0.3\n"),
    passes("DL3042", "IMG013", "FROM python:3.12.7-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n"),
    fires("DL3060", "IMG013", "FROM node:22.11-alpine\nRUN yarn install --frozen-lockfile\n"),
    passes("DL3060", "IMG013", "FROM node:22.11-alpine\nRUN yarn install --frozen-lockfile && yarn cache clean\n"),
    # IMG014: pipefail.
    fires("DL4006", "IMG014", "FROM debian:12.7-slim\nRUN curl -fsSL https://example.com/a.tgz | tar -xz\n"),
    passes(
        "DL4006",
        "IMG014",
        'FROM debian:12.7-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s x | tar -x\n',
    ),
    passes("DL4006", "IMG014", 'FROM debian:12.7-slim\nRUN echo "a | b" > /c\n'),
    fires("DL4006", "IMG014", 'FROM debian:12.7-slim\nRUN arch="$(dpkg --print-architecture | cut -d- -f1)"\n'),
    passes(
        "DL4006",
        "IMG014",
        'FROM mcr.microsoft.com/powershell:7.4\nSHELL ["pwsh", "-c"]\nRUN Get-Item a | Remove-Item\n',
    ),
    differs("DL4006", "IMG014", "FROM debian:12.7-slim\nRUN set -o pipefail && curl -s x | tar -x\n", other=True),
    differs(
        "DL4006",
        "IMG014",
        'FROM debian:12.7-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
        "FROM base\nRUN curl -s x | tar -x\n",
        other=True,
    ),
    # IMG015: WORKDIR.
    fires("DL3000", "IMG015", "FROM alpine:3.20\nWORKDIR app\n"),
    passes("DL3000", "IMG015", "FROM alpine:3.20\nWORKDIR $HOME/app\n"),
    fires("CKV_DOCKER_10", "IMG015", "FROM alpine:3.20\nWORKDIR app\n"),
    passes("CKV_DOCKER_10", "IMG015", 'FROM alpine:3.20\nWORKDIR "/srv/app"\n'),
    passes("CKV_DOCKER_10", "IMG015", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n"),
    differs("DL3000", "IMG015", "FROM alpine:3.20\nWORKDIR /proc/app\n", other=False),
    # IMG016: stage names and references.
    fires("DL3024", "IMG016", "FROM golang:1.23 AS build\nFROM alpine:3.20 AS build\n"),
    fires("CKV_DOCKER_11", "IMG016", "FROM golang:1.23 as build\nFROM alpine:3.20 as build\n"),
    # Checkov reads aliases only after a lowercase ` as ` and compares them case-sensitively.
    differs("CKV_DOCKER_11", "IMG016", "FROM golang:1.23 as Build\nFROM alpine:3.20 as build\n", other=False),
    differs("CKV_DOCKER_11", "IMG016", "FROM golang:1.23 AS build\nFROM alpine:3.20 AS build\n", other=False),
    fires("DL3023", "IMG016", "FROM golang:1.23 AS build\nCOPY --from=build /a /b\n"),
    passes("DL3023", "IMG016", "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /b\n"),
    # IMG017 (off by default, selected here): copying a whole stage.
    fires("DL3067", "IMG017", "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build / /\n"),
    passes("DL3067", "IMG017", "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /out/app /app\n"),
    differs("DL3067", "IMG017", "FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build / /rootfs/\n", other=False),
    differs(
        "DL3067",
        "IMG017",
        "FROM golang:1.23 AS build\nFROM alpine:3.20 AS squash\nCOPY --from=build / /\nFROM scratch\n",
        other=True,
    ),
    # IMG018: repeated CMD, ENTRYPOINT, HEALTHCHECK.
    fires("DL4003", "IMG018", 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n'),
    passes("DL4003", "IMG018", 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n'),
    fires("DL4004", "IMG018", 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n'),
    fires("DL3012", "IMG018", "FROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK CMD /app health\n"),
    # IMG019: MAINTAINER.
    fires("DL4000", "IMG019", "FROM alpine:3.20\nMAINTAINER ops@example.com\n"),
    fires("CKV_DOCKER_6", "IMG019", "FROM alpine:3.20\nMAINTAINER ops@example.com\n"),
    passes("CKV_DOCKER_6", "IMG019", "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=ops@example.com\n"),
    # IMG020 (off by default, selected here): HEALTHCHECK.
    fires("CKV_DOCKER_2", "IMG020", "FROM nginx:1.27-alpine\n"),
    passes("CKV_DOCKER_2", "IMG020", "FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost/\n"),
    differs(
        "CKV_DOCKER_2",
        "IMG020",
        "FROM alpine:3.20 AS tools\nHEALTHCHECK NONE\nFROM nginx:1.27-alpine\n",
        other=False,
    ),
    fires("DL3057", "IMG020", "FROM alpine:3.20 AS tools\nHEALTHCHECK NONE\nFROM nginx:1.27-alpine\n"),
    passes("DL3057", "IMG020", "FROM nginx:1.27-alpine AS base\nFROM base\nHEALTHCHECK NONE\n"),
    differs("DL3057", "IMG020", "FROM golang:1.23 AS build\nFROM nginx:1.27-alpine\nHEALTHCHECK NONE\n", other=True),
]


def _id(case: Case) -> str:
    verdict = "differs" if case.ours is not None else "fires" if case.other else "passes"
    return f"{case.rule}-{case.ref}-{verdict}"


@pytest.mark.parametrize("case", CASES, ids=[f"{_id(c)}-{i}" for i, c in enumerate(CASES)])
def test_same_verdict_as_the_other_tool(case: Case, lint: Any) -> None:
    found = lint({"Dockerfile": case.dockerfile}, case.rule)
    expected = case.other if case.ours is None else case.ours
    assert bool(found) == expected, [f.message for f in found]


def tool_refs(rule_id: str) -> set[str]:
    """The hadolint and Checkov rules a rule's `refs` name."""
    refs = {ref.split(" ")[0] for ref in RULES[rule_id].refs}
    return {ref for ref in refs if re.match(r"^(DL\d{4}|CKV2?_DOCKER_\d+)$", ref)}


def test_every_hadolint_and_checkov_ref_has_cases() -> None:
    wanted = {(rule_id, ref) for rule_id in RULES if rule_id.startswith("IMG") for ref in tool_refs(rule_id)}
    covered = {(case.rule, case.ref) for case in CASES}
    assert sorted(wanted - covered) == []
    assert sorted(covered - wanted) == []


def test_deliberate_differences_are_documented() -> None:
    undocumented = sorted({(c.rule, c.ref) for c in CASES if c.ours is not None and c.ref not in RULES[c.rule].notes})
    assert undocumented == []
