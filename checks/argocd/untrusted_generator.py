"""ARGO018 applicationset-untrusted-generator."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.argocd._argo import generators
from linter.context import Context
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar, YSeq


def _auto_sync(resource: Resource) -> bool:
    automated = resource.root.at("spec.template.spec.syncPolicy.automated")
    if automated is not None and not (isinstance(automated, YScalar) and automated.value is None):
        return True
    patch = resource.root.at("spec.templatePatch")
    return (
        isinstance(patch, YScalar)
        and isinstance(patch.value, str)
        and bool(re.search(r"^\s*automated\s*:", patch.value, re.MULTILINE))
    )


def _has_labels(pull_request: YMap) -> bool:
    for provider in pull_request.items.values():
        labels = provider.get("labels") if isinstance(provider, YMap) else None
        if isinstance(labels, YSeq) and len(labels) > 0:
            return True
    filters = pull_request.get("filters")
    return isinstance(filters, YSeq) and len(filters) > 0


@Rule(
    id="ARGO018",
    slug="applicationset-untrusted-generator",
    title="An auto-syncing ApplicationSet deploys from unreviewed branches or pull requests.",
    severity=Severity.HIGH,
    nist=("4.1.5", "4.4.5"),
    target=Target.OBJECT,
    kinds=frozenset({"ApplicationSet"}),
    summary="""
        Reports ApplicationSets whose template (or templatePatch) syncs automatically and that have a
        pull-request generator without a label filter or `filters`, or an SCM-provider generator with
        `allBranches: true` (nested matrix and merge generators included).
        """,
    rationale="""
        Every pull request, from anyone who can open one (forks included), is then deployed to a cluster
        before anybody reviewed it: a free remote code execution path into the cluster's network.
        """,
    fix="Require a maintainer-applied label/filter for PR environments, or disable auto-sync for them.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: previews
          namespace: argocd
        spec:
          generators:
            - pullRequest:
                github: {owner: acme, repo: web}
          template:
            metadata: {name: "web-pr-{{number}}"}
            spec:
              project: previews
              source: {repoURL: https://github.com/acme/web, path: deploy, targetRevision: "{{head_sha}}"}
              destination: {server: https://kubernetes.default.svc, namespace: "pr-{{number}}"}
              syncPolicy: {automated: {prune: true}}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: previews
          namespace: argocd
        spec:
          generators:
            - pullRequest:
                github: {owner: acme, repo: web, labels: [preview-approved]}
          template:
            metadata: {name: "web-pr-{{number}}"}
            spec:
              project: previews
              source: {repoURL: https://github.com/acme/web, path: deploy, targetRevision: "{{head_sha}}"}
              destination: {server: https://kubernetes.default.svc, namespace: "pr-{{number}}"}
              syncPolicy: {automated: {prune: true}}
        """,
)
def applicationset_untrusted_generator(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.group != "argoproj.io" or not _auto_sync(resource):
        return
    for kind, spec in generators(resource):
        if kind == "pullRequest" and not _has_labels(spec):
            yield Violation(
                f"{resource.describe()} auto-syncs every pull request (no label or filter on its "
                "pullRequest generator); require a maintainer-applied label",
                at=spec,
                evidence="pullRequest",
            )
        elif kind == "scmProvider" and is_true(spec.get("allBranches")):
            yield Violation(
                f"{resource.describe()} auto-syncs every branch of every repository its scmProvider "
                "finds (allBranches: true)",
                at=spec.get("allBranches"),
                evidence="allBranches",
            )
