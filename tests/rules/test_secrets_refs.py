"""A corpus of our own for the other tools' rules that the SEC catalogue lists in `refs`: each case
is what that rule is documented to report (or to leave alone), and what gitops-lint says about it.
Where the conditions differ on purpose, the case says how (`agree=False`)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import pytest

GITHUB = "ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN"
POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
    "  containers:\n    - name: app\n      image: ghcr.io/acme/app:1.0\n"
)


@dataclass(frozen=True)
class Case:
    ref: str  # the other tool's rule
    rule: str  # ours
    path: str
    text: str
    other_fires: bool  # what the other tool's rule does
    ours_fires: bool
    why: str = ""  # when we differ


def env(entries: str) -> str:
    return POD + "      env:\n" + textwrap.indent(textwrap.dedent(entries).strip("\n"), "        ") + "\n"


CASES = [
    # Trivy DS031 / hadolint DL3064-style: secrets in ENV and ARG.
    Case(
        "DS031",
        "SEC011",
        "Dockerfile",
        "FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=Zk3mQ9vR2xT8wL5nB7cJ4hF6gD1sA0pY3uE8iO2q\n",
        True,
        True,
    ),
    Case("DS031", "SEC012", "Dockerfile", "FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN make\n", True, True),
    Case(
        "DS031",
        "SEC011",
        "Dockerfile",
        "FROM alpine:3.20 AS build\nENV DB_PASSWORD=s3cr3t-pw\nFROM alpine:3.20\n",
        False,
        True,
        "DS031 checks the final stage only; earlier stages persist in caches and history",
    ),
    Case("DS031", "SEC011", "Dockerfile", "FROM alpine:3.20\nENV PASSWORD_FILE=/run/secrets/db\n", False, False),
    # Checkov CKV2_DOCKER_17: chpasswd.
    Case(
        "CKV2_DOCKER_17", "SEC011", "Dockerfile", "FROM debian:12\nRUN echo 'app:Passw0rd-1' | chpasswd\n", True, True
    ),
    Case(
        "CKV2_DOCKER_17",
        "SEC011",
        "Dockerfile",
        "FROM debian:12\nRUN chpasswd < /run/secrets/users\n",
        True,
        False,
        "Checkov reports any chpasswd; a password read from a secret mount is not baked into the image",
    ),
    Case(
        "CKV2_DOCKER_17", "SEC011", "Dockerfile", 'FROM debian:12\nRUN echo "curl | chpasswd" > /notes\n', False, False
    ),
    # CIS Docker 4.10: no secrets in Dockerfiles (ENV, LABEL).
    Case(
        "CIS Docker 4.10",
        "SEC011",
        "Dockerfile",
        "FROM alpine:3.20\nLABEL deploy.token=tok-51MzQ8xKpT3vW9\n",
        True,
        True,
    ),
    # kube-linter env-var-secret, Polaris sensitiveContainerEnvVar, Kubescape C-0012.
    Case("kube-linter env-var-secret", "SEC007", "p.yaml", env("- {name: DB_PASSWORD, value: hunter2-pw}"), True, True),
    Case(
        "kube-linter env-var-secret",
        "SEC007",
        "p.yaml",
        env("- {name: TOKEN_URL, value: https://auth.acme.io/token}"),
        True,
        False,
        "name-only matching reports any name containing TOKEN; SECRET_KEY excludes names ending in url, file, name...",
    ),
    Case(
        "kube-linter env-var-secret",
        "SEC007",
        "p.yaml",
        env("- {name: API_TOKEN, value: ${API_TOKEN}}"),
        True,
        False,
        "a placeholder is not a literal secret",
    ),
    Case(
        "Polaris sensitiveContainerEnvVar",
        "SEC007",
        "p.yaml",
        env("- name: API_KEY\n  valueFrom: {secretKeyRef: {name: api, key: key}}"),
        False,
        False,
    ),
    Case("CKV_SECRET_*", "SEC007", "p.yaml", env(f"- {{name: NOTIFY, value: {GITHUB}}}"), True, True),
    # Checkov CKV_K8S_35, kube-linter read-secret-from-env-var, Kubescape C-0207 (SEC016 is off by default).
    Case(
        "CKV_K8S_35",
        "SEC016",
        "p.yaml",
        env("- name: API_KEY\n  valueFrom: {secretKeyRef: {name: api, key: key}}"),
        True,
        True,
    ),
    Case("CKV_K8S_35", "SEC016", "p.yaml", POD + "      volumeMounts: [{name: s, mountPath: /s}]\n", False, False),
    # Trivy KSV109 / KSV-01010, Polaris sensitiveConfigmapContent: credentials in ConfigMaps.
    Case(
        "KSV109",
        "SEC008",
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  DB_PASSWORD: hunter2-pw\n",
        True,
        True,
    ),
    Case(
        "KSV109",
        "SEC008",
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  PASSWORD_POLICY: strong\n",
        True,
        False,
        "key-name matching reports PASSWORD_POLICY; SECRET_KEY excludes names ending in policy",
    ),
    # gitleaks kubernetes-secret-yaml: a Secret with clear values.
    Case(
        "gitleaks kubernetes-secret-yaml",
        "SEC001",
        "s.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2-pw\n",
        True,
        True,
    ),
    Case(
        "gitleaks kubernetes-secret-yaml",
        "SEC001",
        "s.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: ${DB_PASSWORD}\n",
        False,
        False,
    ),
    # gitleaks token rules.
    Case("gitleaks aws-access-token", "SEC017", "a.env", "AWS_ACCESS_KEY_ID=AKIAZ5QWERTY7HGFDS2K\n", True, True),
    Case("gitleaks aws-access-token", "SEC017", "a.env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n", False, False),
    Case(
        "gitleaks gcp-api-key", "SEC018", "a.js", 'const key = "AIzaSyen5n1Ae6pWzpF1qH6YytwMe4LbyoVFz8u";\n', True, True
    ),
    Case("gitleaks github-pat", "SEC019", "a.sh", f"export GH_TOKEN={GITHUB}\n", True, True),
    Case("gitleaks gitlab-pat", "SEC019", "a.sh", "export GL_TOKEN=glpat-AbCdEf0123456789xYz_\n", True, True),
    Case(
        "gitleaks slack-webhook-url",
        "SEC020",
        "a.yml",
        "url: https://hooks.slack.com/services/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\n",
        True,
        True,
    ),
    Case(
        "gitleaks age-secret-key",
        "SEC021",
        "k.txt",
        "AGE-SECRET-KEY-1EEX7ERVYDU284RXQFXHPYDCFSKH788LA77N9FX4S72PDHFPN9SH2KW4WV0\n",
        True,
        True,
    ),
    Case(
        "gitleaks jwt",
        "SEC022",
        "a.txt",
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaS1ib3QifQ.q3Vd9XkT0pLm2Rb7sYc4NwZe8HfJa1Ug\n",
        True,
        True,
    ),
    Case("gitleaks generic-api-key", "SEC023", "a.properties", "payments.api_key=Rk9vT2mQ8zL4wX7pBnQ2\n", True, True),
    Case("gitleaks generic-api-key", "SEC023", "a.properties", "payments.api_key=aaaaaaaaaaaaaaaaaaaa\n", False, False),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.ref}-{c.rule}-{c.text[:24]}")
def test_overlapping_rules(case: Case, lint: Any) -> None:
    assert bool(lint({case.path: case.text}, case.rule)) is case.ours_fires
    assert (case.other_fires == case.ours_fires) or case.why, "a difference must be explained"
