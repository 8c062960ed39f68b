"""SEC rules."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from checks.secrets._values import is_literal_text, is_reference, is_secret_key, key_words, preview
from tests.conftest import where


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_sec001_data_and_string_data(lint: Any) -> None:
    secret = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: db}}
    data:
      empty: ""
      user: {b64("admin")}
    stringData:
      password: hunter2-but-longer
      token: "${{TOKEN}}"
    """
    found = lint({"s.yaml": secret}, "SEC001")
    assert where(found) == [("SEC001", "s.yaml", 6, 3)]
    assert "password, user" in found[0].message
    assert "hunter2" not in found[0].message and "admin" not in found[0].message


def test_sec001_ignores_placeholders_certificates_and_sops(lint: Any) -> None:
    cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----\n"
    files = {
        "placeholders.yaml": """
        apiVersion: v1
        kind: Secret
        metadata: {name: p}
        stringData:
          a: <set-by-pipeline>
          b: "****"
          c: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]
          d: "false"
          e: example-password
          f: op://kubernetes/cloudflare/TUNNEL_TOKEN
          g: ref+vault://secret/web#password
        """,
        "ca.yaml": f"apiVersion: v1\nkind: Secret\nmetadata: {{name: ca}}\ndata:\n  ca.crt: {b64(cert)}\n",
        "sops.yaml": """
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        stringData:
          password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]
        sops:
          mac: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]
        """,
    }
    assert lint(files, "SEC001") == []


def test_sec001_sealed_secret_template(lint: Any) -> None:
    sealed = """
    apiVersion: bitnami.com/v1alpha1
    kind: SealedSecret
    metadata: {name: s}
    spec:
      encryptedData:
        password: AgBy3i4OJSWK+PiTySYZZA==
      template:
        data:
          username: plain-user-name
    """
    assert where(lint({"ss.yaml": sealed}, "SEC001")) == [("SEC001", "ss.yaml", 9, 7)]


def test_sec001_allowlisted_paths(lint: Any) -> None:
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: t}\nstringData:\n  password: fixture-value\n"
    assert lint({"tests/fixtures/s.yaml": secret}, "SEC001", secret_allowlist_paths=["tests/**"]) == []
    assert len(lint({"tests/fixtures/s.yaml": secret}, "SEC001")) == 1


# --- SECRET_KEY, LITERAL, PLACEHOLDER -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("dbPassword", ("db", "password")),
        ("TOKENIZERS_PARALLELISM", ("tokenizers", "parallelism")),
        ("APIKey", ("api", "key")),
        ("aws.secret-access_key2id", ("aws", "secret", "access", "key", "id")),
    ],
)
def test_key_words(name: str, words: tuple[str, ...]) -> None:
    assert key_words(name) == words


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "DB_PASSWORD",
        "dbPassword",
        "api_key",
        "apiKey",
        "X-Api-Key",
        "clientSecret",
        "AUTH_TOKEN",
        "connectionString",
        "conn_str",
        "sentry.dsn",
        "private-key",
        "accessKey",
        "pwd",
        "passphrase",
    ],
)
def test_secret_keys(name: str) -> None:
    assert is_secret_key(name)


@pytest.mark.parametrize(
    "name",
    [
        "passwordFile",
        "secretName",
        "existingSecret",
        "accessKeyId",
        "passwordKey",
        "bypassValidation",
        "sslPassthrough",
        "tokenizer",
        "TOKEN_URL",
        "apikey",
        "key",
        "tokenTTL",
        "secret_ref",
        "PGPASSWORD",
    ],
)
def test_not_secret_keys(name: str) -> None:
    assert not is_secret_key(name)


def test_references_numbers_and_placeholders_are_not_literals() -> None:
    assert is_reference("tlsSecret", "my-tls") and is_reference("adminKey", "admin-password")
    assert not is_reference("password", "my-tls") and not is_reference("apiKey", "Abc-Def")
    assert not is_literal_text("my-tls", "tlsSecret") and is_literal_text("mytls123", "tlsSecret")
    assert not is_literal_text("3600", "token_max") and is_literal_text("3600", "token")
    for value in (
        "${X}",
        "${{ steps.creds.outputs.PASSWORD }}",
        "$(X)",
        "$X",
        "{{ .Values.x }}",
        "<set-me>",
        "<path:kv#k>",
        "ENC[AES256_GCM,x]",
        "ref+vault://k",
        "op://vault/item",
        "******",
        "xxxx-xxxx",
        "my-example",
        "DUMMY1234",
        "",
        "abc",
        "true",
        "False",
        "null",
        "~",
    ):
        assert not is_literal_text(value), value
    assert is_literal_text("changeme") and is_literal_text("1234")


def test_redacted_preview() -> None:
    assert preview("ghp_0123456789abcdef") == '"ghp_…" (20 chars)'
    assert preview("hunter22") == '"hu…" (8 chars)'
    assert preview("abc") == '"…" (3 chars)'


# --- SEC001: classification and per-key de-duplication --------------------------------------------

GITHUB = "ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN"


def test_sec001_names_folded_detector_hits_and_covers_them(lint: Any, run_rules: Any) -> None:
    secret = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: ci}}
    stringData:
      github_token: {GITHUB}
      db_password: Xq7vRt2LmN9pZw4sK8
    """
    found = run_rules({"s.yaml": secret})
    assert where(found) == [("SEC001", "s.yaml", 5, 3)]
    assert "github_token holds a GitHub token" in found[0].message
    assert GITHUB not in found[0].message
    # Without SEC001 the detectors report the values themselves.
    alone = lint({"s.yaml": secret}, "SEC019") + lint({"s.yaml": secret}, "SEC023")
    assert where(alone) == [("SEC019", "s.yaml", 5, 17), ("SEC023", "s.yaml", 6, 16)]


def test_sec001_leaves_typed_and_registry_secrets_to_their_rules(lint: Any, run_rules: Any) -> None:
    tls = """
    apiVersion: v1
    kind: Secret
    metadata: {name: tls}
    type: kubernetes.io/tls
    stringData:
      tls.crt: not-a-certificate-but-public
      tls.key: private-key-material
    """
    assert run_rules({"tls.yaml": tls}, ["SEC001", "SEC003"], "SEC001") == []  # SEC003 runs and owns the type
    only = run_rules({"tls.yaml": tls}, ["SEC001"])
    assert [(f.rule_id, f.span.line) for f in only] == [("SEC001", 7)]  # SEC003 off: SEC001 judges it


def test_sec001_lists_keys_left_over_by_sec004(lint: Any, run_rules: Any) -> None:
    argo = """
    apiVersion: v1
    kind: Secret
    metadata:
      name: repo
      labels: {argocd.argoproj.io/secret-type: repository}
    stringData:
      url: https://github.com/acme/deploy
      type: git
      username: deployer
      password: Xq7vRt2LmN9pZw4s
      notes: rotated-2024-10
    """
    found = run_rules({"argo.yaml": argo})
    assert [(f.rule_id, f.span.line) for f in found] == [("SEC004", 10), ("SEC001", 11)]
    assert "key(s) notes;" in found[1].message


def test_sec001_skips_public_material_and_sealed_secrets_encrypted_data(lint: Any) -> None:
    public = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
    secret = f"apiVersion: v1\nkind: Secret\nmetadata: {{name: p}}\ndata:\n  key.pub: {b64(public)}\n"
    assert lint({"pub.yaml": secret}, "SEC001") == []


def test_sec001_yields_to_sec005_for_broken_sops_documents(lint: Any, run_rules: Any) -> None:
    doc = """
    apiVersion: v1
    kind: Secret
    metadata: {name: s}
    stringData:
      password: decrypted-in-place
    sops:
      version: 3.9.1
    """
    assert [f.rule_id for f in run_rules({"s.yaml": doc})] == ["SEC005"]
    assert [f.rule_id for f in run_rules({"s.yaml": doc}, ["SEC001"])] == ["SEC001"]


# --- SEC002 ------------------------------------------------------------------------------------------


def dockerconfig(**entries: dict[str, str]) -> str:
    return json.dumps({"auths": entries})


def test_sec002_dockerconfigjson_data_and_string_data(lint: Any) -> None:
    config = dockerconfig(**{"ghcr.io": {"auth": b64("bot:tok-123456")}, "quay.io": {"username": "x"}})
    data = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: pull}}
    type: kubernetes.io/dockerconfigjson
    data:
      .dockerconfigjson: {b64(config)}
    """
    found = lint({"pull.yaml": data}, "SEC002")
    assert where(found) == [("SEC002", "pull.yaml", 6, 3)]
    assert "ghcr.io auth" in found[0].message and "quay.io" not in found[0].message
    legacy = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: old}}
    type: kubernetes.io/dockercfg
    stringData:
      .dockercfg: '{json.dumps({"registry.acme.io": {"password": "s3cret-pull"}})}'
    """
    assert where(lint({"old.yaml": legacy}, "SEC002")) == [("SEC002", "old.yaml", 6, 3)]


def test_sec002_ignores_empty_credentials_and_sops(lint: Any) -> None:
    empty = dockerconfig(**{"ghcr.io": {"auth": ""}})
    files = {
        "empty.yaml": f"apiVersion: v1\nkind: Secret\nmetadata: {{name: e}}\ntype: kubernetes.io/dockerconfigjson\n"
        f"data:\n  .dockerconfigjson: {b64(empty)}\n",
        "sops.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockerconfigjson\n"
        "data:\n  .dockerconfigjson: ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]\n"
        "sops:\n  mac: ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]\n",
    }
    assert lint(files, "SEC002") == []


def test_sec002_committed_docker_config_file(lint: Any, run_rules: Any) -> None:
    config = '{\n  "auths": {\n    "ghcr.io": {\n      "auth": "' + b64("bot:pull-token-1") + '"\n    }\n  }\n}\n'
    found = run_rules({"ci/.docker/config.json": config, ".dockercfg": '{"h": {"auth": ""}}\n'})
    assert where(found) == [("SEC002", "ci/.docker/config.json", 3, 5)]  # SEC015 folded into it
    helper = '{"credsStore": "desktop", "auths": {"ghcr.io": {}}}\n'
    assert run_rules({".docker/config.json": helper}) == []


# --- SEC003 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("kubernetes.io/tls", "tls.key"),
        ("kubernetes.io/ssh-auth", "ssh-privatekey"),
        ("kubernetes.io/basic-auth", "password"),
        ("kubernetes.io/service-account-token", "token"),
        ("bootstrap.kubernetes.io/token", "token-secret"),
    ],
)
def test_sec003_typed_secrets(lint: Any, kind: str, key: str) -> None:
    secret = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: typed}}
    type: {kind}
    data:
      other: {b64("not-reported-here")}
      {key}: {b64("the-credential-value")}
    """
    found = lint({"t.yaml": secret}, "SEC003")
    assert where(found) == [("SEC003", "t.yaml", 7, 3)]
    assert f"data.{key}" in found[0].message and "credential-value" not in found[0].message


def test_sec003_flux_referenced_secret_keys(lint: Any, run_rules: Any) -> None:
    files = {
        "source.yaml": """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: apps, namespace: flux-system}
        spec:
          url: ssh://git@github.com/acme/apps
          secretRef: {name: apps-auth}
        """,
        "secret.yaml": """
        apiVersion: v1
        kind: Secret
        metadata: {name: apps-auth, namespace: flux-system}
        stringData:
          identity: private-ssh-key-text
          identity.pub: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq
          known_hosts: github.com ecdsa-sha2-nistp256 AAAAE2VjZHNh
        """,
        "unrelated.yaml": """
        apiVersion: v1
        kind: Secret
        metadata: {name: other, namespace: flux-system}
        stringData:
          identity: private-ssh-key-text
        """,
    }
    found = run_rules(files)
    assert [(f.rule_id, f.span.path, f.span.line) for f in found] == [
        ("SEC003", "secret.yaml", 5),
        ("SEC001", "unrelated.yaml", 5),
    ]


def test_sec003_skips_placeholders_and_public_keys(lint: Any) -> None:
    secret = """
    apiVersion: v1
    kind: Secret
    metadata: {name: t}
    type: kubernetes.io/tls
    stringData:
      tls.key: ${TLS_KEY}
    """
    assert lint({"t.yaml": secret}, "SEC003") == []


# --- SEC004 ------------------------------------------------------------------------------------------


def test_sec004_repository_and_cluster_secrets(lint: Any) -> None:
    repo = f"""
    apiVersion: v1
    kind: Secret
    metadata:
      name: repo
      labels: {{argocd.argoproj.io/secret-type: repo-creds}}
    data:
      url: {b64("https://github.com/acme")}
      sshPrivateKey: {b64("-----BEGIN OPENSSH PRIVATE KEY-----")}
      githubAppPrivateKey: ""
    """
    cluster = """
    apiVersion: v1
    kind: Secret
    metadata:
      name: prod
      labels: {argocd.argoproj.io/secret-type: cluster}
    stringData:
      server: https://prod.k8s.acme.io
      config: |
        {"tlsClientConfig": {"keyData": "LS0tLS1CRUdJTiBSU0E="},
         "execProviderConfig": {"command": "argocd-k8s-auth", "env": {"AWS_SECRET_ACCESS_KEY": "wJalrXUtn4Kq9"}}}
    """
    found = lint({"repo.yaml": repo, "cluster.yaml": cluster}, "SEC004")
    assert where(found) == [("SEC004", "cluster.yaml", 8, 3), ("SEC004", "repo.yaml", 8, 3)]
    assert "tlsClientConfig.keyData, execProviderConfig.env.AWS_SECRET_ACCESS_KEY" in found[0].message


def test_sec004_aws_auth_config_and_unlabelled_secrets_are_fine(lint: Any, run_rules: Any) -> None:
    cluster = """
    apiVersion: v1
    kind: Secret
    metadata:
      name: prod
      labels: {argocd.argoproj.io/secret-type: cluster}
    stringData:
      name: prod
      server: https://prod.k8s.acme.io
      config: '{"awsAuthConfig": {"clusterName": "prod", "roleARN": "arn:aws:iam::1:role/argocd"}}'
    """
    assert run_rules({"c.yaml": cluster}) == []


# --- SEC005 ------------------------------------------------------------------------------------------

ENC = "ENC[AES256_GCM,data:c2hvcA==,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]"


def test_sec005_unencrypted_secret_value(lint: Any) -> None:
    doc = f"""
    apiVersion: v1
    kind: Secret
    metadata: {{name: db}}
    stringData:
      username: {ENC}
      password: left-in-clear
      empty: ""
    sops:
      mac: {ENC}
      encrypted_regex: ^username$
    """
    found = lint({"db.sops.yaml": doc}, "SEC005")
    assert where(found) == [("SEC005", "db.sops.yaml", 6, 3)]
    assert "stringData.password: Secret value" in found[0].message and "left-in-clear" not in found[0].message


def test_sec005_missing_mac_points_at_sops(lint: Any) -> None:
    doc = f"""
    app:
      db_password: {ENC}
      api_key: Plain_Api_Key_9
      region: eu-west-1
    sops:
      mac: ""
      version: 3.9.1
    """
    found = lint({"values.enc.yaml": doc}, "SEC005")
    assert where(found) == [("SEC005", "values.enc.yaml", 5, 1)]
    assert "no mac" in found[0].message and "app.api_key" in found[0].message


def test_sec005_other_documents_flag_secret_keys_and_detector_hits_only(lint: Any, run_rules: Any) -> None:
    doc = f"""
    database:
      host: db.internal
      password: {ENC}
    notify: {GITHUB}
    sops:
      mac: {ENC}
      unencrypted_regex: ^(host|notify)$
    """
    found = run_rules({"app.sops.yaml": doc})
    assert where(found) == [("SEC005", "app.sops.yaml", 4, 1)]  # the GitHub token is folded
    assert "notify: GitHub token" in found[0].message


def test_sec005_dotenv_and_ini(lint: Any) -> None:
    dotenv = f"DB_PASSWORD={ENC}\nAPI_TOKEN=plain-token-value\nLOG_LEVEL=info\nsops_mac={ENC}\nsops_version=3.9.1\n"
    ini = "[db]\npassword = plain-db-password\nhost = db\n[sops]\nversion = 3.9.1\n"
    found = lint({"app.env": dotenv, "app.ini": ini}, "SEC005")
    assert where(found) == [("SEC005", "app.env", 2, 11), ("SEC005", "app.ini", 5, 11)]
    assert "db.password" in found[1].message and "no mac" in found[1].message


def test_sec005_fully_encrypted_files_are_fine(lint: Any) -> None:
    doc = f"apiVersion: v1\nkind: Secret\nmetadata: {{name: x}}\ndata:\n  a: {ENC}\nsops:\n  mac: {ENC}\n"
    assert lint({"ok.yaml": doc, "ok.env": f"A={ENC}\nsops_mac={ENC}\n"}, "SEC005") == []


# --- SEC006 ------------------------------------------------------------------------------------------

KUBECONFIG = """
apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: {server: "https://prod.k8s.acme.io"}
users:
  - name: admin
    user:
      client-certificate-data: LS0tLS1CRUdJTg==
      client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRF
  - name: oidc
    user:
      auth-provider:
        name: oidc
        config: {client-id: k8s, id-token: eyJhbGciOiJSUzI1NiJ9x, refresh-token: ""}
  - name: ci
    user:
      exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}
"""


def test_sec006_kubeconfig_file_fields(lint: Any) -> None:
    found = lint({"clusters/prod.kubeconfig": KUBECONFIG, "deploy/kubeconfig.yaml": KUBECONFIG}, "SEC006")
    assert where(found) == [
        ("SEC006", "clusters/prod.kubeconfig", 10, 7),
        ("SEC006", "clusters/prod.kubeconfig", 15, 34),
        ("SEC006", "deploy/kubeconfig.yaml", 10, 7),
        ("SEC006", "deploy/kubeconfig.yaml", 15, 34),
    ]
    assert "user 'admin' client-key-data" in found[0].message


def test_sec006_kubeconfig_in_a_secret(lint: Any, run_rules: Any) -> None:
    block = "\n".join("    " + line for line in KUBECONFIG.strip().splitlines())
    secret = f"apiVersion: v1\nkind: Secret\nmetadata: {{name: remote}}\nstringData:\n  value: |\n{block}\n"
    encoded = f"apiVersion: v1\nkind: Secret\nmetadata: {{name: remote}}\ndata:\n  value: {b64(KUBECONFIG)}\n"
    found = run_rules({"s.yaml": secret, "e.yaml": encoded})
    assert where(found) == [("SEC006", "e.yaml", 5, 3), ("SEC006", "s.yaml", 15, 11), ("SEC006", "s.yaml", 20, 38)]


WEIRD_SHAPES = {
    "secret-list.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ndata: [1, 2]\nstringData: null\n",
    "secret-maps.yaml": "apiVersion: v1\nkind: Secret\nmetadata: [x]\ntype: 5\n"
    "data: {a: {b: c}, b: [1], c: 12345678}\n",
    "argo.yaml": "apiVersion: v1\nkind: Secret\n"
    "metadata: {name: a, labels: {argocd.argoproj.io/secret-type: cluster}}\n"
    "stringData: {config: '[not json'}\n",
    "pull.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: p}\ntype: kubernetes.io/dockerconfigjson\n"
    "stringData: {.dockerconfigjson: '{\"auths\": [1]}'}\n",
    "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    "data: {a: null, b: [x]}\nbinaryData: {x: '%%%'}\n",
    "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    "    - name: a\n      env: {x: y}\n      envFrom: [null, {secretRef: x}]\n",
    "kubeconfig": "apiVersion: v1\nkind: Config\nusers: {a: b}\n",
    "sops.yaml": "sops: {mac: [1]}\ndata: {a: [1, {b: null}]}\n",
    "kustomization.yaml": "secretGenerator: [null, {name: x, literals: {a: b}, files: 3, envs: [null]}]\n"
    "helmCharts: [{valuesInline: [1]}]\n",
    "app.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\n"
    "spec: {source: {path: 3, helm: {values: 5, parameters: [null, {name: [1]}], valueFiles: [1]}}}\n",
    ".github/workflows/ci.yml": "on: push\n"
    "jobs: {a: {steps: [{run: 5}, {uses: docker/build-push-action@v6, with: 3}]}}\n",
    "Dockerfile": "FROM alpine:3.20\nENV\nARG\nRUN chpasswd <<<\nCOPY\nRUN echo 'a:b' | chpasswd <<EOF\nEOF\n",
}


def test_weird_shapes_never_crash(run_rules: Any) -> None:
    run_rules(WEIRD_SHAPES, ["SEC"], extend_select=["SEC016"])  # fails on any rule error


def test_scanner_reports_are_not_scanned_for_secrets(lint: Any) -> None:
    """A SARIF report of an earlier run documents each rule with its made-up bad example."""
    line = 'db_password = "Qm7vX2pLr9TzK4wNx8Jd"\n'
    assert where(lint({"settings.ini": line}, "SEC023")) == [("SEC023", "settings.ini", 1, 16)]
    assert lint({"reports/lint.sarif": line, "out/gitops-lint.sarif.json": line}, "SEC023") == []


def test_ci_expressions_in_a_json_block_are_not_secrets(lint: Any) -> None:
    workflow = """
    jobs:
      renovate:
        runs-on: ubuntu-latest
        steps:
          - env:
              SECRETS: |-
                {"REGISTRY_PASSWORD": "${{ steps.load.outputs.REGISTRY_PASSWORD }}"}
    """
    assert lint({".github/workflows/r.yaml": workflow}, "SEC023") == []
