"""CTR011 seccomp-not-runtime-default."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import Verdict, effective, report, shown
from linter.context import Context
from linter.k8s import Container, PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod"
CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/"
CONFINED = frozenset({"RuntimeDefault", "Localhost"})
_FIX = "set securityContext.seccompProfile.type: RuntimeDefault (or Localhost) at pod level"


def _unconfined_annotations(pod: PodSpec) -> dict[str, YNode]:
    """Legacy seccomp annotations set to `unconfined`, by the container name they apply to ("" = all)."""
    metadata = pod.template_metadata
    annotations = metadata.map("annotations") if metadata is not None else None
    found: dict[str, YNode] = {}
    for key, node in annotations.items.items() if annotations is not None else ():
        if not (isinstance(node, YScalar) and node.value == "unconfined"):
            continue
        if key == POD_ANNOTATION:
            found[""] = node
        elif key.startswith(CONTAINER_ANNOTATION):
            found[key[len(CONTAINER_ANNOTATION) :]] = node
    return found


def _verdict(container: Container, restricted: bool) -> Verdict | None:
    profile, inherited = effective(container, "seccompProfile")
    kind = profile.get("type") if isinstance(profile, YMap) else None
    if isinstance(kind, YScalar) and kind.value == "Unconfined":
        return Verdict(container, kind, "sets seccompProfile.type: Unconfined", _FIX, Severity.HIGH, inherited)
    if not restricted or not container.pod.is_linux or (isinstance(kind, YScalar) and kind.value in CONFINED):
        return None
    if profile is None:
        return Verdict(
            container, container.anchor(), "has no seccompProfile (in its securityContext or the pod's)", _FIX
        )
    if kind is None:
        return Verdict(container, profile, "sets a seccompProfile without a type", _FIX, inherited=inherited)
    return Verdict(
        container,
        kind,
        f"sets seccompProfile.type to {shown(kind)}, not RuntimeDefault or Localhost",
        _FIX,
        None,
        inherited,
    )


@Rule(
    id="CTR011",
    slug="seccomp-not-runtime-default",
    title="A container runs without a RuntimeDefault or Localhost seccomp profile.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports containers whose effective `seccompProfile.type` (the container's, else the pod's)
        is `Unconfined` (high), or, on Linux pods, is anything but `RuntimeDefault` or `Localhost`,
        including unset (medium). A legacy `seccomp.security.alpha.kubernetes.io/pod` or
        `container.seccomp.security.alpha.kubernetes.io/<name>` annotation set to `unconfined` is
        reported as high at the annotation.
        """,
    rationale="""
        Without a seccomp profile a container may make every system call the kernel offers,
        including the rarely used ones behind most kernel privilege-escalation exploits. The
        runtime's default profile blocks them at no cost to ordinary applications.
        """,
    fix="Set `securityContext.seccompProfile.type: RuntimeDefault` at pod level.",
    bad="""
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        spec:
          securityContext:
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
        """,
    notes="""
        Follows Pod Security Standards: "baseline" forbids Unconfined on every pod, "restricted"
        requires RuntimeDefault or Localhost on Linux pods. Legacy annotations never satisfy the rule
        (kubelets ignore them since 1.27), whereas Checkov CKV_K8S_31 accepts a `runtime/default`
        pod annotation; Checkov also fails `Localhost` profiles and passes a pod-level
        RuntimeDefault even when a container overrides it with Unconfined. A container reported for
        an unconfined annotation is not reported again as unset. With config `profile: baseline`
        only the Unconfined case is reported. CKV_K8S_32 judges
        PodSecurityPolicy objects (removed in Kubernetes 1.25), not pods.
        """,
    refs=(
        "CKV_K8S_31",
        "CKV_K8S_32",
        "KSV030",
        "KSV104",
        "kube-score container-seccomp-profile",
        "Polaris linuxHardening",
        "Kubescape C-0210",
        "Kubescape C-0055",
        "Kyverno restrict-seccomp",
        "Kyverno restrict-seccomp-strict",
        "PSS baseline/restricted: Seccomp",
        "CIS Docker 5.22",
    ),
)
def seccomp_not_runtime_default(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    annotations = _unconfined_annotations(pod)
    annotated: list[Container] = []
    verdicts: list[Verdict] = []
    # Under the `baseline` profile only the baseline control (no Unconfined) is judged.
    restricted = ctx.config.profile != "baseline"
    for container in pod.containers():
        verdict = _verdict(container, restricted)
        if verdict is not None and verdict.severity is Severity.HIGH:
            verdicts.append(verdict)
        elif "" in annotations or container.name in annotations:
            annotated.append(container)
        elif verdict is not None:
            verdicts.append(verdict)
    yield from report(verdicts)
    for name, node in annotations.items():
        if name == "" and annotated:
            who = ", ".join(container.describe() for container in annotated)
            yield Violation(
                f"pod annotation {POD_ANNOTATION}: unconfined disables seccomp for {who}; remove it and {_FIX}",
                at=node,
                severity=Severity.HIGH,
                evidence=f"{POD_ANNOTATION}: unconfined",
            )
        elif name and any(container.name == name for container in annotated):
            yield Violation(
                f"annotation {CONTAINER_ANNOTATION}{name}: unconfined disables seccomp for container "
                f'"{name}"; remove it and {_FIX}',
                at=node,
                severity=Severity.HIGH,
            )
