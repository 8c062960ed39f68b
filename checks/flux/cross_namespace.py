"""FLUX010 cross-namespace-source-ref."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, references
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="FLUX010",
    slug="cross-namespace-source-ref",
    title="A reconciler uses a source from another namespace.",
    severity=Severity.MEDIUM,
    nist=("4.3.2",),
    target=Target.OBJECT,
    kinds=frozenset({"Kustomization", "HelmRelease"}),
    summary="""
        Reports a Kustomization `sourceRef`, or a HelmRelease `chart.spec.sourceRef` / `chartRef`, whose
        `namespace` differs from the object's own (high in multi-tenant repositories).
        """,
    rationale="""
        A tenant that can reference another namespace's source can deploy another team's (or the
        platform's) artifacts with its own rights, and controllers locked down with
        `--no-cross-namespace-refs` reject it.
        """,
    fix="Keep sources in the tenant's namespace.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: team-a, namespace: team-a}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: platform, namespace: flux-system}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: team-a, namespace: team-a}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: team-a}
        """,
)
def cross_namespace_source_ref(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    for what, ref in references(resource):
        namespace = ref.scalar("namespace")
        if namespace is not None and namespace.value and namespace.value != (resource.namespace or namespace.value):
            yield Violation(
                f"{resource.describe()} {what} uses {ref.text('kind')} {ref.text('name')!r} from namespace "
                f"{namespace.value!r}",
                at=namespace,
                severity=Severity.HIGH if ctx.gitops.multi_tenant else None,
            )
