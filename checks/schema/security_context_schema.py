"""SCHEMA002 security-context-schema-error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from checks.schema._issues import at_path, explain, note_schema_version
from checks.schema._security import CONTEXT, HOLDER_OF_LIST, POD_SPEC, misspelled_context
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.schema.catalog import Schemas
from linter.schema.validator import Issue, IssueKind, deferred, type_name
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

_POD_CONTEXT = "io.k8s.api.core.v1.PodSecurityContext"
_CONTAINER_CONTEXT = "io.k8s.api.core.v1.SecurityContext"
POD_ONLY = frozenset(
    {
        "fsGroup",
        "fsGroupChangePolicy",
        "supplementalGroups",
        "supplementalGroupsPolicy",
        "sysctls",
        "seLinuxChangePolicy",
    }
)
CONTAINER_ONLY = frozenset(
    {"privileged", "allowPrivilegeEscalation", "capabilities", "readOnlyRootFilesystem", "procMount"}
)
# Enumerations the API documents but its published schema leaves as free strings.
_ENUMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("seccompProfile", "type"): ("RuntimeDefault", "Localhost", "Unconfined"),
    ("appArmorProfile", "type"): ("RuntimeDefault", "Localhost", "Unconfined"),
    ("procMount",): ("Default", "Unmasked"),
    ("fsGroupChangePolicy",): ("OnRootMismatch", "Always"),
    ("supplementalGroupsPolicy",): ("Merge", "Strict"),
    ("seLinuxChangePolicy",): ("MountOption", "Recursive"),
}


@Rule(
    id="SCHEMA002",
    slug="security-context-schema-error",
    title="A securityContext contains an unknown, misplaced or mistyped field, so the intended control may not apply.",
    severity=Severity.HIGH,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Validates the pod and every container `securityContext` (with seccompProfile, seLinuxOptions,
        capabilities, windowsOptions, appArmorProfile and sysctls) against the Kubernetes API schema of
        the target version (config `kubernetes_version`): unknown keys, compared exactly
        (`runAsNonroot`, `capabilities.drops`), with the closest valid name; pod-only fields in a
        container context and container-only fields in the pod context; wrong types
        (`runAsNonRoot: "true"`) and values outside the documented enumerations
        (`seccompProfile.type: runtimedefault`). Also a `securityContext` that is not a mapping, and
        a misspelled `securityContext` key itself (`securityContex`), which drops the whole block.
        """,
    rationale="""
        With non-strict field validation the API server drops unknown fields, and a field at the wrong
        level is unknown there: the manifest reads as hardened, every policy linter that looks for the
        correct key is satisfied or silent, and the container runs without the control.
        """,
    fix="Use the exact field name, level and type from the Kubernetes API reference.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.4.2
                  securityContext:
                    runAsNonroot: true
                    allowPrivilegeEscalation: "false"
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.4.2
                  securityContext:
                    runAsNonRoot: true
                    allowPrivilegeEscalation: false
        """,
    notes="""
        The schema is the one kubernetes-validate ships for the target version. YAML is read as the
        API server reads it: an unquoted `yes`/`on` is a boolean, `"true"` is a string. Values that a
        later stage substitutes (`${VAR}`, `{{ }}`, SOPS `ENC[...]`) are not judged. The catalogue
        limits the rule to keys inside a securityContext; a misspelled `securityContext` key (closest
        valid field of the pod spec or container within two edits) and a non-mapping value are
        reported here too, because they silently drop every control of the block, which is this
        rule's concern, not a generic schema error (SCHEMA003 leaves them to this rule).
        """,
    refs=("kubeconform -strict", "kube-linter schema-validation"),
)
def security_context_schema_error(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if pod.resource.partial is not None:
        return
    schemas = ctx.schemas
    note_schema_version(ctx, pod.resource)
    yield from _misspelled(pod.node, POD_SPEC, "pod spec", schemas)
    yield from _context(
        pod.node.get(CONTEXT), _POD_CONTEXT, "pod securityContext", CONTAINER_ONLY, "a container's", schemas
    )
    for container in pod.containers():
        where = container.describe()
        yield from _misspelled(container.node, HOLDER_OF_LIST[container.list_name], where, schemas)
        yield from _context(
            container.node.get(CONTEXT), _CONTAINER_CONTEXT, f"{where} securityContext", POD_ONLY, "the pod's", schemas
        )


def _context(
    node: YNode | None, definition: str, where: str, other_level: frozenset[str], other: str, schemas: Schemas
) -> Iterator[Violation]:
    if node is None or (isinstance(node, YScalar) and node.value is None) or deferred(node):
        return
    if not isinstance(node, YMap):
        # The API server rejects the object (or a lenient decoder drops the block): no control applies.
        yield Violation(
            f"{where} must be a mapping of settings, not {type_name(node)}: none of its controls apply",
            at=node,
            evidence=f"{where}|type",
        )
        return
    for issue in schemas.validate_core(node, definition):
        yield _violation(issue, where, other_level, other)
    yield from _enums(node, where)


def _misspelled(holder: YMap, definition: str, where: str, schemas: Schemas) -> Iterator[Violation]:
    """`securityContex:` and the like: the API server drops the whole block."""
    schema = schemas.core.definition(definition)
    properties = schema.get("properties") if schema is not None else None
    if not isinstance(properties, Mapping):
        return
    for key, value in holder.items.items():
        if misspelled_context(key, properties):
            yield Violation(
                f"{where}: unknown field {key!r}; did you mean {CONTEXT!r}? The whole security context is ignored",
                at=value,
                evidence=f"{where}|{key}|misspelled",
            )


def _violation(issue: Issue, where: str, other_level: frozenset[str], other: str) -> Violation:
    inside = at_path(issue)
    place = f"{where}.{inside}" if inside else where
    if issue.kind == IssueKind.UNKNOWN_FIELD and len(issue.path) == 1 and issue.field in other_level:
        message = f"{place}: {issue.field} belongs in {other} securityContext; here it is ignored"
    else:
        message = f"{place}: {explain(issue)}"
    return Violation(message, at=issue.node, evidence=f"{where}|{'.'.join(map(str, issue.path))}|{issue.kind}")


def _enums(context: YMap, where: str) -> Iterator[Violation]:
    for path, allowed in _ENUMS.items():
        node = context.at(".".join(path))
        if (
            isinstance(node, YScalar)
            and isinstance(node.value, str)
            and not deferred(node)
            and node.value not in allowed
        ):
            yield Violation(
                f"{where}.{'.'.join(path)} must be one of {', '.join(allowed)}, not {node.value!r}", at=node
            )
