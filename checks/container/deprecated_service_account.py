"""CTR022 deprecated-service-account-field."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR022",
    slug="deprecated-service-account-field",
    title="The deprecated `serviceAccount` pod field is used.",
    severity=Severity.LOW,
    nist=(),
    target=Target.POD_SPEC,
    summary="""
        Reports pods that set the deprecated `serviceAccount` field; as medium when
        `serviceAccountName` is also set to a different account.
        """,
    rationale="""
        `serviceAccount` is an alias kept for old clients. When it disagrees with
        `serviceAccountName`, the API server uses `serviceAccountName`, so a reviewer reading the
        other field approves the wrong identity and permissions.
        """,
    fix="Use `serviceAccountName` only.",
    bad="""
        spec:
          serviceAccount: reporting
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          serviceAccountName: reporting
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    notes="""
        kube-linter deprecated-service-account-field stays silent when both fields name the same
        account; this rule still reports the deprecated field there (low). With different values
        both tools report it.
        """,
    refs=("kube-linter deprecated-service-account-field", "Kubescape C-0294"),
)
def deprecated_service_account_field(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    legacy = pod.node.scalar("serviceAccount")
    if legacy is None or legacy.value in (None, ""):
        return
    name = pod.node.text("serviceAccountName")
    if name and name != legacy.text:
        yield Violation(
            f"{pod.describe()} sets serviceAccount {legacy.text!r} but serviceAccountName {name!r} (which wins); "
            "remove serviceAccount",
            at=legacy,
            severity=Severity.MEDIUM,
        )
    else:
        yield Violation(
            f"{pod.describe()} sets the deprecated serviceAccount field; use serviceAccountName only", at=legacy
        )
