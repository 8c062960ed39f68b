"""ARGO011 helm-pass-credentials."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of
from linter.context import Context
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="ARGO011",
    slug="helm-pass-credentials",
    title="Argo CD forwards Helm repository credentials to other hosts.",
    severity=Severity.MEDIUM,
    nist=("4.2.3",),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="Reports sources with `helm.passCredentials: true`.",
    rationale="""
        With passCredentials Argo CD sends the chart repository's credentials to every host the chart
        index points at, including third-party hosts of dependencies: a hostile or compromised index
        collects them.
        """,
    fix="Remove passCredentials; host charts and their dependencies in the credentialed repository.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: db
          namespace: argocd
        spec:
          project: data
          source:
            repoURL: https://charts.internal.example
            chart: postgres
            targetRevision: 15.2.0
            helm: {passCredentials: true}
          destination: {server: https://kubernetes.default.svc, namespace: data}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: db
          namespace: argocd
        spec:
          project: data
          source:
            repoURL: https://charts.internal.example
            chart: postgres
            targetRevision: 15.2.0
          destination: {server: https://kubernetes.default.svc, namespace: data}
        """,
)
def helm_pass_credentials(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for app in apps_of(resource, ctx):
        for source in app.sources:
            helm = source.map("helm")
            flag = helm.get("passCredentials") if helm is not None else None
            if is_true(flag):
                yield Violation(
                    f"{app.describe()} sends Helm repository credentials to every host the chart index "
                    "names (passCredentials: true); remove it",
                    at=flag,
                )
