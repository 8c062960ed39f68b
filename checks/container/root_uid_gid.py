"""CTR004 runs-as-root-uid-or-gid."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import Verdict, effective, report, user_namespaced
from linter.context import Context
from linter.k8s import PodSpec, as_int
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar, YSeq

_UID_FIX = "use a non-zero UID (e.g. 10001)"
_GID_FIX = "use a non-zero GID (e.g. 10001)"


@Rule(
    id="CTR004",
    slug="runs-as-root-uid-or-gid",
    title="A container is configured to run with UID 0 (or GID 0).",
    severity=Severity.HIGH,
    nist=("4.1.2", "4.4.3"),
    target=Target.POD_SPEC,
    summary="""
        Reports Linux containers whose effective `runAsUser` is 0 (the container's value, else the
        pod's), and a pod-level `runAsUser: 0` even when every container overrides it. An effective
        `runAsGroup` of 0, `fsGroup: 0` or a 0 in `supplementalGroups` is reported as low.
        """,
    rationale="""
        UID 0 is root: `runAsNonRoot: true` makes the kubelet refuse to start such a container, and
        without it the process runs as root and owns every root-owned file it can reach. GID 0 gives
        the root group's access to files that are group-writable for root, which many images have.
        """,
    fix="Use a non-zero UID and GID (e.g. 10001).",
    bad="""
        spec:
          securityContext:
            runAsUser: 0
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          securityContext:
            runAsUser: 10001
            runAsGroup: 10001
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    notes="""
        Follows Pod Security Standards "restricted" (Running as Non-root user): Windows pods are
        exempt, and so are pods with `hostUsers: false` when the target Kubernetes version (config
        `kubernetes_version`, or the namespace's `pod-security.kubernetes.io/enforce-version`) is
        1.35 or newer. Pod-level settings that several containers inherit are one finding at the pod
        key. Only integers count: a quoted "0" is a schema error, not UID 0.
        """,
    refs=(
        "KSV105",
        "KSV116",
        "Kubescape C-0013",
        "Kyverno require-run-as-non-root-user",
        "PSS restricted: Running as Non-root user",
        "NSA/CISA Table I",
    ),
)
def runs_as_root_uid_or_gid(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux or user_namespaced(pod, ctx):
        return
    verdicts: list[Verdict] = []
    for container in pod.containers():
        for field, severity, fix in (("runAsUser", None, _UID_FIX), ("runAsGroup", Severity.LOW, _GID_FIX)):
            node, inherited = effective(container, field)
            if node is not None and as_int(node) == 0:
                verdicts.append(Verdict(container, node, f"sets {field}: 0", fix, severity, inherited))
    yield from report(verdicts)
    pod_user = pod.sc_field("runAsUser")
    if as_int(pod_user) == 0 and not any(verdict.at is pod_user for verdict in verdicts):
        yield Violation(
            'pod securityContext sets runAsUser: 0, which Pod Security "restricted" rejects even when '
            f"every container overrides it; {_UID_FIX}",
            at=pod_user,
        )
    fs_group = pod.sc_field("fsGroup")
    if as_int(fs_group) == 0:
        yield Violation(
            f"pod securityContext sets fsGroup: 0 (volumes become owned by the root group); {_GID_FIX}",
            at=fs_group,
            severity=Severity.LOW,
        )
    groups = pod.sc_field("supplementalGroups")
    if isinstance(groups, YSeq) and any(isinstance(item, YScalar) and as_int(item) == 0 for item in groups):
        yield Violation(
            f"pod securityContext lists GID 0 in supplementalGroups; remove it ({_GID_FIX})",
            at=groups,
            severity=Severity.LOW,
        )
