"""CTR012 apparmor-unconfined."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import security_contexts
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

ANNOTATION = "container.apparmor.security.beta.kubernetes.io/"
_FIX = "use appArmorProfile.type: RuntimeDefault (or a Localhost profile)"


def _unconfined_type(sc: YMap | None) -> YNode | None:
    profile = sc.get("appArmorProfile") if sc is not None else None
    kind = profile.get("type") if isinstance(profile, YMap) else None
    return kind if isinstance(kind, YScalar) and kind.value == "Unconfined" else None


def _allowed_annotation(value: str) -> bool:
    return value in ("", "runtime/default") or value.startswith("localhost/")


@Rule(
    id="CTR012",
    slug="apparmor-unconfined",
    title="A container runs with AppArmor disabled.",
    severity=Severity.HIGH,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports `appArmorProfile.type: Unconfined` in the pod's or a container's securityContext,
        and pod-template annotations `container.apparmor.security.beta.kubernetes.io/<name>` whose
        value is neither empty, `runtime/default` nor `localhost/<profile>`. An unset profile is
        allowed.
        """,
    rationale="""
        On nodes with AppArmor the runtime's default profile denies writes to /proc and /sys
        entries, mounts and raw access to sensitive kernel interfaces. An unconfined container
        loses that layer, so one more misconfiguration becomes a node compromise.
        """,
    fix="Use `appArmorProfile.type: RuntimeDefault` (or a Localhost profile).",
    bad="""
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
              securityContext:
                appArmorProfile:
                  type: Unconfined
        """,
    good="""
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:2.3.1
              securityContext:
                appArmorProfile:
                  type: RuntimeDefault
        """,
    notes="""
        Follows Pod Security Standards "baseline", which forbids only explicit unconfinement: the
        pod-level field is judged on its own (even when every container sets its own profile),
        every annotation with the prefix counts whether or not it names an existing container, and
        an empty annotation value is allowed, as admission does.
        """,
    refs=(
        "KSV002",
        "Polaris linuxHardening",
        "Kubescape C-0055",
        "Kyverno restrict-apparmor-profiles",
        "PSS baseline: AppArmor",
        "CIS Docker 5.2",
    ),
)
def apparmor_unconfined(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for who, sc in security_contexts(pod):
        node = _unconfined_type(sc)
        if node is not None:
            yield Violation(f"{who} sets appArmorProfile.type: Unconfined; {_FIX}", at=node)
    metadata = pod.template_metadata
    annotations = metadata.map("annotations") if metadata is not None else None
    for key, value in annotations.items.items() if annotations is not None else ():
        if not key.startswith(ANNOTATION) or not isinstance(value, YScalar):
            continue
        text = value.value if isinstance(value.value, str) else value.text
        if value.value is None or _allowed_annotation(text):
            continue
        name = key[len(ANNOTATION) :]
        yield Violation(
            f"annotation {key} sets AppArmor profile {text!r} for container {name!r}; remove the annotation and {_FIX}",
            at=value,
        )
