"""AWS rules: load balancers, storage encryption, aws-auth and node metadata options."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where


def ingress(annotations: str, spec: str = "  ingressClassName: alb\n", name: str = "web") -> str:
    return (
        f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  annotations:\n"
        f"{annotations}spec:\n{spec}"
    )


SCHEME = "    alb.ingress.kubernetes.io/scheme: internet-facing\n"
CERT = "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:1:certificate/x\n"


def test_aws001_http_listener_without_redirect(lint: Any) -> None:
    ports = '    alb.ingress.kubernetes.io/listen-ports: \'[{"HTTP": 80}, {"HTTPS": 443}]\'\n'
    found = lint({"i.yaml": ingress(SCHEME + ports + CERT)}, "AWS001")
    assert where(found) == [("AWS001", "i.yaml", 6, 5)]
    assert "port 80" in found[0].message
    redirect = "    alb.ingress.kubernetes.io/ssl-redirect: '443'\n"
    assert lint({"i.yaml": ingress(SCHEME + ports + CERT + redirect)}, "AWS001") == []


def test_aws001_defaults_http_only_without_certificate_https_only_with_one(lint: Any) -> None:
    assert len(lint({"i.yaml": ingress(SCHEME)}, "AWS001")) == 1
    assert lint({"i.yaml": ingress(SCHEME + CERT)}, "AWS001") == []
    with_tls = "  ingressClassName: alb\n  tls:\n    - hosts: [a.example.com]\n"
    assert lint({"i.yaml": ingress(SCHEME, with_tls)}, "AWS001") == []


def test_aws001_https_listener_without_certificate(lint: Any) -> None:
    https = "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n"
    found = lint({"i.yaml": ingress(SCHEME + https)}, "AWS001")
    assert len(found) == 1 and "no certificate" in found[0].message


def test_aws001_internal_and_other_controllers_are_not_reported(lint: Any) -> None:
    assert lint({"i.yaml": ingress("    alb.ingress.kubernetes.io/scheme: internal\n")}, "AWS001") == []
    nginx = ingress(SCHEME, "  ingressClassName: nginx\n")
    assert lint({"i.yaml": nginx}, "AWS001") == []


def test_aws001_legacy_annotation_and_ingress_class_with_params(lint: Any) -> None:
    legacy = ingress(SCHEME + "    kubernetes.io/ingress.class: alb\n", "  rules: []\n")
    assert len(lint({"i.yaml": legacy}, "AWS001")) == 1
    classes = """
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: public}
spec:
  controller: ingress.k8s.aws/alb
  parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: public}
---
apiVersion: elbv2.k8s.aws/v1beta1
kind: IngressClassParams
metadata: {name: public}
spec:
  scheme: internet-facing
"""
    by_class = ingress("    team: web\n", "  ingressClassName: public\n")
    found = lint({"classes.yaml": classes, "i.yaml": by_class}, "AWS001")
    assert where(found) == [("AWS001", "i.yaml", 8, 3)]


def test_aws001_group_members_share_listeners(lint: Any) -> None:
    group = "    alb.ingress.kubernetes.io/group.name: shop\n"
    ports = "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}]'\n"
    a = ingress(SCHEME + group + CERT, name="a")
    b = ingress(group + ports, name="b")
    found = lint({"a.yaml": a, "b.yaml": b}, "AWS001")
    assert [f.path for f in found] == ["a.yaml", "b.yaml"]


def test_aws001_unparsable_listen_ports_is_reported_at_the_annotation(lint: Any) -> None:
    bad = "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80},'\n"
    found = lint({"i.yaml": ingress(SCHEME + bad)}, "AWS001")
    assert where(found) == [("AWS001", "i.yaml", 7, 5)]
    assert "not valid JSON" in found[0].message


def test_aws002_weak_policy_and_controller_default(lint: Any) -> None:
    weak = ingress("    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS-1-1-2017-01\n")
    found = lint({"i.yaml": weak}, "AWS002")
    assert where(found) == [("AWS002", "i.yaml", 6, 5)] and found[0].severity is Severity.MEDIUM
    strong = ingress("    alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06\n")
    assert lint({"i.yaml": strong}, "AWS002") == []
    default = lint({"i.yaml": ingress(CERT)}, "AWS002")
    assert [(f.span.line, f.severity) for f in default] == [(6, Severity.LOW)]
    controller = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: aws-load-balancer-controller, namespace: kube-system}
spec:
  template:
    spec:
      containers:
        - name: controller
          image: public.ecr.aws/eks/aws-load-balancer-controller:v2.8.2
          args: ["--cluster-name=prod", "--default-ssl-policy=ELBSecurityPolicy-TLS13-1-2-2021-06"]
"""
    assert lint({"i.yaml": ingress(CERT), "lbc.yaml": controller}, "AWS002") == []


def test_aws002_nlb_service_policy(lint: Any) -> None:
    service = """
apiVersion: v1
kind: Service
metadata:
  name: tls
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:1:certificate/x
    service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-2016-08
spec: {type: LoadBalancer}
"""
    assert where(lint({"s.yaml": service}, "AWS002")) == [("AWS002", "s.yaml", 7, 5)]


SERVICE = """
apiVersion: v1
kind: Service
metadata:
  name: api
  annotations: {ANNOTATIONS}
spec:
  type: LoadBalancer
{EXTRA}"""


def service(annotations: str = "{}", extra: str = "") -> str:
    return SERVICE.replace("{ANNOTATIONS}", annotations).replace("{EXTRA}", extra)


def test_aws003_internet_facing_nlb(lint: Any) -> None:
    facing = service(
        "{service.beta.kubernetes.io/aws-load-balancer-type: external, "
        "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}"
    )
    found = lint({"s.yaml": facing}, "AWS003")
    assert len(found) == 1 and found[0].span.line == 5
    restricted = service(
        "{service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}",
        "  loadBalancerSourceRanges: [10.0.0.0/8]\n",
    )
    assert lint({"s.yaml": restricted}, "AWS003") == []
    anywhere = service(
        "{service.beta.kubernetes.io/aws-load-balancer-type: nlb}", "  loadBalancerSourceRanges: [0.0.0.0/0]\n"
    )
    assert len(lint({"s.yaml": anywhere}, "AWS003")) == 1


def test_aws003_controller_defaults_to_internal(lint: Any) -> None:
    internal = service("{service.beta.kubernetes.io/aws-load-balancer-type: external}")
    assert lint({"s.yaml": internal}, "AWS003") == []
    by_class = service(extra="  loadBalancerClass: service.k8s.aws/nlb\n")
    assert lint({"s.yaml": by_class}, "AWS003") == []


def test_aws003_plain_load_balancer_only_when_the_repo_targets_aws(lint: Any) -> None:
    plain = service()
    assert lint({"s.yaml": plain}, "AWS003") == []
    karpenter = "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: default}\n"
    found = lint({"s.yaml": plain, "np.yaml": karpenter}, "AWS003")
    assert [(f.span.line, f.span.col) for f in found] == [(7, 3)]


def test_aws004_ebs_storage_class(lint: Any) -> None:
    sc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: gp3}\nprovisioner: %s\n%s"
    assert where(lint({"sc.yaml": sc % ("ebs.csi.aws.com", "")}, "AWS004")) == [("AWS004", "sc.yaml", 4, 1)]
    not_true = sc % ("kubernetes.io/aws-ebs", "parameters:\n  encrypted: 'false'\n")
    assert where(lint({"sc.yaml": not_true}, "AWS004")) == [("AWS004", "sc.yaml", 6, 3)]
    assert lint({"sc.yaml": sc % ("ebs.csi.eks.amazonaws.com", "parameters:\n  encrypted: true\n")}, "AWS004") == []
    assert lint({"sc.yaml": sc % ("efs.csi.aws.com", "")}, "AWS004") == []


def test_aws005_efs_storage_class_and_persistent_volume(lint: Any) -> None:
    sc = (
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: efs}\nprovisioner: efs.csi.aws.com\n"
        'parameters:\n  encryptInTransit: "false"\n'
    )
    assert where(lint({"sc.yaml": sc}, "AWS005")) == [("AWS005", "sc.yaml", 6, 3)]
    assert lint({"sc.yaml": sc.replace('"false"', '"true"')}, "AWS005") == []


AWS_AUTH = """
apiVersion: v1
kind: ConfigMap
metadata:
  name: aws-auth
  namespace: kube-system
data:
  mapRoles: |
    - rolearn: arn:aws:iam::111122223333:role/eks-node-role
      username: system:node:{{EC2PrivateDNSName}}
      groups:
        - system:bootstrappers
        - system:nodes
    - rolearn: arn:aws:iam::111122223333:role/break-glass
      username: admin
      groups:
        - system:masters
  mapUsers: |
    - userarn: arn:aws:iam::111122223333:user/alice
      username: alice
      groups: [developers]
"""


def test_aws006_admin_role_reported_at_its_inner_line_node_role_not(lint: Any) -> None:
    found = lint({"aws-auth.yaml": AWS_AUTH}, "AWS006")
    assert where(found) == [("AWS006", "aws-auth.yaml", 13, 7)]
    assert "break-glass" in found[0].message


def test_aws006_allowlisted_role(lint: Any) -> None:
    assert lint({"aws-auth.yaml": AWS_AUTH}, "AWS006", cluster_admin_subject_allowlist=["*:role/break-glass"]) == []


def test_aws006_unparsable_map_roles_is_parse001_at_the_key(lint: Any) -> None:
    broken = AWS_AUTH.replace("      groups: [developers]", "      groups: [developers")
    found = lint({"aws-auth.yaml": broken})
    assert [(f.rule_id, f.span.line) for f in found if f.rule_id in ("PARSE001", "AWS006")] == [
        ("AWS006", 13),
        ("PARSE001", 17),
    ]


def test_aws007_karpenter_v1_optional_tokens(lint: Any) -> None:
    node_class = """
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec:
  metadataOptions:
    httpTokens: optional
"""
    found = lint({"nc.yaml": node_class}, "AWS007")
    assert where(found) == [("AWS007", "nc.yaml", 6, 5)]
    disabled = node_class.replace(
        "    httpTokens: optional\n", "    httpEndpoint: disabled\n    httpTokens: optional\n"
    )
    assert lint({"nc.yaml": disabled}, "AWS007") == []


def test_aws007_v1beta1_default_hop_limit_is_two(lint: Any) -> None:
    beta = "apiVersion: karpenter.k8s.aws/v1beta1\nkind: EC2NodeClass\nmetadata: {name: old}\nspec:\n  amiFamily: AL2\n"
    found = lint({"nc.yaml": beta}, "AWS007")
    assert len(found) == 1 and "2 hops" in found[0].message and "default" in found[0].message
    assert lint({"nc.yaml": beta.replace("/v1beta1", "/v1")}, "AWS007") == []
    pinned = beta + "  metadataOptions: {httpPutResponseHopLimit: 1}\n"
    assert lint({"nc.yaml": pinned}, "AWS007") == []


def test_aws007_eksctl_node_group(lint: Any) -> None:
    cluster = """
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: prod, region: eu-west-1}
managedNodeGroups:
  - name: general
    disableIMDSv1: false
  - name: locked
    disableIMDSv1: false
    disablePodIMDS: true
  - name: default
"""
    found = lint({"cluster.yaml": cluster}, "AWS007")
    assert where(found) == [("AWS007", "cluster.yaml", 6, 5)]
    assert "general" in found[0].message
