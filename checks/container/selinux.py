"""CTR013 selinux-custom-options."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import security_contexts
from linter.context import Context
from linter.k8s import PodSpec
from linter.pss import pss_version
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

ALLOWED_TYPES = frozenset({"", "container_t", "container_init_t", "container_kvm_t"})
# Pod Security "baseline" allows container_engine_t from this version on.
ENGINE_TYPE_SINCE = (1, 31)
_FIX = "remove it and rely on the runtime's confined container type"


def _problems(sc: YMap | None, allowed: frozenset[str]) -> Iterator[tuple[str, YScalar]]:
    options = sc.get("seLinuxOptions") if sc is not None else None
    if not isinstance(options, YMap):
        return
    kind = options.get("type")
    if isinstance(kind, YScalar) and kind.value is not None and kind.text not in allowed:
        yield f"sets seLinuxOptions.type: {kind.text}", kind
    for field in ("user", "role"):
        node = options.get(field)
        if isinstance(node, YScalar) and node.value is not None and node.text != "":
            yield f"sets seLinuxOptions.{field}: {node.text}", node


@Rule(
    id="CTR013",
    slug="selinux-custom-options",
    title="A pod or container sets a custom SELinux type, user or role.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports `seLinuxOptions` in the pod's or a container's securityContext whose `type` is not
        empty, `container_t`, `container_init_t`, `container_kvm_t` or (Kubernetes 1.31 and newer)
        `container_engine_t`, and any non-empty `user` or `role`.
        """,
    rationale="""
        SELinux confines a container by its type: the standard container types can only touch
        container files. A custom type, user or role can be as powerful as `spc_t` (a super
        privileged container) or `unconfined_t`, switching the confinement off.
        """,
    fix="Remove custom SELinux options and rely on the runtime's confined container type.",
    bad="""
        spec:
          securityContext:
            seLinuxOptions:
              type: spc_t
          containers:
            - name: agent
              image: ghcr.io/acme/agent:1.4.2
        """,
    good="""
        spec:
          securityContext:
            seLinuxOptions:
              level: "s0:c123,c456"
          containers:
            - name: agent
              image: ghcr.io/acme/agent:1.4.2
        """,
    notes="""
        Follows Pod Security Standards "baseline": `level` is free, and the pod-level options are
        judged on their own even when a container overrides them. The version that allows
        `container_engine_t` is config `kubernetes_version`, or the namespace's
        `pod-security.kubernetes.io/enforce-version` label.
        """,
    refs=(
        "KSV025",
        "Polaris linuxHardening",
        "Kubescape C-0055",
        "Kyverno disallow-selinux",
        "PSS baseline: SELinux",
        "CIS Docker 5.3",
    ),
)
def selinux_custom_options(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    allowed = ALLOWED_TYPES
    if pss_version(pod.resource, ctx) >= ENGINE_TYPE_SINCE:
        allowed = allowed | {"container_engine_t"}
    for who, sc in security_contexts(pod):
        for problem, node in _problems(sc, allowed):
            yield Violation(f"{who} {problem}; {_FIX}", at=node)
