"""HOST010 volume-type-not-allowed."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

# Pod Security "restricted": the only volume sources a pod may use.
ALLOWED_SOURCES = frozenset(
    {
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "image",
        "persistentVolumeClaim",
        "projected",
        "secret",
    }
)
# hostPath is judged by HOST005-HOST007; `name` is no source.
_NOT_SOURCES = frozenset({"name", "hostPath"})


@Rule(
    id="HOST010",
    slug="volume-type-not-allowed",
    title="The pod uses a volume type outside the PSS restricted set.",
    severity=Severity.MEDIUM,
    nist=("4.5.5",),
    target=Target.POD_SPEC,
    summary="""
        Reports volumes whose source is not configMap, csi, downwardAPI, emptyDir, ephemeral, image,
        persistentVolumeClaim, projected or secret (hostPath is left to the hostPath rules).
        `gitRepo` is high.
        """,
    rationale="""
        In-tree volume sources (nfs, iscsi, rbd, cephfs, flexVolume, ...) are mounted by the node
        with the node's credentials and kernel drivers, outside the storage policy a
        PersistentVolumeClaim would apply. `gitRepo` runs git on the node for the pod, with known
        code execution flaws (CVE-2024-10220).
        """,
    fix="Use a PersistentVolumeClaim or CSI volume instead of an in-tree volume source.",
    bad="""
        volumes:
          - name: shared
            nfs:
              server: nfs.internal.example
              path: /exports/shared
        """,
    good="""
        volumes:
          - name: shared
            persistentVolumeClaim:
              claimName: shared
        """,
    notes='Follows Pod Security Standards "restricted"; every key of a volume but `name` is taken as its source.',
    refs=("KSV028", "Kyverno restrict-volume-types", "PSS restricted: Volume Types"),
)
def volume_type_not_allowed(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for volume in pod.volumes():
        name = volume.text("name") or "?"
        for source, node in volume.items.items():
            if source in _NOT_SOURCES or source in ALLOWED_SOURCES:
                continue
            if source == "gitRepo":
                yield Violation(
                    f"volume {name!r} uses the deprecated gitRepo source, which runs git on the node; clone in an "
                    "init container into an emptyDir instead",
                    at=node,
                    severity=Severity.HIGH,
                )
            else:
                yield Violation(
                    f'volume {name!r} uses the {source} volume source, which Pod Security "restricted" does not '
                    "allow; use a PersistentVolumeClaim or CSI volume",
                    at=node,
                )
