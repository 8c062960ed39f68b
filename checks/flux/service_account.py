"""FLUX009 reconciler-without-service-account."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import controller_args, flag, is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_CONTROLLER = {"Kustomization": "kustomize-controller", "HelmRelease": "helm-controller"}


@Rule(
    id="FLUX009",
    slug="reconciler-without-service-account",
    title="A tenant Kustomization or HelmRelease reconciles with the controller's own identity.",
    severity=Severity.HIGH,
    nist=("4.3.1", "4.3.4"),
    target=Target.OBJECT,
    kinds=frozenset({"Kustomization", "HelmRelease"}),
    summary="""
        In multi-tenant repositories (config `multi_tenant`, or some reconciler outside the Flux namespace
        sets `serviceAccountName`): reports Kustomizations and HelmReleases outside the Flux namespace
        without `spec.serviceAccountName`, unless the controller runs with `--default-service-account`.
        """,
    rationale="""
        Without a service account the controller applies the tenant's manifests with its own
        cluster-admin rights: any tenant can then create ClusterRoleBindings or workloads in other
        tenants' namespaces.
        """,
    fix="Set `spec.serviceAccountName` to a namespace-scoped ServiceAccount (or enable --default-service-account).",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: team-a, namespace: team-a}
        spec:
          interval: 10m
          path: ./tenants/team-a
          prune: true
          sourceRef: {kind: GitRepository, name: team-a}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: team-b, namespace: team-b}
        spec:
          interval: 10m
          path: ./tenants/team-b
          prune: true
          serviceAccountName: team-b
          sourceRef: {kind: GitRepository, name: team-b}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: team-a, namespace: team-a}
        spec:
          interval: 10m
          path: ./tenants/team-a
          prune: true
          serviceAccountName: team-a
          sourceRef: {kind: GitRepository, name: team-a}
        """,
)
def reconciler_without_service_account(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource) or not ctx.gitops.multi_tenant:
        return
    if resource.namespace in (None, ctx.config.flux_namespace):
        return
    spec = spec_of(resource)
    if spec.text("serviceAccountName"):
        return
    args = controller_args(ctx).get(_CONTROLLER[resource.kind], [])
    if flag(args, "--default-service-account") is not None:
        return
    yield Violation(
        f"tenant {resource.describe()} is applied with the {_CONTROLLER[resource.kind]}'s own "
        "(cluster-admin) identity; set spec.serviceAccountName",
        at=spec,
    )
