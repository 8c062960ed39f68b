"""ORC005 rbac-workload-create."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_WORKLOADS = (
    Want(("",), ("pods", "persistentvolumes"), ("create",)),
    Want(("apps",), ("deployments", "daemonsets", "statefulsets", "replicasets"), ("create", "update", "patch")),
    Want(("",), ("replicationcontrollers",), ("create", "update", "patch")),
    Want(("batch",), ("jobs", "cronjobs"), ("create", "update", "patch")),
)


@Rule(
    id="ORC005",
    slug="rbac-workload-create",
    title="An RBAC rule can create pods, workload controllers or PersistentVolumes.",
    severity=Severity.MEDIUM,
    nist=("4.3.1", "4.4.5"),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants create on `pods`; create,
        update or patch on deployments, daemonsets, statefulsets, replicasets (apps),
        replicationcontrollers (core), jobs or cronjobs (batch); or create on `persistentvolumes`.
        One level lower when the entry is limited by `resourceNames`.
        """,
    rationale="""
        Whoever can create a pod, or change a controller's pod template, can run any image with any
        ServiceAccount and any Secret of the namespace, and (without admission control) a privileged
        pod on the node. A PersistentVolume can expose any host path.
        """,
    fix="Leave workload creation to the GitOps controller's ServiceAccount; humans get read-only access.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: job-runner
          namespace: batch
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["create", "delete"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: job-runner
          namespace: batch
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["get", "list", "delete"]
        """,
    notes="""
        Judges every Role and ClusterRole, bound or not; kube-linter access-to-create-pods judges
        bindings (a role fails once bound) and counts only create, also on the controllers.
        """,
    refs=("kube-linter access-to-create-pods", "Kubescape C-0188", "Kubescape C-0278", "KSV048"),
)
def rbac_workload_create(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _WORKLOADS,
        "can create or change workloads",
        "leave workload changes to the GitOps controller",
        Severity.MEDIUM,
    )
