"""SEC003 plaintext-key-or-token-secret."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds
from checks.secrets._secret_objects import (
    TYPED,
    TYPED_KEYS,
    is_plain_secret,
    secret_class,
    secret_type,
    typed_credentials,
)
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="SEC003",
    slug="plaintext-key-or-token-secret",
    title="A Secret carrying a private key, password or token (typed or used by Flux) is committed in clear.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.OBJECT,
    kinds=frozenset({"Secret"}),
    summary="""
        Reports the credential key of typed Secrets committed in clear: `tls.key` of
        `kubernetes.io/tls`, `ssh-privatekey` of `kubernetes.io/ssh-auth`, `password` of
        `kubernetes.io/basic-auth`, `token` of `kubernetes.io/service-account-token` and
        `token-secret` of bootstrap tokens; and, in Secrets that Flux objects reference (source
        `secretRef`s, `decryption.secretRef`, image automation signing keys, notification providers),
        the keys that hold credentials: `identity`, `bearerToken`, `password`, `git.asc`, `sops.asc`,
        `*.agekey`, `*.asc`, `githubAppPrivateKey`, `secretkey`, `keyFile`, `clientSecret`,
        `accountKey`, `sasKey`, `token`. Values are base64-decoded first; one finding per key.
        """,
    rationale="""
        These keys are the most powerful material a cluster holds: TLS and SSH private keys, the
        key that decrypts every SOPS file, static API tokens that never expire. In clear in git
        they are readable by everyone with repository access, forever.
        """,
    fix="Move the material to SOPS, SealedSecrets or an external store (cert-manager for TLS keys); rotate it.",
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: wildcard-tls
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUQ
            -----END CERTIFICATE-----
          tls.key: |
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIBkGq2m8
            -----END EC PRIVATE KEY-----
        """,
    good="""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: wildcard-tls
        spec:
          secretName: wildcard-tls
          dnsNames: ["*.acme.io"]
          issuerRef: {name: letsencrypt, kind: ClusterIssuer}
        """,
    notes="""
        The catalogue's key names (`identity`, `password`, `token`...) are judged in Secrets that a
        Flux object references, as its `applies_to` says: judged in every Secret they would take
        over most generic Secrets from SEC001. Secrets labelled as Argo CD credentials are SEC004's
        and registry Secrets SEC002's (classification order). Public material (certificates, PGP
        public keys in a verification Secret's `git.asc`) is not reported.
        """,
    refs=("Kubescape C-0012 (partial)",),
)
def plaintext_key_or_token_secret(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(resource.src, ctx) or not is_plain_secret(resource) or secret_class(resource, ctx) != TYPED:
        return
    kind = secret_type(resource)
    why = f"type {kind}" if kind in TYPED_KEYS else "referenced by Flux"
    for entry in typed_credentials(resource, ctx):
        detected = detected_kinds([(entry.key, entry.value)])
        yield Violation(
            f"{resource.describe()} ({why}) holds {entry.describe()} in clear{detected}; move it to SOPS, "
            "SealedSecrets or an external store (cert-manager for TLS keys) and rotate it",
            at=entry.node,
            evidence=entry.describe(),
            covers=(entry.node,),
        )
