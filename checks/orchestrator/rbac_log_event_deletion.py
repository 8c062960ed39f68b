"""ORC010 rbac-log-event-deletion."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, Want, grant_violations
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_DELETION = (
    Want(("",), ("pods/log",), ("delete", "deletecollection")),
    Want(("", "events.k8s.io"), ("events",), ("delete", "deletecollection")),
)


@Rule(
    id="ORC010",
    slug="rbac-log-event-deletion",
    title="An RBAC rule can delete pod logs or events (anti-forensics).",
    severity=Severity.MEDIUM,
    nist=("4.3.2", "4.4.5"),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole that grants delete or deletecollection
        on `pods/log`, or on `events` (core or events.k8s.io). One level lower when the entry is
        limited by `resourceNames`.
        """,
    rationale="""
        Events and logs are the first evidence of an intrusion; a subject that can delete them can
        cover its tracks.
        """,
    fix="Remove delete rights on logs and events.",
    bad="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: janitor
        rules:
          - apiGroups: ["events.k8s.io"]
            resources: ["events"]
            verbs: ["list", "deletecollection"]
        """,
    good="""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: janitor
        rules:
          - apiGroups: ["events.k8s.io"]
            resources: ["events"]
            verbs: ["list", "watch"]
        """,
    refs=("KSV042", "Kubescape C-0031", "Kubescape C-0007 (partial)"),
)
def rbac_log_event_deletion(role: Resource, ctx: Context) -> Iterator[Violation]:
    yield from grant_violations(
        role,
        ctx,
        _DELETION,
        "can delete pod logs or events",
        "remove delete rights on logs and events",
        Severity.MEDIUM,
    )
