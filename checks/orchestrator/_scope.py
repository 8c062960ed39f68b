"""Whether two objects land in the same namespace, for cross-object lookups (a RoleBinding's Role,
a pod's ServiceAccount).

Known namespaces (EFFECTIVE_NS) must be equal. An object whose namespace is unknown (no
`metadata.namespace`, no kustomize `namespace:`) is meant to be namespaced by whatever deploys it
(`kubectl apply -n`, an Argo CD destination): it is matched with objects deployed alongside it (the
same kustomize build, else the same directory), never guessed to be in `default`.
"""

from __future__ import annotations

import posixpath

from linter.k8s import Resource


def deploy_unit(resource: Resource) -> str:
    return resource.render_root or posixpath.dirname(resource.src)


def deployed_together(a: Resource, b: Resource) -> bool:
    if a.effective_namespace and b.effective_namespace:
        return a.effective_namespace == b.effective_namespace
    return deploy_unit(a) == deploy_unit(b)
