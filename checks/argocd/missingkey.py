"""ARGO017 applicationset-missingkey-not-error."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import texts
from linter.context import Context
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="ARGO017",
    slug="applicationset-missingkey-not-error",
    title="A Go-templated ApplicationSet renders missing keys silently.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"ApplicationSet"}),
    summary="Reports ApplicationSets with `goTemplate: true` whose `goTemplateOptions` lack `missingkey=error`.",
    rationale="""
        Without `missingkey=error` a key missing from generator data renders as `<no value>` into names,
        paths and namespaces: Applications appear with wrong destinations instead of failing.
        """,
    fix='Set `goTemplateOptions: ["missingkey=error"]`.',
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: clusters
          namespace: argocd
        spec:
          goTemplate: true
          generators: [{clusters: {}}]
          template:
            metadata: {name: "web-{{.name}}"}
            spec:
              project: web
              source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1}
              destination: {server: "{{.server}}", namespace: web}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: clusters
          namespace: argocd
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators: [{clusters: {}}]
          template:
            metadata: {name: "web-{{.name}}"}
            spec:
              project: web
              source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1}
              destination: {server: "{{.server}}", namespace: web}
        """,
    refs=("argocd-lint missingkey=error rule",),
)
def applicationset_missingkey_not_error(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    go_template = spec.get("goTemplate") if spec is not None and resource.group == "argoproj.io" else None
    if spec is None or not is_true(go_template):
        return
    if not any(text.replace(" ", "") == "missingkey=error" for text, _ in texts(spec.get("goTemplateOptions"))):
        yield Violation(
            f"{resource.describe()} renders missing template keys as '<no value>'; add "
            "goTemplateOptions: [missingkey=error]",
            at=go_template,
        )
