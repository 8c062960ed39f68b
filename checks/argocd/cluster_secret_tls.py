"""ARGO019 cluster-secret-tls-insecure."""

from __future__ import annotations

import json
from collections.abc import Iterator

from checks.argocd._argo import secret_type, secret_values
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="ARGO019",
    slug="cluster-secret-tls-insecure",
    title="An Argo CD cluster Secret disables TLS verification.",
    severity=Severity.HIGH,
    nist=("4.3.5",),
    target=Target.OBJECT,
    kinds=frozenset({"Secret"}),
    summary="""
        Reports Secrets labelled `argocd.argoproj.io/secret-type: cluster` whose `config` JSON sets
        `tlsClientConfig.insecure: true`.
        """,
    rationale="""
        Argo CD then talks to the cluster's API server without checking its certificate: anyone able to
        intercept the connection receives Argo CD's cluster credentials and decides what "the cluster"
        reports.
        """,
    fix="Provide `tlsClientConfig.caData` and remove `insecure`.",
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: prod-cluster
          namespace: argocd
          labels: {argocd.argoproj.io/secret-type: cluster}
        stringData:
          name: prod
          server: https://prod.k8s.example:6443
          config: '{"tlsClientConfig": {"insecure": true}}'
        """,
    good="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: prod-cluster
          namespace: argocd
          labels: {argocd.argoproj.io/secret-type: cluster}
        stringData:
          name: prod
          server: https://prod.k8s.example:6443
          config: '{"tlsClientConfig": {"caData": "LS0tLS1CRUdJTi..."}}'
        """,
)
def cluster_secret_tls_insecure(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if secret_type(resource) != "cluster":
        return
    config = secret_values(resource).get("config")
    if config is None:
        return
    try:
        parsed = json.loads(config[0])
    except ValueError:
        return
    tls = parsed.get("tlsClientConfig") if isinstance(parsed, dict) else None
    if isinstance(tls, dict) and tls.get("insecure") is True:
        yield Violation(
            f"cluster {resource.describe()} disables TLS verification (tlsClientConfig.insecure: true); "
            "provide caData instead",
            at=config[1],
        )
