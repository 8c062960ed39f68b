"""SEC001 plaintext-secret-manifest."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds
from checks.secrets._secret_objects import (
    ARGOCD,
    ARGOCD_CREDENTIAL_KEYS,
    ARGOCD_DESCRIPTIVE_KEYS,
    FLUX_DESCRIPTIVE_KEYS,
    GENERIC,
    REGISTRY,
    RULE_OF_CLASS,
    TYPED,
    TYPED_KEYS,
    Entry,
    argocd_credentials,
    entries,
    is_plain_secret,
    is_secret_value,
    kubeconfig_entries,
    registry_credentials,
    secret_class,
    secret_type,
    typed_credentials,
)
from checks.secrets._values import decode_base64
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar


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
        are never printed. Token patterns found in those values (SEC017-SEC023) are named in this
        finding instead of being reported again.
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
        Files under config `secret_allowlist_paths` are skipped. Each Secret is classified once
        (Argo CD credential Secret, registry credentials, typed key/token Secret, generic): when the
        rule for its class runs (SEC004, SEC002, SEC003), the keys that rule reports are left to it,
        and so are kubeconfig values with credentials (SEC006). Secrets of a type that SEC002/SEC003
        handle (dockerconfigjson, tls, ssh-auth, basic-auth, service-account and bootstrap tokens)
        are left to that rule entirely while it runs: their other keys (`tls.crt`, `username`) are
        not secrets. In Argo CD and Flux credential Secrets, the keys those tools define as
        descriptive (`url`, `type`, `project`, `username`, `known_hosts`, `identity.pub`...) are not
        reported. Certificates and public keys are never secrets. Secrets made by a kustomize
        `secretGenerator` are reported by SEC010 when it runs, and SOPS documents by SEC005; a rendered
        Secret whose first clear value comes from Helm values is reported there by SEC009. Besides
        the catalogue's PLACEHOLDER forms, 1Password secret references (`op://...`, filled in by
        `op inject`) are references, like vals `ref+...` URIs.
        """,
    superseded_by=("SEC005", "SEC009", "SEC010"),
    refs=("gitleaks kubernetes-secret-yaml", "CKV_SECRET_*", "Kyverno disallow-all-secrets"),
)
def plaintext_secret_manifest(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(resource.src, ctx):
        return
    if resource.kind == "Secret":
        if not is_plain_secret(resource):
            return
        offending = _offending(resource, ctx)
    elif resource.group == "bitnami.com":
        offending = _sealed_template(resource)
    else:
        return
    if not offending:
        return
    keys = sorted({entry.key for entry in offending})
    detected = detected_kinds([(entry.key, entry.value) for entry in offending])
    yield Violation(
        f"{resource.describe()} holds clear-text values for key(s) {', '.join(keys)}{detected}; encrypt it "
        "(SOPS, SealedSecret or ExternalSecret) and rotate the values",
        at=offending[0].node,
        evidence="keys:" + ",".join(keys),
        covers=tuple(entry.node for entry in offending),
    )


def _offending(resource: Resource, ctx: Context) -> list[Entry]:
    kind = secret_class(resource, ctx)
    specific = RULE_OF_CLASS.get(kind)
    runs = specific is not None and specific in ctx.enabled
    if runs and (kind == REGISTRY or (kind == TYPED and secret_type(resource) in TYPED_KEYS)):
        return []  # the type's own rule judges the whole Secret
    left: set[int] = set()
    if runs and kind == ARGOCD:
        left = {id(entry.node) for entry, _ in argocd_credentials(resource)}
    elif runs and kind == REGISTRY:
        left = {id(entry.node) for entry, _ in registry_credentials(resource)}
    elif runs and kind == TYPED:
        left = {id(entry.node) for entry in typed_credentials(resource, ctx)}
    if "SEC006" in ctx.enabled:
        left |= {id(entry.node) for entry, _ in kubeconfig_entries(resource)}
    descriptive = _descriptive_keys(kind, runs)
    return [
        entry
        for entry in entries(resource)
        if id(entry.node) not in left
        and entry.key not in descriptive
        and entry.literal
        and is_secret_value(entry.value)
    ]


def _descriptive_keys(kind: str, runs: bool) -> frozenset[str]:
    if kind == ARGOCD:
        # While SEC004 runs, it alone judges the keys Argo CD defines (`config` of a cluster included).
        return ARGOCD_DESCRIPTIVE_KEYS | ({"config", *ARGOCD_CREDENTIAL_KEYS} if runs else set())
    if kind == TYPED:
        return FLUX_DESCRIPTIVE_KEYS
    assert kind in (GENERIC, REGISTRY)
    return frozenset()


def _sealed_template(resource: Resource) -> list[Entry]:
    template = resource.root.at("spec.template.data")
    if not isinstance(template, YMap):
        return []
    found: list[Entry] = []
    for key, node in template.items.items():
        if not isinstance(node, YScalar) or node.value is None:
            continue
        text = node.value if isinstance(node.value, str) else node.text
        decoded = decode_base64(text)
        entry = Entry(key, node, decoded or text, "spec.template.data", decoded is not None)
        if entry.literal and is_secret_value(text):
            found.append(entry)
    return found
