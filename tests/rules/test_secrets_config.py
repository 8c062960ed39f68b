"""SEC rules over workload env, ConfigMaps, Helm values and kustomize generators (SEC007-SEC010,
SEC016)."""

from __future__ import annotations

import base64
from typing import Any

from linter.audit import enabled_rules
from linter.config import Config
from tests.conftest import where

GITHUB = "ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def deployment(env: str) -> str:
    return f"""
    apiVersion: apps/v1
    kind: Deployment
    metadata: {{name: api}}
    spec:
      template:
        spec:
          initContainers:
            - name: migrate
              image: ghcr.io/acme/migrate:1.0
              env:
                - {{name: DB_PASSWORD, value: "migrate-Passw0rd"}}
          containers:
            - name: api
              image: ghcr.io/acme/api:1.0
              env:
{env.strip(chr(10))}
    """


# --- SEC007 ------------------------------------------------------------------------------------------


def test_sec007_secret_names_with_literals_and_detector_values(lint: Any) -> None:
    env = """
                - name: API_KEY
                  value: K3y_For_The_Api
                - name: GIT_REMOTE
                  value: https://x:ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN@github.com/acme/app
                - name: PASSWORD_FILE
                  value: /run/secrets/db
                - name: DB_SECRET
                  value: api-db-credentials
                - name: TOKEN_MAX
                  value: "5000"
                - name: AUTH_TOKEN
                  value: $(INJECTED_TOKEN)
                - name: CLIENT_SECRET
                  valueFrom: {secretKeyRef: {name: oidc, key: secret}}
    """
    found = lint({"d.yaml": deployment(env)}, "SEC007")
    assert where(found) == [
        ("SEC007", "d.yaml", 11, 35),
        ("SEC007", "d.yaml", 17, 15),
        ("SEC007", "d.yaml", 19, 15),
    ]
    assert 'init container "migrate" sets env DB_PASSWORD' in found[0].message
    assert "GitHub token" in found[2].message and "ghp_0Zvz" not in found[2].message


def test_sec007_folds_detector_hits(run_rules: Any) -> None:
    env = f"""
                - name: NOTIFY
                  value: {GITHUB}
    """
    found = run_rules({"d.yaml": deployment(env)})
    assert [(f.rule_id, f.span.line) for f in found] == [("SEC007", 11), ("SEC007", 17)]


# --- SEC016 ------------------------------------------------------------------------------------------


def test_sec016_secret_refs_in_env_and_env_from(lint: Any) -> None:
    pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:1.0
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef: {name: app, key: token}
            - name: MODE
              valueFrom:
                configMapKeyRef: {name: app, key: mode}
          envFrom:
            - configMapRef: {name: app}
            - secretRef: {name: app-env}
    """
    assert where(lint({"p.yaml": pod}, "SEC016")) == [("SEC016", "p.yaml", 11, 13), ("SEC016", "p.yaml", 17, 11)]


def test_sec016_is_off_by_default() -> None:
    assert "SEC016" not in {rule.id for rule in enabled_rules(Config())}


# --- SEC008 ------------------------------------------------------------------------------------------


def test_sec008_keys_embedded_lines_and_detectors(lint: Any) -> None:
    configmap = f"""
    apiVersion: v1
    kind: ConfigMap
    metadata: {{name: app}}
    data:
      SMTP_PASSWORD: mailer-Passw0rd
      PASSWORD_MIN_LENGTH: "12"
      app.env: |
        # database
        DB_HOST=db.internal
        export DB_PASSWORD='db-Passw0rd-1'
        DB_PASSWORD_FILE=/run/secrets/db
      settings.json: '{{"apiKey": "K3y_For_The_Api9"}}'
      config.yaml: |
        auth:
          clientSecret: ${{OIDC_SECRET}}
          bearerToken: "tok-abcdef-12345"
      notes: "ask ops for {GITHUB}"
    binaryData:
      netrc: {b64("machine github.com password " + GITHUB)}
    """
    found = lint({"cm.yaml": configmap}, "SEC008")
    assert where(found) == [
        ("SEC008", "cm.yaml", 5, 3),
        ("SEC008", "cm.yaml", 10, 12),
        ("SEC008", "cm.yaml", 12, 3),
        ("SEC008", "cm.yaml", 16, 7),
        ("SEC008", "cm.yaml", 17, 3),
        ("SEC008", "cm.yaml", 19, 3),
    ]
    assert "data.app.env sets DB_PASSWORD" in found[1].message
    assert "data.settings.json holds a high-entropy secret" in found[2].message
    assert "GitHub token" in found[4].message and "binaryData.netrc" in found[5].message


def test_sec008_generated_configmaps(lint: Any) -> None:
    files = {
        "app/kustomization.yaml": """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        configMapGenerator:
          - name: app
            literals:
              - LOG_LEVEL=info
              - SENTRY_DSN=https://4f2c9a@o1.ingest.sentry.io/42
        """,
    }
    assert where(lint(files, "SEC008")) == [("SEC008", "app/kustomization.yaml", 7, 9)]


def test_sec008_plain_configuration_is_fine(lint: Any) -> None:
    configmap = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app}
    data:
      LOG_LEVEL: info
      TOKEN_URL: https://auth.acme.io/token
      existingSecret: app-credentials
      app.properties: |
        spring.datasource.password=${DB_PASSWORD}
        spring.security.oauth2.client.registration.acme.client-secret=
    """
    assert lint({"cm.yaml": configmap}, "SEC008") == []


# --- SEC009 ------------------------------------------------------------------------------------------


def test_sec009_chart_values_files(lint: Any) -> None:
    files = {
        "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
        "charts/app/values.yaml": """
        auth:
          existingSecret: ""
          password: ""
          rootPassword: Sup3r-Root-pw
        redis:
          auth.password: redis-Passw0rd
        extraEnv:
          - name: API_TOKEN
            value: tok-1234567890
          - name: LOG_LEVEL
            value: debug
        image: {repository: ghcr.io/acme/app, tag: "1.0"}
        """,
        "charts/app/values-prod.yaml": f"webhook: {GITHUB}\n",
    }
    found = lint(files, "SEC009")
    assert where(found) == [
        ("SEC009", "charts/app/values-prod.yaml", 1, 1),
        ("SEC009", "charts/app/values.yaml", 4, 3),
        ("SEC009", "charts/app/values.yaml", 6, 3),
        ("SEC009", "charts/app/values.yaml", 9, 5),
    ]
    assert "auth.rootPassword" in found[1].message and "Sup3r" not in found[1].message


def test_sec009_argo_and_flux_values(lint: Any) -> None:
    files = {
        "envs/prod/values.yaml": "db:\n  password: pr0d-db-Password\n",
        "apps.yaml": """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web, namespace: argocd}
        spec:
          source:
            repoURL: https://github.com/acme/deploy
            path: envs/prod
            helm:
              valueFiles: [values.yaml]
              values: |
                ingress:
                  enabled: true
                oauth:
                  clientSecret: inline-Client-Secret
              valuesObject:
                smtp: {password: object-Smtp-pw}
              parameters:
                - {name: auth.adminPassword, value: param-Admin-pw}
                - {name: image.tag, value: "1.2.3"}
              fileParameters:
                - {name: auth.secretKey, path: secrets/key.txt}
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: grafana}
        spec:
          chart:
            spec: {chart: grafana, sourceRef: {kind: HelmRepository, name: grafana}}
          values:
            adminPassword: Graf4na-Adm1n
        """,
        "kustomization.yaml": """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        helmCharts:
          - name: redis
            repo: https://charts.bitnami.com/bitnami
            version: 19.0.0
            valuesInline:
              auth: {password: inline-Redis-pw}
        """,
    }
    found = lint(files, "SEC009")
    assert where(found) == [
        ("SEC009", "apps.yaml", 14, 11),
        ("SEC009", "apps.yaml", 16, 16),
        ("SEC009", "apps.yaml", 18, 38),
        ("SEC009", "apps.yaml", 30, 5),
        ("SEC009", "envs/prod/values.yaml", 2, 3),
        ("SEC009", "kustomization.yaml", 8, 14),
    ]
    assert "helm parameter auth.adminPassword" in found[2].message


def test_sec009_sops_values_and_references_are_fine(lint: Any) -> None:
    enc = "ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]"
    files = {
        "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
        "charts/app/values.yaml": (
            "auth:\n  existingSecret: app-auth\n  passwordKey: admin-password\n  tlsSecret: app-tls\n"
        ),
        "charts/app/values-secrets.yaml": f"auth:\n  password: {enc}\nsops:\n  mac: {enc}\n",
    }
    assert lint(files, "SEC009") == []


# --- SEC010 ------------------------------------------------------------------------------------------


def test_sec010_literals_files_and_envs(run_rules: Any) -> None:
    enc = "ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]"
    files = {
        "app/kustomization.yaml": """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        secretGenerator:
          - name: app
            literals:
              - API_TOKEN=tok-1234567890
              - EMPTY=
              - FROM_CI=${CI_TOKEN}
            files:
              - tls.key=certs/server.key
              - missing.txt
            envs:
              - db.env
              - sealed.env
        """,
        "app/certs/server.key": "not a real key, but a key file\n",
        "app/db.env": f"DB_PASSWORD=db-Passw0rd\nDB_TOKEN={GITHUB}\n",
        "app/sealed.env": f"DB_PASSWORD={enc}\nsops_mac={enc}\n",
    }
    found = run_rules(files, ["SEC"])
    assert where(found) == [
        ("SEC010", "app/kustomization.yaml", 6, 9),
        ("SEC010", "app/kustomization.yaml", 10, 9),
        ("SEC010", "app/kustomization.yaml", 13, 9),
    ]
    assert "GitHub token" in found[2].message


def test_sec008_locally_tagged_values_are_looked_up_by_the_application(lint: Any) -> None:
    """`!env_var NAME` (recyclarr), `!secret key` (Home Assistant): the tag names where the value is."""
    configmap = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: recyclarr}
    data:
      recyclarr.yml: |
        sonarr:
          main:
            api_key: !env_var SONARR_API_KEY
        radarr:
          main:
            api_key: Qm7vX2pLr9TzK4wNx8Jd
    """
    assert where(lint({"cm.yaml": configmap}, "SEC008")) == [("SEC008", "cm.yaml", 11, 9)]


def test_a_locally_tagged_scalar_is_not_a_literal() -> None:
    from checks.secrets._values import is_literal
    from linter.yamlload import parse_yaml

    text = 'password: !vault secret/db#password\ntoken: Qm7vX2pLr9TzK4wNx8Jd\nquoted: "!Qm7vX2pLr9TzK4wN"\n'
    root = parse_yaml(text, "v.yaml").docs[0].root
    assert root.items["password"].text == "!vault secret/db#password"  # as written, tag included
    assert not is_literal(root.items["password"], key="password")
    assert is_literal(root.items["token"], key="token")
    assert is_literal(root.items["quoted"], key="password")  # a value that starts with "!" is no tag
