"""ORC001 rbac-wildcard."""

from __future__ import annotations

import json
from collections.abc import Iterator

from checks.orchestrator._rbac import ROLE_KINDS, judged
from checks.orchestrator._scope import describe
from linter.context import Context
from linter.k8s import Resource, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIELDS = ("verbs", "resources", "apiGroups")


@Rule(
    id="ORC001",
    slug="rbac-wildcard",
    title="An RBAC rule uses wildcards.",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=ROLE_KINDS,
    summary="""
        Reports each `rules[]` entry of a Role or ClusterRole whose `verbs`, `resources` or
        `apiGroups` contains `*`, or whose `nonResourceURLs` contains `*` together with a `*` verb.
        An entry with `*` in both verbs and resources is critical. Roles named like config
        `rbac_ignore` (default `system:*`) are skipped.
        """,
    rationale="""
        A wildcard grants everything that exists now and everything added later (new resources, new
        CRDs, new verbs such as `escalate` or `impersonate`). It is how least privilege silently
        turns into cluster-admin.
        """,
    fix="List the exact apiGroups, resources and verbs the subject needs.",
    bad="""
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata:
          name: deployer
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
        """,
    good="""
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata:
          name: deployer
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: ["get", "list", "watch", "patch"]
        """,
    notes="""
        Stricter than kube-linter, which ignores `apiGroups: ["*"]`. Checkov CKV_K8S_49 gives the
        same verdict on the first `rules[]` entry; it looks at no other entry (this rule judges every
        entry), and it also fails items that merely contain `*` such as `pods/*`, which this rule
        leaves to the rules about what the subresources allow (ORC006). One finding per offending
        rule entry, at its first `*`.
        """,
    refs=("CKV_K8S_49", "kube-linter wildcard-in-rules", "KSV044", "KSV045", "KSV046", "Kubescape C-0187"),
)
def rbac_wildcard(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not judged(resource, ctx):
        return
    rules = resource.root.seq("rules")
    if rules is None:
        return
    for entry in rules.maps():
        stars = {
            field: node
            for field in (*_FIELDS, "nonResourceURLs")
            for text, node in seq_texts(entry.get(field))
            if text == "*"
        }
        if "nonResourceURLs" in stars and "verbs" not in stars:
            del stars["nonResourceURLs"]
        if not stars:
            continue
        critical = "verbs" in stars and "resources" in stars
        first = min(stars.values(), key=lambda node: (node.line, node.col))
        yield Violation(
            f"{describe(resource)} grants '*' in {', '.join(f for f in (*_FIELDS, 'nonResourceURLs') if f in stars)}"
            "; list the exact apiGroups, resources and verbs needed",
            at=first,
            severity=Severity.CRITICAL if critical else None,
            evidence=json.dumps(entry.to_python(), sort_keys=True),
        )
