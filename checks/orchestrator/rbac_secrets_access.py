"""ORC004 rbac-secrets-access."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_READ_SECRETS = (Want(("",), ("secrets",), ("get", "list", "watch")),)


@Rule(
    id="ORC004",
    slug="rbac-secrets-access",
    title="An RBAC rule can read Secrets.",
    severity=Severity.HIGH,
    nist=("4.3.2", "4.1.4"),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants get, list or watch on
        `secrets` in the core group (`*` counts for each of the three). High for a ClusterRole,
        medium for a namespaced Role, low when the entry is limited by `resourceNames`. Entries a
        ClusterRole aggregates from ClusterRoles of the repository are reported on it too.
        """,
    rationale="""
        Secrets hold database passwords, API keys, TLS keys and ServiceAccount tokens: read access
        to them is access to everything they unlock. `list` and `watch` return the values as well,
        not just the names.
        """,
    fix="Grant Secret access only to the controllers that need it, scoped by namespace and resourceNames.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: config-reader
        rules:
          - apiGroups: [""]
            resources: ["configmaps", "secrets"]
            verbs: ["get", "list"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: config-reader
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "list"]
        """,
    notes="""
        Judges every Role and ClusterRole, bound or not. Checkov CKV2_K8S_5 and kube-linter
        access-to-secrets judge bindings instead (a role fails only once bound, for Checkov only to a
        ServiceAccount or Node); kube-linter also counts create and delete, which are not reads.
        The severity with `resourceNames` is low (the catalogue's own choice, not the generic
        one-level lowering).
        """,
    refs=(
        "CKV2_K8S_5",
        "kube-linter access-to-secrets",
        "Kubescape C-0015",
        "Kubescape C-0186",
        "KSV041",
        "KSV113",
        "Kyverno restrict-secret-role-verbs",
    ),
)
def rbac_secrets_access(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _READ_SECRETS,
        "can read Secrets",
        "grant Secret access only where needed, limited by resourceNames",
        Severity.HIGH if role.kind == "ClusterRole" else Severity.MEDIUM,
        limited=Severity.LOW,
    )
