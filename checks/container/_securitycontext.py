"""Shapes the CTR rules share: capability lists, where to point when a setting is missing, and one
finding per deciding key for settings a container inherits from its pod."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from linter.context import Context
from linter.k8s import Container, PodSpec, is_false, seq_texts
from linter.pss import pss_version
from linter.rule import Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

# Pod Security Standards "baseline": the only capabilities a container may add.
BASELINE_CAPABILITIES = frozenset(
    {
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    }
)

# From this version a pod with `hostUsers: false` runs in a user namespace, where UID 0 is not root
# on the node, and Pod Security "restricted" stops requiring non-root settings for it.
USER_NAMESPACES_RELAXED = (1, 35)


def user_namespaced(pod: PodSpec, ctx: Context) -> bool:
    """`hostUsers: false` on a Kubernetes version whose "restricted" profile exempts it."""
    return is_false(pod.node.get("hostUsers")) and pss_version(pod.resource, ctx) >= USER_NAMESPACES_RELAXED


def capabilities(container: Container, which: str) -> list[tuple[str, YNode]]:
    """The string items of `securityContext.capabilities.<which>` (add or drop), as written."""
    caps = container.sc_field("capabilities")
    return seq_texts(caps.get(which)) if isinstance(caps, YMap) else []


def shown(node: YNode) -> str:
    """A value as written, for messages about settings (never secrets)."""
    return repr(node.text) if isinstance(node, YScalar) else "a non-scalar value"


def effective(container: Container, field: str) -> tuple[YNode | None, bool]:
    """eff(C, field) and whether it comes from the pod: the container's own non-null value, else the
    pod's."""
    own = container.sc_field(field)
    if own is not None:
        return own, False
    inherited = container.pod.sc_field(field)
    return inherited, inherited is not None


def security_contexts(pod: PodSpec) -> Iterator[tuple[str, YMap | None]]:
    """The pod's securityContext, then each container's, with who they belong to (for messages):
    for settings judged wherever they are written, even where a container overrides the pod."""
    yield "pod securityContext", pod.security_context
    for container in pod.containers():
        yield container.describe(), container.security_context


def sc_location(container: Container, path: str) -> YNode:
    """`securityContext.<path>` when present, else its deepest existing parent, else the name."""
    sc = container.security_context
    return sc.nearest(path) if sc is not None else container.anchor()


@dataclass(slots=True)
class Verdict:
    """A container fails a rule because of the setting at ``at``."""

    container: Container
    at: YNode
    problem: str  # completes "<who> ...", e.g. "sets runAsUser: 0"
    fix: str
    severity: Severity | None = None
    inherited: bool = False  # ``at`` is the pod's setting, which the container inherits


def report(verdicts: Iterable[Verdict]) -> Iterator[Violation]:
    """One finding per deciding key: containers that inherit the same pod setting share it."""
    groups: dict[tuple[int, str, Severity | None], list[Verdict]] = {}
    for verdict in verdicts:
        groups.setdefault((id(verdict.at), verdict.problem, verdict.severity), []).append(verdict)
    for group in groups.values():
        first = group[0]
        if first.inherited:
            who = ", ".join(verdict.container.describe() for verdict in group)
            yield Violation(
                f"pod securityContext {first.problem} (inherited by {who}); {first.fix}",
                at=first.at,
                severity=first.severity,
                # containers come and go; the finding is about the pod's setting
                evidence=f"pod securityContext {first.problem}",
            )
        else:
            yield Violation(
                f"{first.container.describe()} {first.problem}; {first.fix}", at=first.at, severity=first.severity
            )
