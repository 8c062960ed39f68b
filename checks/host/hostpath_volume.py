"""HOST005 hostpath-volume."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap


def _path_of(host_path: YMap) -> str:
    return host_path.text("path") or "?"


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
    if resource.kind == "PersistentVolume":
        spec = resource.root.map("spec")
        host_path = spec.map("hostPath") if spec is not None else None
        if host_path is not None:
            yield Violation(f"{resource.describe()} uses hostPath {_path_of(host_path)!r}", at=host_path)
        return
    if resource.pod is None:
        return
    for volume in resource.pod.volumes():
        host_path = volume.map("hostPath")
        if host_path is not None:
            name = volume.text("name") or "?"
            yield Violation(f"volume {name!r} mounts host path {_path_of(host_path)!r}", at=host_path)
