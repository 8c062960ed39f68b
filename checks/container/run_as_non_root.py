"""CTR003 run-as-non-root-not-enforced."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import user_namespaced
from linter.context import Context
from linter.k8s import PodSpec, is_false, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="CTR003",
    slug="run-as-non-root-not-enforced",
    title="A container is not required to run as a non-root user.",
    severity=Severity.MEDIUM,
    nist=("4.1.2", "4.4.3"),
    target=Target.POD_SPEC,
    summary="""
        Reports containers whose effective `runAsNonRoot` is not `true`: the container's own
        `securityContext.runAsNonRoot` when set, otherwise the pod's. Explicit `false` is high. A
        pod-level `runAsNonRoot: false` is reported even when every container overrides it.
        """,
    rationale="""
        Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image
        says, which is root for most images. Root in a container shares the kernel with the node, so
        any escape or misconfigured mount is immediately root-level.
        """,
    fix="Set `runAsNonRoot: true` in the pod securityContext (and a numeric non-zero `runAsUser`).",
    bad="""
        spec:
          securityContext:
            runAsUser: 1000        # not enough: the image could still switch to root
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    notes="""
        Stricter than Checkov CKV_K8S_23 and kube-linter run-as-non-root, which accept
        `runAsUser > 0` alone: Pod Security Standards
        "restricted" require `runAsNonRoot: true`. Pods with `hostUsers: false` (user namespaces) are
        exempt when the target Kubernetes version (config `kubernetes_version`, or the namespace's
        `pod-security.kubernetes.io/enforce-version` label) is 1.35 or newer.
        """,
    refs=(
        "CKV_K8S_23",
        "KSV012",
        "kube-linter run-as-non-root",
        "Polaris runAsRootAllowed",
        "PSS restricted: Running as Non-root",
    ),
)
def run_as_non_root_not_enforced(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if user_namespaced(pod, ctx):
        return
    pod_value = pod.sc_field("runAsNonRoot")
    inherited_false = False
    for container in pod.containers():
        own = container.sc_field("runAsNonRoot")
        node = own if own is not None else pod_value
        if is_true(node):
            continue
        where = "sets" if own is not None else "inherits from the pod securityContext"
        if is_false(node):
            inherited_false |= own is None
            yield Violation(f"{container.describe()} {where} runAsNonRoot: false", at=node, severity=Severity.HIGH)
        elif node is not None:
            shown = node.text if isinstance(node, YScalar) else "a non-boolean value"
            yield Violation(
                f"{container.describe()} {where} runAsNonRoot {shown!r}, which is not the boolean true", at=node
            )
        else:
            yield Violation(
                f"{container.describe()} does not set runAsNonRoot: true (neither in its "
                "securityContext nor in the pod's)",
                at=container.anchor(),
            )
    if is_false(pod_value) and not inherited_false:
        yield Violation(
            "pod securityContext sets runAsNonRoot: false (rejected by Pod Security "
            '"restricted" even when every container overrides it)',
            at=pod_value,
            severity=Severity.HIGH,
        )
