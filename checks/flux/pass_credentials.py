"""FLUX003 helmrepository-pass-credentials."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="FLUX003",
    slug="helmrepository-pass-credentials",
    title="A HelmRepository forwards credentials to chart hosts.",
    severity=Severity.MEDIUM,
    nist=("4.2.3",),
    target=Target.OBJECT,
    kinds=frozenset({"HelmRepository"}),
    summary="Reports HelmRepositories with `spec.passCredentials: true`.",
    rationale="""
        The repository's credentials are then sent to every host its index references, so a hostile
        chart host or a man-in-the-middle collects them.
        """,
    fix="Remove passCredentials; mirror charts into the credentialed repository.",
    bad="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: internal, namespace: flux-system}
        spec:
          url: https://charts.internal.example
          secretRef: {name: charts-auth}
          passCredentials: true
        """,
    good="""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: internal, namespace: flux-system}
        spec:
          url: https://charts.internal.example
          secretRef: {name: charts-auth}
        """,
)
def helmrepository_pass_credentials(resource: Resource, ctx: Context) -> Iterator[Violation]:
    node = spec_of(resource).get("passCredentials")
    if is_flux(resource) and is_true(node):
        yield Violation(
            f"{resource.describe()} sends its credentials to every host its index names (passCredentials: true)",
            at=node,
        )
