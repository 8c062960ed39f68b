"""HOST008 writable-host-mount."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="HOST008",
    slug="writable-host-mount",
    title="A container mounts a host path writable, or propagates mounts back to the host.",
    severity=Severity.HIGH,
    nist=("4.5.5",),
    target=Target.POD_SPEC,
    summary="""
        Reports `volumeMounts[]` entries that mount a hostPath volume without `readOnly: true`, and
        any mount with `mountPropagation: Bidirectional`. Reported in addition to the hostPath
        volume rules (HOST005-HOST007).
        """,
    rationale="""
        A writable host mount lets a compromised container change files the node or other pods
        trust: binaries, configuration, logs that are shipped elsewhere. Bidirectional propagation
        goes further: mounts made inside the container appear on the host.
        """,
    fix="Mount host paths with `readOnly: true` and never use Bidirectional propagation.",
    bad="""
        containers:
          - name: shipper
            image: ghcr.io/acme/shipper:3.1.0
            volumeMounts:
              - name: varlog
                mountPath: /var/log
        volumes:
          - name: varlog
            hostPath:
              path: /var/log
        """,
    good="""
        containers:
          - name: shipper
            image: ghcr.io/acme/shipper:3.1.0
            volumeMounts:
              - name: varlog
                mountPath: /var/log
                readOnly: true
        volumes:
          - name: varlog
            hostPath:
              path: /var/log
        """,
    notes="""
        Same verdict as kube-linter writable-host-mount for hostPath mounts. `readOnly` must be the
        boolean true; a string "true" is reported.
        """,
    refs=(
        "kube-linter writable-host-mount",
        "Kubescape C-0045",
        "Kyverno ensure-readonly-hostpath",
        "CIS Docker 5.20",
    ),
)
def writable_host_mount(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    host_paths = {
        name: volume.text_at("hostPath.path") or "?"
        for volume in pod.volumes()
        if volume.map("hostPath") is not None and (name := volume.text("name"))
    }
    for container in pod.containers():
        mounts = container.node.seq("volumeMounts")
        for mount in mounts.maps() if mounts is not None else ():
            name = mount.text("name") or ""
            read_only = mount.get("readOnly")
            if name in host_paths and not is_true(read_only):
                yield Violation(
                    f"{container.describe()} mounts host path {host_paths[name]!r} (volume {name!r}) writable; "
                    "set readOnly: true",
                    at=read_only or mount.get("name") or mount,
                )
            propagation = mount.get("mountPropagation")
            if isinstance(propagation, YScalar) and propagation.value == "Bidirectional":
                yield Violation(
                    f"{container.describe()} mounts volume {name!r} with mountPropagation: Bidirectional, so its "
                    "mounts appear on the host; use None or HostToContainer",
                    at=propagation,
                )
