"""The Kubernetes version that Pod Security rules judge an object against (catalogue: TARGET_K8S).

Config `kubernetes_version` (default: the newest version the rule data knows), unless the object's
namespace is declared in the scanned set with a concrete `pod-security.kubernetes.io/enforce-version`
label: admission then applies that version's profile, so the rules do too.
"""

from __future__ import annotations

from linter.context import Context
from linter.k8s import Resource, parse_version

ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version"


def _enforce_versions(ctx: Context) -> dict[str, tuple[int, int]]:
    versions: dict[str, tuple[int, int]] = {}
    for resource in ctx.repo.resources:
        if resource.kind != "Namespace" or resource.group != "" or not resource.name:
            continue
        label = resource.labels().get(ENFORCE_VERSION, "")
        try:
            versions.setdefault(resource.name, parse_version(label))
        except ValueError:  # "latest", empty or malformed: the configured version applies
            continue
    return versions


def pss_version(resource: Resource, ctx: Context) -> tuple[int, int]:
    namespace = resource.effective_namespace
    if namespace:
        pinned = ctx.shared("pss.enforce-versions", lambda: _enforce_versions(ctx)).get(namespace)
        if pinned is not None:
            return pinned
    return ctx.kubernetes_version()
