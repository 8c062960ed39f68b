"""ARGO016 applicationset-templated-project."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

_PATCH_PROJECT = re.compile(r"^\s*project\s*:", re.MULTILINE)


@Rule(
    id="ARGO016",
    slug="applicationset-templated-project",
    title="ApplicationSet generator data chooses the AppProject.",
    severity=Severity.HIGH,
    nist=("4.3.1",),
    target=Target.OBJECT,
    kinds=frozenset({"ApplicationSet"}),
    summary="""
        Reports ApplicationSets whose `spec.template.spec.project` contains a template expression (`{{`),
        or whose `spec.templatePatch` sets `project`.
        """,
    rationale="""
        Generator data comes from files, pull requests, SCM metadata or cluster labels. If it chooses the
        project, whoever controls that data can place an Application in a more privileged project.
        """,
    fix="Hard-code the project in the template.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: teams
          namespace: argocd
        spec:
          generators:
            - git: {repoURL: https://github.com/acme/gitops, revision: v1, files: [{path: "teams/*.json"}]}
          template:
            metadata: {name: "{{team}}"}
            spec:
              project: "{{team}}"
              source: {repoURL: https://github.com/acme/gitops, path: "teams/{{team}}", targetRevision: v1}
              destination: {server: https://kubernetes.default.svc, namespace: "{{team}}"}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: teams
          namespace: argocd
        spec:
          generators:
            - git: {repoURL: https://github.com/acme/gitops, revision: v1, files: [{path: "teams/*.json"}]}
          template:
            metadata: {name: "{{team}}"}
            spec:
              project: tenants
              source: {repoURL: https://github.com/acme/gitops, path: "teams/{{team}}", targetRevision: v1}
              destination: {server: https://kubernetes.default.svc, namespace: "{{team}}"}
        """,
)
def applicationset_templated_project(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.group != "argoproj.io":
        return
    project = resource.root.at("spec.template.spec.project")
    if isinstance(project, YScalar) and "{{" in project.text:
        yield Violation(
            f"{resource.describe()} lets generator data choose the project ({project.text!r}); hard-code it", at=project
        )
    patch = resource.root.at("spec.templatePatch")
    if isinstance(patch, YScalar) and isinstance(patch.value, str) and _PATCH_PROJECT.search(patch.value):
        yield Violation(
            f"{resource.describe()} templatePatch sets the project; hard-code it in the template",
            at=patch,
            evidence="templatePatch",
        )
