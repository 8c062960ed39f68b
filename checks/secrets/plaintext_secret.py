"""SEC001 plaintext-secret-manifest."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._values import decode_base64, is_certificate_only, is_literal, is_sops_encrypted
from linter.context import Context
from linter.globs import matches_any
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar


def _literal_entries(section: YMap | None, encoded: bool) -> list[tuple[str, YNode]]:
    found: list[tuple[str, YNode]] = []
    if section is None:
        return found
    for key, node in section.items.items():
        if not isinstance(node, YScalar) or node.value is None:
            continue
        text = node.value if isinstance(node.value, str) else node.text
        decoded = decode_base64(text) if encoded else None
        value = decoded if decoded is not None else text
        if is_literal(node, value if encoded else None) and not is_certificate_only(value):
            found.append((key, node))
    return found


@Rule(
    id="SEC001",
    slug="plaintext-secret-manifest",
    title="A Kubernetes Secret with clear-text values is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.OBJECT,
    kinds=frozenset({"Secret", "SealedSecret"}),
    summary="""
        Reports a v1 Secret that is not SOPS-encrypted and has real values in `data` (base64-decoded
        first) or `stringData`, and a SealedSecret whose `spec.template.data` holds clear text. Empty
        values, placeholders (`${VAR}`, `<changeme-by-pipeline>`, `ENC[...]`, masks such as `****`)
        and public certificates are ignored. One finding per Secret lists the offending keys; values
        are never printed.
        """,
    rationale="""
        Base64 is an encoding, not encryption: anyone who can read the repository, its forks, CI logs
        or any clone has the credentials, and they stay in git history after the file is deleted.
        """,
    fix="Commit a SOPS-encrypted Secret, a SealedSecret or an ExternalSecret instead, and rotate the values.",
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-credentials
        stringData:
          password: s3cr3t-Passw0rd
        """,
    good="""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata:
          name: db-credentials
        spec:
          secretStoreRef: {name: vault, kind: ClusterSecretStore}
          target: {name: db-credentials}
          data:
            - secretKey: password
              remoteRef: {key: prod/db, property: password}
        """,
    notes="""
        Files under config `secret_allowlist_paths` are skipped. Keys that a more specific secret rule
        reports (registry, TLS/SSH/token and Argo CD credential Secrets) are left to that rule when it
        runs. Besides the catalogue's PLACEHOLDER forms, 1Password secret references (`op://...`,
        filled in by `op inject`) are references, like vals `ref+...` URIs.
        """,
    refs=("gitleaks kubernetes-secret-yaml", "CKV_SECRET_*"),
)
def plaintext_secret_manifest(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if ctx.config.secret_allowlist_paths and matches_any(resource.src, ctx.config.secret_allowlist_paths):
        return
    if resource.kind == "Secret":
        if resource.api_version != "v1" or is_sops_encrypted(resource.root):
            return
        entries = _literal_entries(resource.root.map("data"), encoded=True) + _literal_entries(
            resource.root.map("stringData"), encoded=False
        )
    elif resource.group == "bitnami.com":
        template = resource.root.at("spec.template")
        entries = _literal_entries(template.map("data") if isinstance(template, YMap) else None, encoded=True)
    else:
        return
    if not entries:
        return
    keys = sorted({key for key, _ in entries})
    yield Violation(
        f"{resource.describe()} holds clear-text values for key(s) {', '.join(keys)}; encrypt it "
        "(SOPS, SealedSecret or ExternalSecret) and rotate the values",
        at=entries[0][1],
        evidence="keys:" + ",".join(keys),
    )
