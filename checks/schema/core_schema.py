"""SCHEMA003 core-schema-violation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.schema._issues import note_once, note_schema_version, object_violation
from checks.schema._removed import removal_of
from checks.schema._security import is_security_issue
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.schema.core import is_builtin_group
from linter.schema.validator import deferred
from linter.severity import Severity
from linter.yamlnodes import YScalar

_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
# Kinds whose names must be DNS-1123 labels; RBAC names only need to be valid path segments.
_LABEL_NAMED = frozenset({"Namespace", "Service"})
_PATH_SEGMENT_NAMED = frozenset({"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"})
# kubectl expands a v1 List on the client; the repository model keeps it as one document.
LIST_NOT_VALIDATED = "v1 List document(s) not validated item by item (kustomize renders their items, which are)"


@Rule(
    id="SCHEMA003",
    slug="core-schema-violation",
    title="A built-in Kubernetes object does not match the API schema.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.OBJECT,
    summary="""
        Validates built-in objects (the core group, the unqualified groups such as `apps` and `batch`,
        and `*.k8s.io`) against the API schema of the target version (config `kubernetes_version`),
        strictly: unknown fields (with the closest valid name), wrong types, missing required fields,
        invalid enum values, duplicate list-map keys (`containers[].name`, `env[].name`,
        `volumeMounts[].mountPath`, `ports[].containerPort`+`protocol`, ...: on apply one entry
        silently replaces the other, or the object is rejected), a kind the API group does not
        have, object names that are not DNS-1123 names as their kind requires, and invalid label
        keys or values. Errors inside a pod or container securityContext are SCHEMA002's.
        """,
    rationale="""
        A misspelled or misplaced field is dropped without a word under non-strict validation, and a
        duplicated list entry overrides the first: what was reviewed is not what runs, and problems
        otherwise surface only at deploy time, when a broken object blocks the whole sync.
        """,
    fix="Fix the field name, type or value per the API reference.",
    bad="""
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/web:1.4.2
              env:
                - {name: MODE, value: safe}
                - {name: MODE, value: debug}
              resource:
                limits: {memory: 256Mi}
        """,
    good="""
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/web:1.4.2
              env:
                - {name: MODE, value: safe}
              resources:
                limits: {memory: 256Mi}
        """,
    notes="""
        The schema is the one kubernetes-validate ships for the target version (the nearest shipped
        version when it ships none for it, which the summary says). Objects of an API version the
        schemas do not have (removed APIs, SCHEMA004; aggregated APIs) are not validated; a `v1 List`
        is counted in the summary rather than validated item by item. The top-level `status` and
        `sops` keys are ignored, and values that a later stage substitutes (`${VAR}`, `{{ }}`, SOPS
        `ENC[...]`) are not judged. Duplicate list entries follow the schema's list-map keys.
        """,
    refs=(
        "kubeconform -strict",
        "kube-linter schema-validation",
        "Datree schema validation",
        "Kubescape C-0295 (duplicate env var)",
    ),
)
def core_schema_violation(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.partial is not None or not is_builtin_group(resource.group):
        return
    schemas = ctx.schemas
    if resource.kind == "List" and resource.api_version == "v1":
        note_once(ctx, LIST_NOT_VALIDATED, resource)
        return
    issues = schemas.core_issues(resource)
    if issues is None:
        removed = removal_of(resource.group, resource.version, resource.kind) is not None
        if not removed and (resource.group, resource.version) in schemas.core.group_versions:  # SCHEMA004's
            yield Violation(
                f"{resource.api_version} has no kind {resource.kind!r}",
                at=resource.kind_node(),
            )
        return
    note_schema_version(ctx, resource)
    pod_path = tuple(resource.pod.path.split(".")) if resource.pod is not None else None
    for issue in issues:
        if pod_path is not None and is_security_issue(issue, pod_path):
            continue  # SCHEMA002
        yield object_violation(resource, issue)
    yield from _names_and_labels(resource)


def _names_and_labels(resource: Resource) -> Iterator[Violation]:
    metadata = resource.metadata
    if metadata is None:
        return
    name = metadata.scalar("name")
    if name is not None and isinstance(name.value, str) and not deferred(name):
        problem = _name_problem(resource.kind, name.value)
        if problem:
            yield Violation(f"{resource.describe()} metadata.name {problem}", at=name)
    namespace = metadata.scalar("namespace")
    if (
        namespace is not None
        and isinstance(namespace.value, str)
        and not deferred(namespace)
        and (len(namespace.value) > 63 or not _LABEL.match(namespace.value))
    ):
        yield Violation(
            f"{resource.describe()} metadata.namespace {namespace.value!r} is not a DNS-1123 label", at=namespace
        )
    holders = [("metadata", metadata)]
    template = resource.pod.template_metadata if resource.pod is not None else None
    if resource.pod is not None and template is not None and template is not metadata:
        holders.append((f"{resource.pod.path.rpartition('.spec')[0]}.metadata", template))
    for where, holder in holders:
        labels = holder.map("labels")
        for key, value in labels.items.items() if labels is not None else ():
            problem = _label_problem(key, value if isinstance(value, YScalar) else None)
            if problem:
                yield Violation(f"{resource.describe()} {where}.labels: {problem}", at=value)


def _name_problem(kind: str, name: str) -> str | None:
    if kind in _PATH_SEGMENT_NAMED:
        return (
            "may not be '.' or '..' nor contain '/' or '%'" if name in (".", "..") or set(name) & {"/", "%"} else None
        )
    if kind in _LABEL_NAMED:
        ok = len(name) <= 63 and _LABEL.match(name)
        return None if ok else f"{name!r} is not a DNS-1123 label (lowercase letters, digits and '-', at most 63)"
    ok = len(name) <= 253 and _SUBDOMAIN.match(name)
    return None if ok else f"{name!r} is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')"


def _label_problem(key: str, value: YScalar | None) -> str | None:
    prefix, _, name = key.rpartition("/")
    if "${" in key:
        return None
    if (
        (prefix and (len(prefix) > 253 or not _SUBDOMAIN.match(prefix)))
        or len(name) > 63
        or not _LABEL_NAME.match(name)
    ):
        return f"label key {key!r} is not a valid label name"
    if value is None or not isinstance(value.value, str) or deferred(value):
        return None  # non-strings are type errors, reported by the schema
    text = value.value
    if text and (len(text) > 63 or not _LABEL_NAME.match(text)):
        return f"label {key!r} has the invalid value {text!r} (at most 63 letters, digits, '-', '_' or '.')"
    return None
