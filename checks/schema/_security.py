"""Which schema issues of a pod template are SCHEMA002's (security contexts) rather than SCHEMA003's."""

from __future__ import annotations

from collections.abc import Iterable

from linter.k8s import CONTAINER_LISTS
from linter.schema.validator import Issue, IssueKind, Path, closest

CONTEXT = "securityContext"
# Schema definitions of the objects that hold a securityContext, by where they sit in a pod spec.
POD_SPEC = "io.k8s.api.core.v1.PodSpec"
HOLDER_OF_LIST = {
    "containers": "io.k8s.api.core.v1.Container",
    "initContainers": "io.k8s.api.core.v1.Container",
    "ephemeralContainers": "io.k8s.api.core.v1.EphemeralContainer",
}


def misspelled_context(key: str, known: Iterable[str]) -> bool:
    """An unknown key that is a misspelling of `securityContext`: the whole block is dropped."""
    fields = tuple(known)
    return CONTEXT in fields and key not in fields and closest(key, fields) == CONTEXT


def is_security_issue(issue: Issue, pod_path: Path) -> bool:
    """Whether ``issue`` (of a whole object whose pod spec sits at ``pod_path``) is inside, or is,
    the pod's or a container's securityContext."""
    if issue.path[: len(pod_path)] != pod_path:
        return False
    rest = issue.path[len(pod_path) :]
    if rest[:1] and rest[0] in CONTAINER_LISTS and len(rest) >= 3 and isinstance(rest[1], int):
        rest = rest[2:]
    elif rest[:1] and rest[0] in CONTAINER_LISTS:
        return False
    if not rest:
        return False
    if rest[0] == CONTEXT:
        return True
    return (
        len(rest) == 1
        and issue.kind == IssueKind.UNKNOWN_FIELD
        and isinstance(rest[0], str)
        and misspelled_context(rest[0], issue.known)
    )
