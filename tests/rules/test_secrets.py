"""SEC rules."""

from __future__ import annotations

import base64
from typing import Any

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
