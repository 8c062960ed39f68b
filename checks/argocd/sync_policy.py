"""ARGO014 sync-policy-hazard."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of, texts
from linter.context import Context
from linter.k8s import Resource, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap

_RISKY_OPTIONS = ("Validate=false", "Replace=true", "Force=true", "SkipDryRunOnMissingResource=true")


@Rule(
    id="ARGO014",
    slug="sync-policy-hazard",
    title="Sync settings can wipe resources or bypass validation.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        Reports automated sync with both `prune: true` and `allowEmpty: true` (an empty render deletes every
        managed object), and, as low, `syncOptions` `Validate=false`, `Replace=true`, `Force=true` or
        `SkipDryRunOnMissingResource=true`.
        """,
    rationale="""
        A broken kustomization or a wrong path renders nothing; with prune and allowEmpty Argo CD then
        deletes everything the Application manages. The other options skip schema validation or replace
        objects wholesale, so a mistake reaches the cluster unchecked.
        """,
    fix="Drop allowEmpty with prune, and avoid validation-skipping or destructive sync options.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://github.com/acme/gitops, path: apps/web, targetRevision: v1.0.0}
          destination: {server: https://kubernetes.default.svc, namespace: web}
          syncPolicy:
            automated: {prune: true, allowEmpty: true}
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
          destination: {server: https://kubernetes.default.svc, namespace: web}
          syncPolicy:
            automated: {prune: true}
        """,
)
def sync_policy_hazard(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for app in apps_of(resource, ctx):
        policy = app.spec.map("syncPolicy")
        if policy is None:
            continue
        automated = policy.get("automated")
        if isinstance(automated, YMap) and is_true(automated.get("prune")) and is_true(automated.get("allowEmpty")):
            yield Violation(
                f"{app.describe()} prunes with allowEmpty: an empty render deletes every managed object",
                at=automated.get("allowEmpty"),
            )
        for text, node in texts(policy.get("syncOptions")):
            if text.replace(" ", "") in _RISKY_OPTIONS:
                yield Violation(
                    f"{app.describe()} sync option {text} skips validation or replaces objects wholesale",
                    at=node,
                    severity=Severity.LOW,
                )
