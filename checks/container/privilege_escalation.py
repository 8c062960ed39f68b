"""CTR002 privilege-escalation-allowed."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Container, PodSpec, is_false, is_true, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

_SYS_ADMIN = frozenset({"SYS_ADMIN", "CAP_SYS_ADMIN"})


def _exempt(container: Container) -> bool:
    """Privileged or SYS_ADMIN containers escalate anyway; the API rejects `false` with them."""
    if is_true(container.sc_field("privileged")):
        return True
    caps = container.sc_field("capabilities")
    added = caps.get("add") if isinstance(caps, YMap) else None
    return any(name in _SYS_ADMIN for name, _ in seq_texts(added))


@Rule(
    id="CTR002",
    slug="privilege-escalation-allowed",
    title="A container may gain more privileges than its parent process.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports Linux containers whose `securityContext.allowPrivilegeEscalation` is not `false`
        (absent, null, or true). Explicit `true` is high. Privileged containers and containers that
        add `SYS_ADMIN` are left to CTR001 and CTR009, because they can always escalate.
        """,
    rationale="""
        Unless `allowPrivilegeEscalation` is false, the kernel's `no_new_privs` flag is not set and a
        process can gain privileges through setuid binaries or file capabilities, turning an
        unprivileged foothold into root inside the container.
        """,
    fix="Set `securityContext.allowPrivilegeEscalation: false` on every container.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            securityContext:
              allowPrivilegeEscalation: false
        """,
    notes="""
        Follows Pod Security Standards "restricted": Windows pods (`spec.os.name: windows`) are
        exempt. A string such as `"false"` is not the boolean false and is reported. Checkov
        CKV_K8S_20 agrees (only an explicit false passes); kube-linter privilege-escalation-container
        reports only an explicit true, so an unset field is a deliberate difference.
        """,
    refs=(
        "CKV_K8S_20",
        "KSV001",
        "kube-linter privilege-escalation-container",
        "Polaris privilegeEscalationAllowed",
        "PSS restricted: Privilege Escalation",
        "CIS Docker 5.26",
    ),
)
def privilege_escalation_allowed(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux:
        return
    for container in pod.containers():
        node = container.sc_field("allowPrivilegeEscalation")
        if is_false(node) or _exempt(container):
            continue
        if is_true(node):
            yield Violation(
                f"{container.describe()} sets securityContext.allowPrivilegeEscalation: true",
                at=node,
                severity=Severity.HIGH,
            )
        elif node is not None:
            shown = node.text if isinstance(node, YScalar) else "a non-boolean value"
            yield Violation(
                f"{container.describe()} sets allowPrivilegeEscalation to {shown!r}, which is not the boolean false",
                at=node,
            )
        else:
            yield Violation(
                f"{container.describe()} does not set securityContext.allowPrivilegeEscalation: false",
                at=container.security_context or container.anchor(),
            )
