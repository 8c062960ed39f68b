"""CTR020 naked-pod."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YSeq

HELM_HOOK = "helm.sh/hook"


@Rule(
    id="CTR020",
    slug="naked-pod",
    title="A bare Pod is deployed without a controller.",
    severity=Severity.LOW,
    nist=("4.4.5",),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports top-level `kind: Pod` manifests without `metadata.ownerReferences`. Helm hooks and
        test pods (annotation `helm.sh/hook`) are exempt.
        """,
    rationale="""
        A bare Pod is not recreated when its node fails and is never rolled out again: a fix or a
        revoked image does not reach it through the reviewed controller spec, and it tends to drift
        from what the repository describes.
        """,
    fix="Wrap the pod in a Deployment, StatefulSet, Job or similar controller.",
    bad="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          containers:
            - name: shell
              image: ghcr.io/acme/toolbox:1.0.0
        """,
    good="""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: debug
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: shell
                  image: ghcr.io/acme/toolbox:1.0.0
        """,
    refs=("Kubescape C-0073",),
)
def naked_pod(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    resource = pod.resource
    if resource.kind != "Pod" or resource.group != "":
        return
    metadata = resource.metadata
    owners = metadata.get("ownerReferences") if metadata is not None else None
    if (isinstance(owners, YSeq) and len(owners) > 0) or HELM_HOOK in resource.annotations():
        return
    yield Violation(
        f"{resource.describe()} has no controller; run it from a Deployment, StatefulSet or Job instead",
        at=resource.kind_node(),
    )
