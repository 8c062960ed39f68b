"""FLUX001 deprecated-api-version."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

# The newest Flux minor the table below knows.
LATEST_FLUX = (2, 8)
_CURRENT = {
    "source.toolkit.fluxcd.io": "v1",
    "kustomize.toolkit.fluxcd.io": "v1",
    "helm.toolkit.fluxcd.io": "v2",
    "image.toolkit.fluxcd.io": "v1",
}
_NOTIFICATION_CURRENT = {"Receiver": "v1", "Alert": "v1beta3", "Provider": "v1beta3"}
# (group, version) -> the Flux minor that removes it
_REMOVED_IN = {
    ("source.toolkit.fluxcd.io", "v1beta1"): (2, 7),
    ("source.toolkit.fluxcd.io", "v1beta2"): (2, 8),
    ("kustomize.toolkit.fluxcd.io", "v1beta1"): (2, 7),
    ("kustomize.toolkit.fluxcd.io", "v1beta2"): (2, 8),
    ("helm.toolkit.fluxcd.io", "v2beta1"): (2, 7),
    ("helm.toolkit.fluxcd.io", "v2beta2"): (2, 8),
    ("image.toolkit.fluxcd.io", "v1beta1"): (2, 7),
    ("image.toolkit.fluxcd.io", "v1beta2"): (2, 9),
    ("notification.toolkit.fluxcd.io", "v1beta1"): (2, 9),
    ("notification.toolkit.fluxcd.io", "v1beta2"): (2, 9),
}


@Rule(
    id="FLUX001",
    slug="deprecated-api-version",
    title="A Flux object uses a deprecated or removed API version.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.OBJECT,
    summary="""
        Reports Flux objects whose apiVersion is not the current one (source, kustomize and image `v1`,
        helm `v2`, notification `v1` Receiver and `v1beta3` Alert/Provider): high when the version is
        removed in the Flux version in use (config `flux_version`, else the `# Flux Version:` header of
        gotk-components.yaml, else the newest known), medium when only deprecated. Also reports, as low,
        HelmRepository `type: oci` (in maintenance: use OCIRepository and `chartRef`).
        """,
    rationale="""
        Controllers stop serving removed API versions: after an upgrade the object no longer reconciles,
        and whatever it deploys silently stops receiving updates, security fixes included.
        """,
    fix="Run `flux migrate -f .` (optionally `--version=2.x`) and commit the rewritten manifests.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./apps
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """,
    refs=("flux migrate", "kubeconform -reject"),
)
def deprecated_api_version(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if not is_flux(resource):
        return
    group, version = resource.group, resource.api_version.rpartition("/")[2]
    current = (
        _NOTIFICATION_CURRENT.get(resource.kind) if group == "notification.toolkit.fluxcd.io" else _CURRENT.get(group)
    )
    node = resource.root.get("apiVersion")
    if current is not None and version != current and node is not None:
        in_use = ctx.gitops.flux_version or LATEST_FLUX
        removed = _REMOVED_IN.get((group, version))
        gone = removed is not None and in_use >= removed
        when = f"removed in Flux {removed[0]}.{removed[1]}" if removed else "deprecated"
        yield Violation(
            f"{resource.describe()} uses {resource.api_version} ({when}); migrate to {group}/{current}",
            at=node,
            severity=None if gone else Severity.MEDIUM,
        )
    if resource.kind == "HelmRepository":
        kind = spec_of(resource).scalar("type")
        if kind is not None and kind.value == "oci":
            yield Violation(
                f"{resource.describe()} is an OCI HelmRepository (in maintenance); use an OCIRepository and chartRef",
                at=kind,
                severity=Severity.LOW,
            )
