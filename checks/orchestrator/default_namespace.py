"""ORC013 workload-in-default-or-system-namespace."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from checks.orchestrator._kinds import is_ingress, is_service, is_workload
from linter.context import Context
from linter.gitops.namespaces import is_helm_output, landing
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YNode


def _where(resource: Resource) -> YNode:
    metadata = resource.metadata
    node = (metadata.get("namespace") or metadata.get("name")) if metadata is not None else None
    return node or resource.kind_node()


def _allowlisted(namespace: str, resource: Resource, ctx: Context) -> bool:
    label = f"{namespace}/{resource.name or ''}"
    return any(fnmatch.fnmatchcase(label, pattern) for pattern in ctx.config.system_workload_allowlist)


@Rule(
    id="ORC013",
    slug="workload-in-default-or-system-namespace",
    title="A workload runs in the default namespace or a system namespace.",
    severity=Severity.MEDIUM,
    nist=("4.3.4",),
    target=Target.OBJECT,
    summary="""
        Reports workloads (every POD_KINDS object), Services and Ingresses that land in the
        `default` namespace, or in one of config `system_namespaces` (default kube-system,
        kube-public, kube-node-lease) unless config `system_workload_allowlist` names them
        (`namespace/name` globs). The namespace is the effective one: a Flux Kustomization's
        `targetNamespace`, the kustomization's `namespace:` (or an Argo CD source's
        `kustomize.namespace`), `metadata.namespace`, the Helm release namespace, then an Argo CD
        Application's `destination.namespace`. A raw manifest for which none of these says a
        namespace is reported too: kubectl, Argo CD and Flux put it in `default`.
        """,
    rationale="""
        Namespaces are the unit Kubernetes attaches RBAC, NetworkPolicies, quotas and Pod Security
        Admission to. Applications sharing `default` share all of those, and workloads in the system
        namespaces sit next to the control plane's own privileged components and credentials.
        """,
    fix="Deploy into a dedicated namespace per application or tenant.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: default
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
        """,
    notes="""
        Helm output without a namespace of its own is not reported: `helm install --namespace`
        decides it (a chart rendered with its defaults is not judged by its stand-in `default`
        namespace). The API server's own `kubernetes` Service in `default` is not reported (as
        Checkov CKV_K8S_21). When the namespace comes from a deploy tool (Argo CD destination, Flux
        targetNamespace) the message says so. Like Checkov CKV_K8S_21 and kube-linter use-namespace, a
        manifest without any namespace is reported; unlike them, not when a kustomization or deploy
        tool in the repository sets it.
        """,
    refs=(
        "CKV_K8S_21",
        "kube-linter use-namespace",
        "Kubescape C-0061",
        "Kubescape C-0212",
        "KSV110",
        "KSV037",
        "Kyverno disallow-default-namespace",
    ),
)
def default_namespace(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not (is_workload(resource, ctx) or is_service(resource) or is_ingress(resource)):
        return
    where = landing(ctx, resource)
    namespace = where.namespace
    assumed = f" (its namespace comes from {where.assumed_from})" if where.assumed_from else ""
    if namespace is None:
        if is_helm_output(resource):
            return
        yield Violation(
            f"{resource.describe()} sets no namespace and nothing that deploys it sets one, so kubectl, "
            "Argo CD and Flux put it in the default namespace; set metadata.namespace or a kustomization "
            "namespace for a dedicated namespace",
            at=_where(resource),
        )
    elif namespace == "default":
        if is_service(resource) and resource.name == "kubernetes":
            return
        yield Violation(
            f"{resource.describe()} is deployed to the default namespace{assumed}; "
            "deploy it into a dedicated namespace",
            at=_where(resource),
        )
    elif namespace in ctx.config.system_namespaces and not _allowlisted(namespace, resource, ctx):
        yield Violation(
            f'{resource.describe()} is deployed to the system namespace "{namespace}"{assumed}; deploy it '
            "into a dedicated namespace (or list it in system_workload_allowlist)",
            at=_where(resource),
        )
