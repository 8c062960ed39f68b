"""CTR014 proc-mount-unmasked."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import shown, user_namespaced
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="CTR014",
    slug="proc-mount-unmasked",
    title="A container unmasks /proc.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.POD_SPEC,
    summary="Reports containers whose `securityContext.procMount` is set to anything but `Default`.",
    rationale="""
        The runtime masks and mounts read-only the parts of /proc that expose the host kernel
        (/proc/kcore, /proc/sys, /proc/sysrq-trigger, ...). `procMount: Unmasked` removes that
        protection, handing the container kernel memory and knobs that affect the whole node.
        """,
    fix="Remove procMount (or set `Default`).",
    bad="""
        containers:
          - name: builder
            image: ghcr.io/acme/builder:3.0.1
            securityContext:
              procMount: Unmasked
        """,
    good="""
        containers:
          - name: builder
            image: ghcr.io/acme/builder:3.0.1
            securityContext:
              procMount: Default
        """,
    notes="""
        Follows Pod Security Standards "restricted": no exemption for `hostUsers: false`, unless
        config `profile` is `baseline`, which relaxes this from Kubernetes 1.35 as PSS baseline
        does. Any value but `Default` counts, whereas kube-linter unsafe-proc-mount reports only
        `Unmasked` (in any case); both report `Unmasked`.
        """,
    refs=(
        "KSV027",
        "kube-linter unsafe-proc-mount",
        "Polaris procMount",
        "Kyverno disallow-proc-mount",
        "PSS baseline/restricted: /proc Mount Type",
    ),
)
def proc_mount_unmasked(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if ctx.config.profile == "baseline" and user_namespaced(pod, ctx):
        return
    for container in pod.containers():
        node = container.sc_field("procMount")
        if node is None or (isinstance(node, YScalar) and node.value == "Default"):
            continue
        yield Violation(
            f"{container.describe()} sets securityContext.procMount to {shown(node)}; remove it or set Default",
            at=node,
        )
