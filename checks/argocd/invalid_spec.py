"""ARGO015 invalid-source-or-destination-spec."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode


def _second(container: YMap, first: str, second: str) -> YNode | None:
    """The later (in the file) of two conflicting keys, when both are present."""
    a, b = container.get(first), container.get(second)
    if a is None or b is None:
        return None
    return max((a, b), key=lambda n: (n.key_span().line, n.key_span().col))


@Rule(
    id="ARGO015",
    slug="invalid-source-or-destination-spec",
    title="An Argo CD object combines mutually exclusive fields.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        Reports an Application (or ApplicationSet template) with both `spec.source` and `spec.sources`, a
        destination with both `server` and `name` or with neither, and a source with both `chart` and
        `path`.
        """,
    rationale="""
        Argo CD resolves these conflicts in ways readers do not expect (one of the fields is silently
        ignored) or refuses to sync: what the review approved is then not what runs.
        """,
    fix="Keep exactly one of the alternative fields.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.0.0}
          destination:
            server: https://kubernetes.default.svc
            name: in-cluster
            namespace: web
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.0.0}
          destination:
            server: https://kubernetes.default.svc
            namespace: web
        """,
    refs=("argocd-lint source-consistency rule",),
)
def invalid_source_or_destination_spec(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for app in apps_of(resource, ctx):
        both = _second(app.spec, "source", "sources")
        if both is not None:
            yield Violation(f"{app.describe()} sets both source and sources; keep one", at=both)
        destination = app.destination
        if destination is not None:
            conflict = _second(destination, "server", "name")
            if conflict is not None:
                yield Violation(f"{app.describe()} destination sets both server and name; keep one", at=conflict)
            elif "server" not in destination and "name" not in destination:
                yield Violation(f"{app.describe()} destination has neither server nor name", at=destination)
        for source in app.sources:
            conflict = _second(source, "chart", "path")
            if conflict is not None:
                yield Violation(f"{app.describe()} source sets both chart and path; keep one", at=conflict)
