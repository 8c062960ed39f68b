"""CTR006 root-filesystem-writable."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import sc_location, shown
from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIX = "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write"


@Rule(
    id="CTR006",
    slug="root-filesystem-writable",
    title="A container's root filesystem is writable.",
    severity=Severity.MEDIUM,
    nist=("4.4.4", "4.5.5"),
    target=Target.POD_SPEC,
    summary="""
        Reports containers and init containers of Linux pods whose
        `securityContext.readOnlyRootFilesystem` is not `true`. Ephemeral debug containers are not
        judged.
        """,
    rationale="""
        A writable root filesystem lets an attacker who gets code execution drop tools, modify
        binaries and libraries the application loads later, and persist for the container's
        lifetime. A read-only root keeps the image as built and reviewed.
        """,
    fix="Set `readOnlyRootFilesystem: true` and mount emptyDir volumes for paths that must be writable.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              readOnlyRootFilesystem: false
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              readOnlyRootFilesystem: true
            volumeMounts:
              - {name: tmp, mountPath: /tmp}
        volumes:
          - name: tmp
            emptyDir: {}
        """,
    notes="""
        Same verdict as Checkov CKV_K8S_22 and kube-linter no-read-only-root-fs for containers and
        init containers, except that Windows pods (`spec.os.name: windows`) are skipped: Windows
        containers do not support a read-only root filesystem. A string "true" is not the boolean.
        """,
    refs=(
        "CKV_K8S_22",
        "KSV014",
        "kube-linter no-read-only-root-fs",
        "kube-score container-security-context-readonlyrootfilesystem",
        "Polaris notReadOnlyRootFilesystem",
        "Kubescape C-0017",
        "Kyverno require-ro-rootfs",
        "CIS Docker 5.13",
    ),
)
def root_filesystem_writable(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux:
        return
    for container in pod.containers():
        if container.list_name == "ephemeralContainers":
            continue
        node = container.sc_field("readOnlyRootFilesystem")
        if is_true(node):
            continue
        if node is None:
            problem = "does not set securityContext.readOnlyRootFilesystem: true"
        else:
            problem = f"sets securityContext.readOnlyRootFilesystem to {shown(node)}, not true"
        yield Violation(
            f"{container.describe()} {problem}; {_FIX}", at=sc_location(container, "readOnlyRootFilesystem")
        )
