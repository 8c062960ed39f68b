"""ORC024 default-service-account-used."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import BINDING_KINDS, judged, subjects
from checks.orchestrator._scope import describe
from checks.orchestrator._serviceaccounts import DEFAULT, name_node, pod_identity
from linter.context import Context
from linter.k8s import Resource, is_false
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


def _pod_uses_default(resource: Resource) -> Iterator[Violation]:
    if resource.pod is None:
        return
    identity = pod_identity(resource.pod)
    if identity.name != DEFAULT:
        return
    said = "names the default ServiceAccount" if identity.node is not None else "sets no serviceAccountName"
    yield Violation(
        f"{describe(resource)} {said}, so it runs as the namespace's default ServiceAccount; "
        "create a dedicated ServiceAccount and set serviceAccountName",
        at=identity.node or name_node(resource),
    )


def _default_account_automounts(resource: Resource) -> Iterator[Violation]:
    own = resource.root.get("automountServiceAccountToken")
    if is_false(own):
        return
    yield Violation(
        f"{describe(resource)} does not set automountServiceAccountToken: false, so every pod without its "
        "own ServiceAccount gets its token; set it to false",
        at=own or name_node(resource),
    )


def _binding_to_default(binding: Resource, ctx: Context) -> Iterator[Violation]:
    if not judged(binding, ctx):
        return
    for subject in subjects(binding):
        if subject.kind == "ServiceAccount" and subject.name == DEFAULT:
            yield Violation(
                f"{describe(binding)} grants permissions to {subject.describe()}, which every pod without "
                "its own ServiceAccount runs as; bind a dedicated ServiceAccount instead",
                at=subject.node,
                severity=Severity.MEDIUM,
            )


@Rule(
    id="ORC024",
    slug="default-service-account-used",
    title="The default ServiceAccount is used or granted permissions.",
    severity=Severity.LOW,
    nist=("4.3.1",),
    target=Target.OBJECT,
    summary="""
        Reports (a) a pod template whose `serviceAccountName` (and deprecated `serviceAccount`) is
        absent, empty or `default`; (b) a ServiceAccount named `default` without
        `automountServiceAccountToken: false`; (c) as medium, each ServiceAccount subject named
        `default` of a RoleBinding or ClusterRoleBinding.
        """,
    rationale="""
        Every pod that names no ServiceAccount shares its namespace's `default` one: permissions
        granted to it for one workload go to all of them, and nobody can tell from an audit log
        which workload acted.
        """,
    fix="Create a dedicated ServiceAccount per workload and disable automount on `default`.",
    bad="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: report
        spec:
          containers:
            - name: report
              image: ghcr.io/acme/report:2.0.1
        """,
    good="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: report
        spec:
          serviceAccountName: report
          containers:
            - name: report
              image: ghcr.io/acme/report:2.0.1
        """,
    notes="""
        Same verdicts as kube-linter default-service-account (serviceAccountName, else
        serviceAccount, matching `^(|default)$`), Checkov CKV_K8S_41 (a ServiceAccount `default`
        without `automountServiceAccountToken: false`) and CKV_K8S_42 (a binding with a
        ServiceAccount subject `default`). Bindings named like config `rbac_ignore` are skipped.
        """,
    refs=("CKV_K8S_41", "CKV_K8S_42", "kube-linter default-service-account", "Kubescape C-0189"),
)
def default_service_account_used(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.pod is not None:
        yield from _pod_uses_default(resource)
    elif resource.kind == "ServiceAccount" and resource.group == "" and resource.name == DEFAULT:
        yield from _default_account_automounts(resource)
    elif resource.kind in BINDING_KINDS:
        yield from _binding_to_default(resource, ctx)
