"""Turning schema issues into messages: paths as users write them, and "did you mean"."""

from __future__ import annotations

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Violation
from linter.schema.validator import Issue, IssueKind, Path, closest


def dotted(path: Path) -> str:
    """``("spec", "containers", 0, "image")`` -> ``spec.containers[0].image``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def explain(issue: Issue) -> str:
    """The issue's message, with the nearest valid field name for an unknown one."""
    if issue.kind == IssueKind.UNKNOWN_FIELD:
        guess = closest(issue.field, issue.known)
        if guess is not None:
            return f"{issue.message}; did you mean {guess!r}?"
    return issue.message


def at_path(issue: Issue, base: Path = ()) -> str:
    """Where the issue is, relative to ``base``: the parent path for unknown/required fields."""
    path = issue.path[len(base) :] if issue.path[: len(base)] == base else issue.path
    if issue.kind == IssueKind.UNKNOWN_FIELD:
        path = path[:-1]
    return dotted(path)


def object_violation(resource: Resource, issue: Issue) -> Violation:
    """A finding about ``resource`` at the issue's key, saying where inside the object it is."""
    inside = at_path(issue)
    place = f"{resource.describe()} {inside}" if inside else resource.describe()
    return Violation(f"{place}: {explain(issue)}", at=issue.node, evidence=f"{dotted(issue.path)}|{issue.kind}")


def note_once(ctx: Context, note: str, resource: Resource) -> None:
    """Count ``resource`` under ``note`` in the summary, once per object as written in its file
    (a base rendered by several overlays is one object)."""
    seen: set[tuple[str, str, int]] = ctx.shared("schema-noted", set)
    key = (note, resource.src, resource.doc)
    if key not in seen:
        seen.add(key)
        ctx.notes[note] += 1


def note_schema_version(ctx: Context, resource: Resource) -> None:
    """Say in the summary when objects were validated against another version than the target
    (kubernetes-validate ships schemas for a range of versions only)."""
    used, target = ctx.schemas.core.version, ctx.kubernetes_version()
    if used != target:
        note = (
            f"object(s) validated against the Kubernetes {used[0]}.{used[1]} API schemas, the nearest that "
            f"kubernetes-validate ships to kubernetes_version {target[0]}.{target[1]}"
        )
        note_once(ctx, note, resource)
