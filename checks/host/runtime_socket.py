"""HOST007 container-runtime-socket."""

from __future__ import annotations

from collections.abc import Iterator

from checks.host._hostpath import host_path_volumes
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST007",
    slug="container-runtime-socket",
    title="The pod mounts the container runtime socket.",
    severity=Severity.CRITICAL,
    nist=("4.5.5", "4.3.1"),
    target=Target.OBJECT,
    summary="""
        Reports hostPath volumes whose normalised path is a runtime socket (`docker.sock`,
        `containerd.sock`, `crio.sock`, `cri-dockerd.sock`, `podman.sock`, `dockershim.sock`),
        is in or under a runtime's run directory (/run/docker, /var/run/containerd, /run/crio, ...),
        is exactly /run or /var/run, or is the Windows pipe `\\\\.\\pipe\\docker_engine` or
        `\\\\.\\pipe\\containerd-containerd`.
        """,
    rationale="""
        Whoever can talk to the container runtime can start a privileged container with the host's
        filesystem mounted: access to the socket is root on the node, and from there every pod's
        secrets on it.
        """,
    fix="Do not mount runtime sockets; use rootless/daemonless build tools or the Kubernetes API.",
    bad="""
        containers:
          - name: builder
            image: ghcr.io/acme/ci-builder:2.0.0
            volumeMounts:
              - {name: docker, mountPath: /var/run/docker.sock}
        volumes:
          - name: docker
            hostPath:
              path: /var/run/docker.sock
              type: Socket
        """,
    good="""
        containers:
          - name: builder
            image: gcr.io/kaniko-project/executor:v1.23.2
            args: ["--dockerfile=Dockerfile", "--destination=ghcr.io/acme/app:1.0.0"]
        """,
    notes="""
        Checkov CKV_K8S_27 fails only the exact path `/var/run/docker.sock`, and kube-linter
        docker-sock only paths ending in `docker.sock` that a container mounts; both verdicts are
        kept, and other runtimes, their run directories and normalised spellings
        (`/var/run//docker.sock`) are reported too. PersistentVolumes with such a hostPath are
        reported as well, since a pod that claims them gets the same access (the catalogue lists
        only pod volumes).
        """,
    refs=(
        "CKV_K8S_27",
        "KSV006",
        "kube-linter docker-sock",
        "Kubescape C-0074",
        "Kyverno disallow-cri-sock-mount",
        "CIS Docker 5.32",
    ),
)
def container_runtime_socket(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for volume in host_path_volumes(resource):
        if volume.path is not None and volume.path.is_runtime_socket():
            yield Violation(
                f"{volume.describe(resource)} mounts the container runtime socket {volume.shown()!r}, which "
                "is root on the node; remove it",
                at=volume.path_node,
                about=volume.about,
            )
