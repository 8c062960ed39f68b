"""HOST005 hostpath-volume."""

from __future__ import annotations

from collections.abc import Iterator

from checks.host._hostpath import host_path_volumes
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="HOST005",
    slug="hostpath-volume",
    title="The pod mounts a hostPath volume.",
    severity=Severity.HIGH,
    nist=("4.5.5",),
    target=Target.OBJECT,
    summary="""
        Reports every `hostPath` volume of a pod template and every PersistentVolume with
        `spec.hostPath`. Runtime sockets and sensitive host directories are reported by HOST007 and
        HOST006 instead, when those rules run.
        """,
    rationale="""
        A hostPath volume ties the pod to one node and exposes that node's filesystem to the
        container. Writable host paths let a compromised container plant files the node or other
        pods will trust; even read-only ones leak host data.
        """,
    fix="Use a PersistentVolumeClaim, emptyDir, ConfigMap/Secret or CSI volume instead of a host path.",
    bad="""
        volumes:
          - name: cache
            hostPath:
              path: /var/cache/app
        """,
    good="""
        volumes:
          - name: cache
            emptyDir:
              sizeLimit: 1Gi
        """,
    superseded_by=("HOST006", "HOST007"),
    refs=("KSV023", "Polaris hostPathSet", "Kubescape C-0048", "PSS baseline: HostPath Volumes"),
)
def hostpath_volume(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for volume in host_path_volumes(resource):
        yield Violation(
            f"{volume.describe(resource)} mounts host path {volume.shown()!r}; use a PersistentVolumeClaim, "
            "emptyDir, ConfigMap/Secret or CSI volume instead",
            at=volume.node,
            about=volume.about,
        )
