"""ORC027 cluster-access-config-insecure."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._control_plane import (
    Weakness,
    apiserver_weaknesses,
    argv_flags,
    extra_args,
    kubelet_weaknesses,
)
from linter.cmdline import argv
from linter.context import Context
from linter.k8s import Resource, as_int, is_true, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

_PROGRAMS = {"kube-apiserver": apiserver_weaknesses, "kubelet": kubelet_weaknesses}
# EncryptionConfiguration resource names that cover Secrets: the resource itself, and the
# wildcards for the core group and for everything (Kubernetes 1.27+).
_COVERS_SECRETS = ("secrets", "secrets.", "*.", "*.*")


def _kubeconfig(resource: Resource) -> Iterator[Weakness]:
    clusters = resource.root.seq("clusters")
    for entry in clusters.maps() if clusters is not None else ():
        cluster = entry.map("cluster")
        node = cluster.get("insecure-skip-tls-verify") if cluster is not None else None
        if is_true(node) and node is not None:
            name = entry.text("name") or "a cluster"
            yield Weakness(
                f'cluster "{name}" sets insecure-skip-tls-verify: true (the API server is not verified)', node
            )


def _static_pod(resource: Resource) -> Iterator[Weakness]:
    for container in resource.pod.containers() if resource.pod is not None else ():
        items = argv(container)
        program = items[0].text.rsplit("/", 1)[-1] if items else ""
        judge = _PROGRAMS.get(program)
        if judge is not None:
            yield from judge(argv_flags(items[1:]), items[0].node)


def _kubelet_config(resource: Resource) -> Iterator[Weakness]:
    root = resource.root
    anonymous = root.at("authentication.anonymous.enabled")
    if is_true(anonymous) and anonymous is not None:
        yield Weakness(
            "authentication.anonymous.enabled: true lets anyone use the kubelet API", anonymous, Severity.CRITICAL
        )
    mode = root.at("authorization.mode")
    if isinstance(mode, YScalar) and mode.value == "AlwaysAllow":
        yield Weakness("authorization.mode: AlwaysAllow authorizes every kubelet request", mode, Severity.CRITICAL)
    port = root.get("readOnlyPort")
    if port is not None and as_int(port) != 0:
        yield Weakness(f"readOnlyPort: {port.to_python()} serves pod data without authentication", port)


def _encryption(resource: Resource) -> Iterator[Weakness]:
    entries = resource.root.seq("resources")
    for entry in entries.maps() if entries is not None else ():
        names = [text for text, _ in seq_texts(entry.get("resources"))]
        if not any(name in _COVERS_SECRETS for name in names):
            continue
        providers = entry.seq("providers")
        first = next(iter(providers.items), None) if providers is not None else None
        if isinstance(first, YMap) and "identity" in first:
            yield Weakness(
                "the first provider for secrets is identity: Secrets are stored unencrypted", first, Severity.MEDIUM
            )
        return  # the first entry that covers secrets decides
    where: YNode = entries if entries is not None else resource.kind_node()
    yield Weakness("no resources entry covers secrets: Secrets are stored unencrypted", where, Severity.MEDIUM)


def _weaknesses(resource: Resource) -> Iterator[Weakness]:
    kind, group = resource.kind, resource.group
    if kind == "Config" and group == "":
        yield from _kubeconfig(resource)
    elif kind == "Pod" and group == "":
        yield from _static_pod(resource)
    elif kind == "ClusterConfiguration" and group == "kubeadm.k8s.io":
        args = resource.root.at("apiServer.extraArgs")
        anchor = args or resource.root.get("apiServer") or resource.kind_node()
        yield from apiserver_weaknesses(extra_args(args), anchor)
    elif kind == "KubeletConfiguration" and group == "kubelet.config.k8s.io":
        yield from _kubelet_config(resource)
    elif kind == "EncryptionConfiguration" and group == "apiserver.config.k8s.io":
        yield from _encryption(resource)


@Rule(
    id="ORC027",
    slug="cluster-access-config-insecure",
    title="Committed cluster configuration weakens API authentication, authorization or TLS.",
    severity=Severity.HIGH,
    nist=("4.3.2", "4.3.5"),
    target=Target.OBJECT,
    kinds=frozenset({"Config", "Pod", "ClusterConfiguration", "KubeletConfiguration", "EncryptionConfiguration"}),
    summary="""
        Reports, in committed cluster configuration: a kubeconfig cluster with
        `insecure-skip-tls-verify: true`; kube-apiserver flags (static pod command/args, or kubeadm
        ClusterConfiguration `apiServer.extraArgs` in map or list form) `--anonymous-auth=true`,
        `--authorization-mode` with AlwaysAllow, `--insecure-port` other than 0,
        `--insecure-bind-address`, `--token-auth-file`, `--basic-auth-file`, `--kubelet-https=false`,
        `--enable-admission-plugins` with AlwaysAdmit; kubelet flags and KubeletConfiguration
        anonymous authentication, AlwaysAllow authorization or a non-zero read-only port; an
        EncryptionConfiguration where no entry covers Secrets, or the one that does lists `identity`
        first, and a kube-apiserver without `--encryption-provider-config` (medium). Anonymous
        authentication, AlwaysAllow and the insecure port are critical.
        """,
    rationale="""
        These settings switch off the API server's and kubelets' authentication, authorization or
        TLS, or leave Secrets readable in etcd backups: anyone who reaches the endpoint, or the
        storage, gets the cluster.
        """,
    fix=(
        "Verify TLS, disable anonymous access and AlwaysAllow, close insecure ports, and encrypt Secrets at "
        "rest with a KMS/aescbc provider first."
    ),
    bad="""
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous:
            enabled: true
        authorization:
          mode: Webhook
        readOnlyPort: 0
        """,
    good="""
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous:
            enabled: false
        authorization:
          mode: Webhook
        readOnlyPort: 0
        """,
    notes="""
        Only settings written in the repository are judged: an absent `--anonymous-auth` (whose
        kube-apiserver default is true) is not reported, where Checkov CKV_K8S_68 and CKV_K8S_138
        require the flag to be set to false. The kubelet flags of a static pod that starts `kubelet`
        are judged like the KubeletConfiguration fields (the catalogue lists them for the
        configuration file). kubeconfigs are read when they are YAML files (`*.yaml`); files named
        `kubeconfig` are SEC015's. The wildcards `*.` and `*.*` cover Secrets in an
        EncryptionConfiguration; the first entry that covers them decides, as in the API server. A
        kube-apiserver without `--encryption-provider-config` is reported (medium, at the program or
        `apiServer.extraArgs`) as Checkov CKV_K8S_104 does: the catalogue's "Secrets not encrypted at
        rest" seen from the API server's side.
        """,
    refs=(
        "CKV_K8S_68",
        "CKV_K8S_69",
        "CKV_K8S_70",
        "CKV_K8S_71",
        "CKV_K8S_74",
        "CKV_K8S_79",
        "CKV_K8S_86",
        "CKV_K8S_88",
        "CKV_K8S_104",
        "CKV_K8S_138",
        "CKV_K8S_139",
        "CKV_K8S_141",
        "Kubescape C-0005",
        "Kubescape C-0066",
        "Kubescape C-0069",
        "Kubescape C-0113",
        "Kubescape C-0118",
        "Kubescape C-0172",
        "Kubescape C-0173",
        "Kubescape C-0175",
    ),
)
def cluster_access(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for weakness in _weaknesses(resource):
        yield Violation(
            f"{resource.describe()}: {weakness.message}; {_FIX}", at=weakness.node, severity=weakness.severity
        )


_FIX = "remove it (verify TLS, require authentication and authorization, encrypt Secrets first)"
