"""CTR018 cpu-limit-or-requests-missing."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._resources import limit_range_defaults, resource_value, where_looked
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR018",
    slug="cpu-limit-or-requests-missing",
    title="A container has no CPU limit or no CPU/memory requests.",
    severity=Severity.LOW,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports containers and init containers that leave `resources.limits.cpu`,
        `resources.requests.cpu` or `resources.requests.memory` unset, when no LimitRange of type
        Container in the namespace supplies the value. One finding per container lists what is
        missing.
        """,
    rationale="""
        Requests are what the scheduler reserves: without them a pod lands on a node that cannot
        hold it and competes for CPU and memory unfairly. A CPU limit bounds what one compromised
        or runaway container can take from its neighbours.
        """,
    fix="Set CPU/memory requests (and a CPU limit if your policy requires one).",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            resources:
              limits:
                memory: 256Mi
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            resources:
              requests:
                cpu: 100m
                memory: 256Mi
              limits:
                cpu: 500m
                memory: 256Mi
        """,
    notes="""
        Off by default: CPU limits cause throttling and requests are scheduling hygiene. A request
        counts as set when the container sets the matching limit (the API server copies the limit
        into a missing request), or when a LimitRange gives `defaultRequest`, `default`, `min` or
        `max` for it; Checkov CKV_K8S_10/CKV_K8S_12 ignore both and fail there. The LimitRange lookup
        is the one CTR017 uses.
        """,
    refs=(
        "CKV_K8S_10",
        "CKV_K8S_11",
        "CKV_K8S_12",
        "KSV011",
        "KSV015",
        "KSV016",
        "kube-linter unset-cpu-requirements",
        "Polaris cpuLimitsMissing",
        "Polaris cpuRequestsMissing",
        "Polaris memoryRequestsMissing",
        "Kubescape C-0050",
        "Kubescape C-0268",
        "Kubescape C-0269",
        "Kubescape C-0270",
        "CIS Docker 5.12",
    ),
)
def cpu_limit_or_requests_missing(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    defaults = None
    for container in pod.containers():
        if container.list_name == "ephemeralContainers":
            continue
        missing = []
        if not resource_value(container.node, "limits.cpu"):
            missing.append(("limits.cpu", "cpu", False))
        for name in ("cpu", "memory"):
            if not resource_value(container.node, f"requests.{name}") and not resource_value(
                container.node, f"limits.{name}"
            ):
                missing.append((f"requests.{name}", name, True))
        if not missing:
            continue
        defaults = defaults or limit_range_defaults(pod.resource, ctx)
        unset = [
            path for path, name, request in missing if name not in (defaults.requests if request else defaults.limits)
        ]
        if unset:
            fields = ", ".join(f"resources.{path}" for path in unset)
            yield Violation(
                f"{container.describe()} does not set {fields} and {where_looked(pod.resource)}; set them",
                at=container.node.get("resources") or container.anchor(),
                evidence=f"{container.describe()} does not set {fields}",
            )
