"""ORC023 service-account-token-automount."""

from __future__ import annotations

from collections.abc import Iterator

from checks.orchestrator._scope import describe
from checks.orchestrator._serviceaccounts import allowlisted, defined_service_account, name_node, pod_identity
from linter.context import Context
from linter.k8s import PodSpec, is_false
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="ORC023",
    slug="service-account-token-automount",
    title="The pod gets a Kubernetes API token it may not need.",
    severity=Severity.MEDIUM,
    nist=("4.3.1", "4.3.2"),
    target=Target.POD_SPEC,
    summary="""
        Reports a pod template whose effective `automountServiceAccountToken` is not false: the pod
        spec's own value when set; otherwise that of the ServiceAccount it runs as
        (`serviceAccountName`, default `default`) when the repository defines that ServiceAccount in
        the pod's namespace and cluster; otherwise true, the Kubernetes default. An explicit `true` on the pod
        is reported too. ServiceAccounts in config `automount_allowlist` are exempt.
        """,
    rationale="""
        A mounted token lets whoever gets code execution in the container talk to the API server
        as the pod's ServiceAccount. Most application pods never call the API, so the token is only
        an asset for an attacker.
        """,
    fix=(
        "Set `automountServiceAccountToken: false` on the ServiceAccount or pod, and project a token only where needed."
    ),
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              serviceAccountName: api
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.4.2
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              serviceAccountName: api
              automountServiceAccountToken: false
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.4.2
        """,
    notes="""
        Checkov CKV_K8S_38 passes only a pod spec that sets `automountServiceAccountToken: false`
        itself; this rule also passes a pod whose ServiceAccount, defined in the repository in the
        pod's namespace, sets it to false (the kubelet honours either). A pod whose namespace is not
        known is matched with a ServiceAccount deployed alongside it (same kustomize build, else
        same directory), and the message says so. A non-boolean value is left to the schema rules.
        """,
    refs=(
        "CKV_K8S_38",
        "Polaris automountServiceAccountToken",
        "Kubescape C-0034",
        "Kubescape C-0190",
        "KSV036",
        "Kyverno restrict-automount-sa-token",
    ),
)
def service_account_token_automount(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    identity = pod_identity(pod)
    workload = describe(pod.resource)
    namespace = pod.resource.effective_namespace
    if allowlisted(identity.name, namespace, ctx.config.automount_allowlist):
        return
    own = pod.node.get("automountServiceAccountToken")
    if isinstance(own, YScalar) and own.value is not None:
        if own.value is True:
            yield Violation(
                f"{workload} sets automountServiceAccountToken: true, mounting the API token of "
                f'ServiceAccount "{identity.name}"; set it to false unless the pod calls the API',
                at=own,
            )
        return
    at = identity.node or name_node(pod.resource)
    account = defined_service_account(pod, identity.name, ctx)
    if account is None:
        yield Violation(
            f'{workload} mounts the API token of ServiceAccount "{identity.name}" (automountServiceAccountToken '
            "is not set, and Kubernetes mounts it by default); set automountServiceAccountToken: false on the "
            "pod or its ServiceAccount",
            at=at,
        )
        return
    if is_false(account.root.get("automountServiceAccountToken")):
        return
    assumed = "" if namespace else " (the ServiceAccount deployed alongside it, as its namespace is not known)"
    yield Violation(
        f'{workload} mounts the API token of ServiceAccount "{identity.name}"{assumed}, which does not set '
        "automountServiceAccountToken: false; set it on the ServiceAccount or the pod",
        at=at,
    )
