"""ORC009 rbac-credential-minting."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_MINTING = (
    Want(("",), ("serviceaccounts/token",), ("create",)),
    Want(("certificates.k8s.io",), ("certificatesigningrequests/approval",), ("update", "patch")),
    Want(("certificates.k8s.io",), ("signers",), ("approve",)),
)


@Rule(
    id="ORC009",
    slug="rbac-credential-minting",
    title="An RBAC rule can mint credentials (ServiceAccount tokens or approved certificates).",
    severity=Severity.HIGH,
    nist=("4.3.2", "4.3.5"),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants create on
        `serviceaccounts/token`, update or patch on `certificatesigningrequests/approval`, or
        `approve` on `signers` (certificates.k8s.io). One level lower when the entry is limited by
        `resourceNames`.
        """,
    rationale="""
        A token request mints a fresh credential for any ServiceAccount the rule covers, and an
        approved CSR for the kube-apiserver-client signer is a client certificate for any user or
        group (including system:masters) that cannot be revoked before it expires.
        """,
    fix="Let only the kube-controller-manager/cert-manager approve CSRs; use bound, short-lived tokens.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: csr-approver
        rules:
          - apiGroups: ["certificates.k8s.io"]
            resources: ["certificatesigningrequests/approval"]
            verbs: ["update"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: csr-approver
        rules:
          - apiGroups: ["certificates.k8s.io"]
            resources: ["certificatesigningrequests"]
            verbs: ["get", "list", "watch"]
        """,
    notes="""
        Each CSR permission is reported on its own, as the catalogue says; Checkov CKV_K8S_156 fails
        a ClusterRole only when it holds both (approval update/patch and `approve` on signers) and
        does not look at `serviceaccounts/token`.
        """,
    refs=("CKV_K8S_156", "Kubescape C-0280", "Kubescape C-0282", "Kyverno restrict-clusterrole-csr"),
)
def rbac_credential_minting(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _MINTING,
        "can mint credentials",
        "leave token and certificate issuance to the control plane",
        Severity.HIGH,
    )
