"""AWS007 node-metadata-service-exposed."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource, is_false, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar


@Rule(
    id="AWS007",
    slug="node-metadata-service-exposed",
    title="EKS nodes expose the instance metadata service to pods (IMDSv1 allowed or hop limit above 1).",
    severity=Severity.HIGH,
    nist=("4.3.5", "4.4.2"),
    target=Target.OBJECT,
    kinds=frozenset({"EC2NodeClass", "ClusterConfig"}),
    summary="""
        Karpenter `EC2NodeClass`: reports `spec.metadataOptions` that leave the metadata endpoint
        enabled with IMDSv1 allowed (`httpTokens: optional`) or a hop limit above 1
        (`httpPutResponseHopLimit`), judging the API defaults when a field is absent (`httpTokens`
        `required`; hop limit 1 for `karpenter.k8s.aws/v1`, 2 for `v1beta1`). eksctl `ClusterConfig`:
        reports node groups that set `disableIMDSv1: false` while `disablePodIMDS` is not true.
        """,
    rationale="""
        The instance metadata service hands out the node role's credentials. With IMDSv1 or a hop limit
        above 1, any pod (including one compromised through an application bug) can fetch them; network
        policies cannot stop it, since the request never leaves the node.
        """,
    fix="Require IMDSv2 (`httpTokens: required`) with `httpPutResponseHopLimit: 1`, and give pods IAM via IRSA "
    "or EKS Pod Identity.",
    bad="""
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata:
          name: default
        spec:
          amiSelectorTerms: [{alias: al2023@latest}]
          metadataOptions:
            httpTokens: optional
        """,
    good="""
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata:
          name: default
        spec:
          amiSelectorTerms: [{alias: al2023@latest}]
          metadataOptions:
            httpEndpoint: enabled
            httpTokens: required
            httpPutResponseHopLimit: 1
        """,
    notes="""
        AWS shared responsibility: the instance metadata options are customer configuration of the
        EC2 instances; launch templates and node groups created outside the repository are not visible.
        eksctl has required IMDSv2 by default since 2023, so only an explicit opt-out is reported.
        """,
    refs=("Kubescape C-0052 (partial)",),
)
def node_metadata_service_exposed(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.kind == "EC2NodeClass" and resource.group == "karpenter.k8s.aws":
        yield from _node_class(resource)
    elif resource.kind == "ClusterConfig" and resource.group == "eksctl.io":
        for key in ("managedNodeGroups", "nodeGroups"):
            groups = resource.root.seq(key)
            for group in groups.maps() if groups else ():
                setting = group.get("disableIMDSv1")
                if is_false(setting) and not is_true(group.get("disablePodIMDS")):
                    name = group.text("name") or "?"
                    yield Violation(
                        f"eksctl node group {name!r} sets disableIMDSv1: false, so pods can use IMDSv1 to "
                        "read the node role's credentials; remove it (eksctl requires IMDSv2 by default)",
                        at=setting,
                        evidence=f"{key}:{name}",
                    )


def _node_class(resource: Resource) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    options = spec.map("metadataOptions") if spec is not None else None
    if options is not None and options.text("httpEndpoint") == "disabled":
        return
    tokens = options.get("httpTokens") if options is not None else None
    hop = options.get("httpPutResponseHopLimit") if options is not None else None
    default_hop = 2 if resource.api_version.endswith("/v1beta1") else 1
    if isinstance(tokens, YScalar) and tokens.value == "optional":
        yield Violation(
            f"{resource.describe()} allows IMDSv1 (httpTokens: optional): pods can read the node role's "
            "credentials; set httpTokens: required",
            at=tokens,
            evidence="httpTokens",
        )
    hop_value = hop.value if isinstance(hop, YScalar) else default_hop
    if isinstance(hop_value, int) and hop_value > 1:
        where = hop if hop is not None else options if isinstance(options, YMap) else resource.kind_node()
        source = "" if hop is not None else f" (the {resource.api_version} default)"
        yield Violation(
            f"{resource.describe()} lets IMDS responses travel {hop_value} hops{source}, so pods can reach "
            "the node role's credentials; set httpPutResponseHopLimit: 1",
            at=where,
            evidence="hop-limit",
        )
