"""AWS006 eks-aws-auth-grants-system-masters."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YSeq

_NODE_GROUPS = frozenset({"system:bootstrappers", "system:nodes"})


@Rule(
    id="AWS006",
    slug="eks-aws-auth-grants-system-masters",
    title="The EKS aws-auth ConfigMap maps an IAM role or user to system:masters.",
    severity=Severity.CRITICAL,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=frozenset({"ConfigMap"}),
    summary="""
        Reads the YAML inside `data.mapRoles` and `data.mapUsers` of the `aws-auth` ConfigMap
        (kube-system) and reports each entry whose `groups` contains `system:masters`, at the line of
        the entry inside the block. The node role mapping is not reported, nor entries whose ARN matches
        config `cluster_admin_subject_allowlist`. Text that does not parse is reported as PARSE001.
        """,
    rationale="""
        `system:masters` bypasses RBAC entirely and cannot be revoked by any Role or binding: every
        principal able to assume the mapped IAM role is cluster-admin, and the grant lives in IAM, out
        of sight of Kubernetes audits.
        """,
    fix="Map the role to a named group bound to a least-privilege ClusterRole, or use EKS access entries "
    "with a scoped access policy.",
    bad="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/platform-admins
              username: admin
              groups:
                - system:masters
        """,
    good="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/platform-admins
              username: admin
              groups:
                - platform-admins
        """,
    notes="""
        AWS shared responsibility: who can assume the IAM role is decided in IAM, outside the
        repository; this rule reports the Kubernetes side of the mapping. EKS access entries, which
        replace aws-auth, are not kept in the cluster's manifests.
        """,
    refs=("Trivy KSV-01010 (partial)", "Kubescape C-0262 (partial)"),
)
def eks_aws_auth_grants_system_masters(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if (
        resource.name != "aws-auth"
        or resource.group != ""
        or (resource.effective_namespace or "kube-system") != "kube-system"
    ):
        return
    allowlist = ctx.config.cluster_admin_subject_allowlist
    for key, arn_key in (("mapRoles", "rolearn"), ("mapUsers", "userarn")):
        entries = resource.embedded.get(key)
        if not isinstance(entries, YSeq):
            continue
        for entry in entries.maps():
            groups = {text for text, _ in seq_texts(entry.get("groups"))}
            arn = entry.text(arn_key) or "?"
            if "system:masters" not in groups or groups <= _NODE_GROUPS:
                continue
            if any(fnmatch.fnmatchcase(arn, pattern) for pattern in allowlist):
                continue
            at = entry.get(arn_key) or entry
            yield Violation(
                f"aws-auth {key} maps {arn} to system:masters (unrestricted cluster-admin that RBAC cannot "
                "limit); map it to a least-privilege group instead",
                at=at,
                evidence=f"{key}:{arn}",
            )
