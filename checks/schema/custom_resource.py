"""SCHEMA005 custom-resource-invalid."""

from __future__ import annotations

from collections.abc import Iterator

from checks.schema._issues import note_once, object_violation
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.schema.catalog import desired_state
from linter.schema.core import is_builtin_group
from linter.schema.validator import IssueKind
from linter.severity import Severity
from linter.yamlnodes import YMap

NOT_VALIDATED = (
    "custom resource(s) not validated: no CustomResourceDefinition for their kind in the repository or config crd_paths"
)
# The API server validates these itself for every kind; CRD schemas often leave them out.
_OBJECT_KEYS = frozenset({"apiVersion", "kind", "metadata"})


@Rule(
    id="SCHEMA005",
    slug="custom-resource-invalid",
    title="A custom resource does not match its CustomResourceDefinition.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.OBJECT,
    summary="""
        Validates custom resources against the CustomResourceDefinitions (apiextensions.k8s.io/v1) in
        the scanned repository (such as Flux's `gotk-components.yaml` or a vendored CRD folder) and in
        the directories of config `crd_paths` (relative to the scanned root; a `v1 List` of CRDs, as
        `kubectl get crds -o yaml` writes it, counts too), the repository's own taking precedence.
        High when the object's version is not among the CRD's versions or is not served; medium when
        it fails that version's `openAPIV3Schema`: unknown fields where
        `x-kubernetes-preserve-unknown-fields` is not set, wrong types, missing required fields, enum,
        pattern and bound violations. Custom resources without a CRD are counted in the summary, not
        reported.
        """,
    rationale="""
        The API server rejects an invalid custom resource at sync time (or prunes its unknown fields
        silently): the Argo CD Application, Flux Kustomization or policy that was reviewed never takes
        effect, and nothing in the pull request showed it.
        """,
    fix="Fix the resource, or update the CRD it is validated against.",
    bad="""
        # file: crds/widgets.yaml
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.acme.io}
        spec:
          group: acme.io
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        replicas: {type: integer}
        # file: widget.yaml
        apiVersion: acme.io/v1
        kind: Widget
        metadata: {name: w}
        spec:
          replica: 2
        """,
    good="""
        # file: crds/widgets.yaml
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.acme.io}
        spec:
          group: acme.io
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        replicas: {type: integer}
        # file: widget.yaml
        apiVersion: acme.io/v1
        kind: Widget
        metadata: {name: w}
        spec:
          replicas: 2
        """,
    notes="""
        The catalogue also names a bundled catalog of well-known CRDs (Argo CD, Flux, ...); none is
        shipped: vendoring third-party schemas would go stale silently, while the CRDs a GitOps
        repository deploys are the versions its cluster actually serves. Point `crd_paths` at a
        directory of CRDs to validate against others. Findings inside a pod securityContext (e.g. of
        an Argo Rollout) are left to SCHEMA002, and an unserved version that SCHEMA004 (add-ons such
        as cert-manager) or FLUX001 (Flux APIs) already reports at the same `apiVersion` is reported
        once, by that rule, which names the replacement.
        """,
    superseded_by=("SCHEMA002", "SCHEMA004", "FLUX001"),
    refs=("kubeconform (CRDs-catalog)", "flux-schema", "argocd-lint (embedded CRD schemas)", "Datree CRD catalog"),
)
def custom_resource_invalid(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.partial is not None or is_builtin_group(resource.group):
        return
    crd = ctx.schemas.crds.get((resource.group, resource.kind))
    if crd is None:
        note_once(ctx, NOT_VALIDATED, resource)
        return
    version = crd.versions.get(resource.version)
    if version is None or not version.served:
        served = ", ".join(sorted(v for v, d in crd.versions.items() if d.served)) or "none"
        state = "is not served" if version is not None else "is not defined"
        yield Violation(
            f"{resource.describe()}: version {resource.version!r} of {resource.kind} {state} by its CRD "
            f"({crd.source}); served versions: {served}",
            at=resource.root.get("apiVersion") or resource.kind_node(),
            severity=Severity.HIGH,
        )
        return
    if version.schema is None:
        return
    body = desired_state(resource.root)
    view = YMap(body.src, body.line, body.col, body.end_line, body.end_col)
    view.items = {k: v for k, v in body.items.items() if k not in _OBJECT_KEYS}
    for issue in ctx.schemas.crd_validator.validate(view, version.schema):
        if issue.kind == IssueKind.REQUIRED and not issue.path and issue.field in _OBJECT_KEYS:
            continue
        yield object_violation(resource, issue)
