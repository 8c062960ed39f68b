"""CTR017 memory-limit-missing."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._resources import limit_range_defaults, resource_value, where_looked
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CTR017",
    slug="memory-limit-missing",
    title="A container has no memory limit.",
    severity=Severity.LOW,
    nist=("4.4.3",),
    target=Target.POD_SPEC,
    summary="""
        Reports containers and init containers without `resources.limits.memory`, unless a
        LimitRange of type Container in the same namespace gives a default memory limit (`default`,
        or `max`, which the API server turns into the default).
        """,
    rationale="""
        A container without a memory limit can use all of its node's memory: one leak or one
        attacker-controlled allocation starves every other pod on the node (a noisy neighbour, or a
        denial of service).
        """,
    fix="Set `resources.limits.memory` (and a matching request).",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            resources:
              requests:
                memory: 256Mi
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:2.3.1
            resources:
              requests:
                memory: 256Mi
              limits:
                memory: 256Mi
        """,
    notes="""
        The LimitRange lookup covers the whole scanned repository. An object whose namespace is not
        known (no `metadata.namespace` and no kustomize `namespace:`) is matched only with
        LimitRanges that have no namespace either and are deployed with it (same kustomize build,
        else same directory); the message says so. Checkov CKV_K8S_13 and kube-linter
        unset-memory-requirements ignore LimitRanges; without one the verdicts are the same.
        Ephemeral containers cannot have resources and are not judged.
        """,
    refs=(
        "CKV_K8S_13",
        "KSV018",
        "kube-linter unset-memory-requirements",
        "kube-score container-resources",
        "Polaris memoryLimitsMissing",
        "Kubescape C-0271",
        "Kubescape C-0004",
        "Kyverno require-pod-requests-limits",
        "CIS Docker 5.11",
    ),
)
def memory_limit_missing(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    defaults = None
    for container in pod.containers():
        if container.list_name == "ephemeralContainers" or resource_value(container.node, "limits.memory"):
            continue
        defaults = defaults or limit_range_defaults(pod.resource, ctx)
        if "memory" in defaults.limits:
            continue
        yield Violation(
            f"{container.describe()} has no resources.limits.memory and {where_looked(pod.resource)}; "
            "set a memory limit",
            at=container.node.nearest("resources.limits") if "resources" in container.node else container.anchor(),
            evidence=f"{container.describe()} has no memory limit",
        )
