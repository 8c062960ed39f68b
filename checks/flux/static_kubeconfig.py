"""FLUX014 static-kubeconfig-reference."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap


@Rule(
    id="FLUX014",
    slug="static-kubeconfig-reference",
    title="A reconciler deploys to a remote cluster with a static kubeconfig Secret.",
    severity=Severity.LOW,
    nist=("4.3.5",),
    target=Target.OBJECT,
    kinds=frozenset({"Kustomization", "HelmRelease"}),
    summary="Reports Kustomizations and HelmReleases with `spec.kubeConfig.secretRef`.",
    rationale="""
        A kubeconfig in a Secret holds long-lived credentials to another cluster; whoever can read the
        Secret (or a backup of it) controls that cluster. Workload identity avoids static credentials.
        """,
    fix="Use configMapRef with workload identity for remote clusters.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: edge, namespace: flux-system}
        spec:
          interval: 10m
          path: ./edge
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          kubeConfig:
            secretRef: {name: edge-kubeconfig}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: edge, namespace: flux-system}
        spec:
          interval: 10m
          path: ./edge
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          kubeConfig:
            configMapRef: {name: edge-cluster}
        """,
)
def static_kubeconfig_reference(resource: Resource, ctx: Context) -> Iterator[Violation]:
    config = spec_of(resource).map("kubeConfig")
    ref = config.get("secretRef") if isinstance(config, YMap) else None
    if is_flux(resource) and ref is not None:
        yield Violation(
            f"{resource.describe()} reaches its cluster with a static kubeconfig Secret; use configMapRef "
            "with workload identity",
            at=ref,
        )
