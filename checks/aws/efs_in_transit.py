"""AWS005 efs-encryption-in-transit-disabled."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

_EFS = "efs.csi.aws.com"


@Rule(
    id="AWS005",
    slug="efs-encryption-in-transit-disabled",
    title="An EFS volume is mounted without encryption in transit.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"PersistentVolume", "StorageClass"}),
    summary="""
        Reports a PersistentVolume of the EFS CSI driver whose `volumeAttributes.encryptInTransit` is
        "false", and an EFS StorageClass whose `parameters.encryptInTransit` is "false". The driver
        encrypts in transit by default, so leaving the setting out is fine.
        """,
    rationale="""
        Without TLS, NFS traffic between nodes and EFS mount targets can be read or altered by anything
        that can observe the VPC traffic path.
        """,
    fix='Remove `encryptInTransit: "false"` (the driver encrypts in transit by default) or set it to "true".',
    bad="""
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: shared
        spec:
          capacity: {storage: 5Gi}
          accessModes: [ReadWriteMany]
          csi:
            driver: efs.csi.aws.com
            volumeHandle: fs-0123456789abcdef0
            volumeAttributes:
              encryptInTransit: "false"
        """,
    good="""
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: shared
        spec:
          capacity: {storage: 5Gi}
          accessModes: [ReadWriteMany]
          csi:
            driver: efs.csi.aws.com
            volumeHandle: fs-0123456789abcdef0
        """,
    notes="""
        AWS shared responsibility: encryption at rest of the file system is set on the EFS resource,
        outside the repository; this rule covers the mount, which the repository decides. Not mapped to
        an SP 800-190 section: it serves data protection.
        """,
)
def efs_encryption_in_transit_disabled(resource: Resource, ctx: Context) -> Iterator[Violation]:
    holder: YMap | None = None
    if resource.kind == "PersistentVolume" and resource.group == "":
        csi = resource.root.at("spec.csi")
        if isinstance(csi, YMap) and csi.text("driver") == _EFS:
            holder = csi.map("volumeAttributes")
    elif resource.kind == "StorageClass" and resource.root.text("provisioner") == _EFS:
        holder = resource.root.map("parameters")
    setting = holder.get("encryptInTransit") if holder is not None else None
    if isinstance(setting, YScalar) and (setting.value is False or str(setting.value).lower() == "false"):
        yield Violation(
            f"{resource.describe()} mounts EFS with encryptInTransit: false; remove it (the driver "
            "encrypts in transit by default)",
            at=setting,
        )
