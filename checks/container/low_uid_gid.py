"""CTR005 low-uid-or-gid."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import Verdict, effective, report
from linter.context import Context
from linter.k8s import PodSpec, as_int, is_false
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR005",
    slug="low-uid-or-gid",
    title="A container runs with a UID or GID that may collide with host accounts.",
    severity=Severity.LOW,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports containers whose effective `runAsUser` is unset or below config `min_uid` (default
        10000), or whose effective `runAsGroup` is set and below it. UID/GID 0 is left to CTR004.
        """,
    rationale="""
        Low UIDs and GIDs are the ones host accounts and system services use. A process that escapes
        its container with such a UID acts as that host account on every file it owns; a high,
        unused UID owns nothing on the node.
        """,
    fix="Run as a high UID/GID (>= 10000).",
    bad="""
        spec:
          securityContext:
            runAsUser: 1000
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
        Off by default: the threshold is a convention, not a Pod Security control. Windows pods are
        skipped (they use `runAsUserName`), and so are pods with `hostUsers: false`, whose UIDs are
        remapped to unprivileged host UIDs (as Checkov CKV_K8S_40 does). Unlike CKV_K8S_40, init
        and ephemeral containers are judged too, and a low `runAsGroup` is reported.
        """,
    refs=("CKV_K8S_40", "KSV020", "KSV021", "kube-score container-security-context-user-group-id"),
)
def low_uid_or_gid(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if not pod.is_linux or is_false(pod.node.get("hostUsers")):
        return
    threshold = ctx.config.min_uid
    verdicts: list[Verdict] = []
    for container in pod.containers():
        for field, required in (("runAsUser", True), ("runAsGroup", False)):
            node, inherited = effective(container, field)
            kind = "UID" if field == "runAsUser" else "GID"
            fix = f"run as a {kind} of at least {threshold}"
            if node is None:
                if required:
                    verdicts.append(
                        Verdict(
                            container,
                            container.anchor(),
                            f"does not set {field} (in its securityContext or the pod's)",
                            fix,
                        )
                    )
                continue
            value = as_int(node)
            if value is not None and 0 < value < threshold:
                verdicts.append(Verdict(container, node, f"sets {field}: {value}", fix, inherited=inherited))
    yield from report(verdicts)
