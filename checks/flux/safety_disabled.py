"""FLUX011 reconciliation-safety-disabled."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource, is_false, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_HELM_FLAGS = ("disableOpenAPIValidation", "disableSchemaValidation", "disableHooks")


@Rule(
    id="FLUX011",
    slug="reconciliation-safety-disabled",
    title="A reconciler disables validation or safe apply behaviour.",
    severity=Severity.LOW,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"Kustomization", "HelmRelease"}),
    summary="""
        Reports Kustomizations with `force: true`, root Kustomizations (in the Flux namespace) with
        `prune: false`, and HelmReleases whose `install`/`upgrade` disable OpenAPI or schema validation or
        hooks, or whose `upgrade.force` is true.
        """,
    rationale="""
        Forced applies recreate objects and skip conflict checks; disabled validation lets invalid
        manifests reach the API; no pruning on a root leaves deleted workloads running forever, out of
        sight of review.
        """,
    fix="Remove force/validation-skipping options; keep prune enabled on roots.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: false
          force: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
)
def reconciliation_safety_disabled(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    spec = spec_of(resource)
    what = resource.describe()
    if resource.kind == "Kustomization":
        if is_true(spec.get("force")):
            yield Violation(f"{what} force-applies (recreates objects on conflict)", at=spec.get("force"))
        if resource.namespace == ctx.config.flux_namespace and is_false(spec.get("prune")):
            yield Violation(f"root {what} does not prune: removed workloads keep running", at=spec.get("prune"))
        return
    for phase in ("install", "upgrade"):
        section = spec.map(phase)
        for key in _HELM_FLAGS + (("force",) if phase == "upgrade" else ()):
            node = section.get(key) if section is not None else None
            if is_true(node):
                yield Violation(f"{what} sets {phase}.{key}: true", at=node)
