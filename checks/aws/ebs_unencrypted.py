"""AWS004 ebs-storageclass-unencrypted."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

EBS_PROVISIONERS = frozenset({"ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs"})


@Rule(
    id="AWS004",
    slug="ebs-storageclass-unencrypted",
    title="An EBS StorageClass provisions unencrypted volumes.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"StorageClass"}),
    summary="""
        Reports StorageClasses of the EBS CSI driver (`ebs.csi.aws.com`, EKS Auto Mode's
        `ebs.csi.eks.amazonaws.com`, or the in-tree `kubernetes.io/aws-ebs`) whose `parameters.encrypted`
        is absent or not "true".
        """,
    rationale="""
        Volumes provisioned unencrypted keep data, snapshots and their copies readable to anyone who
        gets at the underlying storage or a shared snapshot. Encryption at rest with KMS also ties access
        to IAM policies on the key.
        """,
    fix='Set `parameters.encrypted: "true"` (and `kmsKeyId` for a customer-managed key).',
    bad="""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: gp3
        provisioner: ebs.csi.aws.com
        parameters:
          type: gp3
        """,
    good="""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: gp3
        provisioner: ebs.csi.aws.com
        parameters:
          type: gp3
          encrypted: "true"
        """,
    notes="""
        AWS shared responsibility: the account can enforce EBS encryption by default, which the
        repository cannot show; when it is on, volumes are encrypted anyway and this finding documents
        an assumption rather than a gap. Not mapped to an SP 800-190 section: it serves data protection.
        """,
)
def ebs_storageclass_unencrypted(resource: Resource, ctx: Context) -> Iterator[Violation]:
    provisioner = resource.root.scalar("provisioner")
    if (
        not resource.api_version.startswith("storage.k8s.io/")
        or provisioner is None
        or provisioner.value not in EBS_PROVISIONERS
    ):
        return
    parameters = resource.root.map("parameters")
    encrypted = parameters.get("encrypted") if parameters is not None else None
    if isinstance(encrypted, YScalar) and (encrypted.value is True or str(encrypted.value).lower() == "true"):
        return
    where = encrypted if encrypted is not None else provisioner
    yield Violation(
        f'{resource.describe()} provisions EBS volumes without parameters.encrypted: "true" (they are '
        "unencrypted unless the account enforces EBS encryption by default, which the repository "
        "cannot show)",
        at=where,
    )
