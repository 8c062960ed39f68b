"""SEC017 aws-access-key."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC017",
    slug="aws-access-key",
    title="An AWS access key is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds AWS access key IDs (`AKIA`/`ASIA`/`ABIA`/`ACCA`/`A3T` followed by 16 base-32 characters,
        with a Shannon entropy of at least 3.0) and `aws_secret_access_key` assignments of a
        40-character secret, in every text file and in base64-decoded Secret and ConfigMap values.
        A key inside a value another secret rule reports is folded into that finding.
        """,
    rationale="""
        An access key is a long-lived credential for the AWS account: whoever reads the repository
        (or any fork, clone or CI log) can call AWS as its owner until the key is deactivated.
        """,
    fix="Deactivate and rotate the key; use IRSA/workload identity or an external secret store.",
    bad="""
        AWS_ACCESS_KEY_ID=AKIAZ5QWERTY7HGFDS2K
        AWS_REGION=eu-west-1
        """,
    good="""
        # credentials come from the pod's IAM role (IRSA)
        AWS_REGION=eu-west-1
        """,
    example_path="deploy/aws.conf",
    example_lang="text",
    notes="""
        AWS's documented sample key `AKIAIOSFODNN7EXAMPLE` is ignored, as is every token that is a
        placeholder (contains `example`, `dummy`, ... or is a mask).
        """,
    superseded_by=VALUE_RULES,
    refs=("gitleaks aws-access-token", "CKV_SECRET_*"),
)
def aws_access_key(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations(
        "SEC017",
        source,
        ctx,
        "deactivate and rotate the key, and use IRSA/workload identity or an external secret store",
    )
