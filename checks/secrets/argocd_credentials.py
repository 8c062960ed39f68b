"""SEC004 argocd-credential-secret."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._secret_objects import ARGOCD, ARGOCD_LABEL, argocd_credentials, is_plain_secret, secret_class
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="SEC004",
    slug="argocd-credential-secret",
    title="An Argo CD repository or cluster credential Secret is committed in clear.",
    severity=Severity.CRITICAL,
    nist=("4.1.4", "4.3.2"),
    target=Target.OBJECT,
    kinds=frozenset({"Secret"}),
    summary="""
        Reports Secrets labelled `argocd.argoproj.io/secret-type` (repository, repo-creds,
        repository-write, repo-write-creds, cluster, scm-creds) that hold a literal `password`,
        `sshPrivateKey`, `githubAppPrivateKey`, `tlsClientCertKey`, `gcpServiceAccountKey`,
        `azureServicePrincipalClientSecret` or `bearerToken` (base64-decoded first), and cluster
        Secrets whose `config` JSON holds a non-empty `bearerToken`, `password`,
        `tlsClientConfig.keyData` or a secret-named `execProviderConfig.env` value. One finding per key.
        """,
    rationale="""
        Argo CD repository credentials give write access to the sources it deploys from, and a
        cluster Secret's bearer token or client key is usually cluster-admin on the target cluster.
        """,
    fix="Provide Argo CD credentials through SOPS/KSOPS, SealedSecrets or ExternalSecret; rotate them.",
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: prod-cluster
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: cluster
        stringData:
          name: prod
          server: https://prod.k8s.acme.io
          config: |
            {"bearerToken": "kY8rT2vLm9QzX4wB7nD1sF6hJ3pA0uE5", "tlsClientConfig": {"caData": "LS0tLS1CRUdJTg=="}}
        """,
    good="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: prod-cluster
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: cluster
        stringData:
          name: prod
          server: https://prod.k8s.acme.io
          config: |
            {"awsAuthConfig": {"clusterName": "prod", "roleARN": "arn:aws:iam::123456789012:role/argocd"}}
        """,
    notes="`awsAuthConfig` holds no credentials (cluster name, role ARN, profile) and is not reported.",
    refs=(),
)
def argocd_credential_secret(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(resource.src, ctx) or not is_plain_secret(resource) or secret_class(resource, ctx) != ARGOCD:
        return
    secret_type = resource.labels().get(ARGOCD_LABEL)
    for entry, problem in argocd_credentials(resource):
        yield Violation(
            f"Argo CD {secret_type} {resource.describe()}: {problem}; provide it through SOPS/KSOPS, "
            "SealedSecrets or an ExternalSecret and rotate it",
            at=entry.node,
            evidence=f"{entry.describe()}:{problem}",
            covers=(entry.node,),
        )
