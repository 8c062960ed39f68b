"""HOST006 sensitive-hostpath."""

from __future__ import annotations

from collections.abc import Iterator

from checks.host._hostpath import host_path_volumes
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST006",
    slug="sensitive-hostpath",
    title="The pod mounts a sensitive host directory.",
    severity=Severity.CRITICAL,
    nist=("4.5.5",),
    target=Target.OBJECT,
    summary="""
        Reports hostPath volumes (of pod templates and PersistentVolumes) whose normalised path is
        `/`, or equal to, under or a parent of /etc, /proc, /sys, /boot, /dev, /lib, /lib64, /usr,
        /bin, /sbin, /root, /home, /var/lib/kubelet, /var/lib/docker, /var/lib/containerd,
        /var/lib/etcd or an entry of config `sensitive_host_paths`; on Windows, `C:\\` and
        `C:\\Windows` and below. Runtime sockets are left to HOST007.
        """,
    rationale="""
        These directories are the node: its configuration and credentials (/etc, /root, kubelet
        certificates), its kernel interfaces (/proc, /sys, /dev), its binaries and every other
        pod's data (/var/lib/kubelet, the runtimes' state). Mounting them, even read-only, hands a
        container the means to read secrets or replace what the node runs.
        """,
    fix="Never mount OS, kubelet or runtime directories; use dedicated volumes.",
    bad="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            volumeMounts:
              - {name: host-etc, mountPath: /host/etc, readOnly: true}
        volumes:
          - name: host-etc
            hostPath:
              path: /etc
        """,
    good="""
        containers:
          - name: agent
            image: ghcr.io/acme/agent:1.4.2
            volumeMounts:
              - {name: config, mountPath: /etc/agent, readOnly: true}
        volumes:
          - name: config
            configMap:
              name: agent-config
        """,
    notes="""
        Paths are normalised first (`//etc/./ssl/` is `/etc/ssl`). A parent of a listed directory
        counts too (`/var`, `/var/lib`): it exposes the directory just the same. kube-linter
        sensitive-host-mounts matches only `/`, /boot, /dev, /etc, /lib, /proc, /sys and /usr
        exactly (not paths below them), and only when a container mounts the volume; this rule also
        reports subdirectories and unmounted volumes. Not reported when HOST007 reports the volume.
        """,
    refs=("KSV121", "kube-linter sensitive-host-mounts", "Kubescape C-0020 (partial)", "CIS Docker 5.6"),
    superseded_by=("HOST007",),
)
def sensitive_hostpath(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for volume in host_path_volumes(resource):
        if volume.path is not None and volume.path.is_sensitive(ctx.config.sensitive_host_paths):
            yield Violation(
                f"{volume.describe(resource)} mounts the sensitive host directory {volume.shown()!r}; "
                "never mount OS, kubelet or runtime directories",
                at=volume.path_node,
                about=volume.about,
            )
