"""CTR019 probes-missing."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap

# Controllers that keep pods running; Pods, Jobs and CronJobs run to completion or are one-offs.
LONG_RUNNING = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Rollout"})


@Rule(
    id="CTR019",
    slug="probes-missing",
    title="A long-running container has no liveness or readiness probe.",
    severity=Severity.INFO,
    nist=(),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports each container (not init or ephemeral containers) of a Deployment, StatefulSet,
        DaemonSet, ReplicaSet, ReplicationController or Argo Rollout that lacks a `livenessProbe` or
        a `readinessProbe`.
        """,
    rationale="""
        Without a readiness probe traffic reaches pods that are not ready; without a liveness probe
        a hung process is never restarted. Availability hygiene rather than a security control.
        """,
    fix="Add liveness and readiness probes.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:2.3.1
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:2.3.1
                  livenessProbe:
                    httpGet: {path: /livez, port: 8080}
                  readinessProbe:
                    httpGet: {path: /readyz, port: 8080}
        """,
    notes="""
        Same verdict as Checkov CKV_K8S_8/CKV_K8S_9 and kube-linter no-liveness-probe /
        no-readiness-probe for controllers, with one finding per container naming what is missing.
        Unlike them, bare Pods and PodTemplates are not judged (the catalogue limits this to
        long-running controllers); kinds added through `extra_pod_kinds` are not judged either.
        """,
    refs=(
        "CKV_K8S_8",
        "CKV_K8S_9",
        "kube-linter no-liveness-probe",
        "kube-linter no-readiness-probe",
        "kube-score pod-probes",
        "Polaris livenessProbeMissing",
        "Polaris readinessProbeMissing",
        "Kubescape C-0056",
        "Kubescape C-0018",
        "Kyverno require-probes",
    ),
)
def probes_missing(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    resource = pod.resource
    if resource.kind not in LONG_RUNNING or (resource.kind == "Rollout" and resource.group != "argoproj.io"):
        return
    for container in pod.containers():
        if container.list_name != "containers":
            continue
        missing = [
            probe for probe in ("livenessProbe", "readinessProbe") if not isinstance(container.node.get(probe), YMap)
        ]
        if missing:
            yield Violation(
                f"{container.describe()} has no {' and no '.join(missing)}; add them so failures are detected",
                at=container.anchor(),
            )
