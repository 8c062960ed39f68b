"""ORC008 rbac-admission-webhook-write."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, WRITE_VERBS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_ADMISSION = (
    Want(
        ("admissionregistration.k8s.io",),
        (
            "mutatingwebhookconfigurations",
            "validatingwebhookconfigurations",
            "validatingadmissionpolicies",
            "validatingadmissionpolicybindings",
            "mutatingadmissionpolicies",
            "mutatingadmissionpolicybindings",
        ),
        WRITE_VERBS,
    ),
)


@Rule(
    id="ORC008",
    slug="rbac-admission-webhook-write",
    title="An RBAC rule can change admission webhooks or admission policies.",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants a write verb (create,
        update, patch, delete, deletecollection or `*`) on mutating/validating webhook
        configurations or (mutating/validating) admission policies and their bindings
        (admissionregistration.k8s.io). One level lower when the entry is limited by
        `resourceNames`.
        """,
    rationale="""
        Admission control is where the cluster enforces its security policy. Whoever can change it
        can switch the policy off, or register a mutating webhook that rewrites every pod (or reads
        every Secret) that passes through the API server.
        """,
    fix="Restrict admission configuration to the platform controller.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: webhook-manager
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations"]
            verbs: ["get", "patch"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: webhook-manager
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations"]
            verbs: ["get", "list", "watch"]
        """,
    notes="""
        Broader than Checkov CKV_K8S_155, which judges ClusterRoles only and counts create, update
        and patch on the two webhook configurations: this rule also judges Roles (a Role cannot
        grant these cluster-scoped objects, but a ClusterRole copied into a Role is a mistake worth
        seeing), counts delete/deletecollection (deleting a validating webhook disables it) and the
        admission policies.
        """,
    refs=(
        "CKV_K8S_155",
        "Kubescape C-0281",
        "KSV114",
        "Kyverno restrict-clusterrole-mutating-validating-admission-webhooks",
    ),
)
def rbac_admission_webhook_write(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _ADMISSION,
        "can change admission control",
        "leave admission configuration to the platform controller",
        Severity.HIGH,
    )
