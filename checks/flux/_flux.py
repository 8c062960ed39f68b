"""Flux semantics shared by the FLUX rules: API versions, controllers' flags, references."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.gitops.model import FLUX_GROUPS
from linter.k8s import Resource
from linter.yamlnodes import YMap, YScalar

CONTROLLERS = (
    "source-controller",
    "kustomize-controller",
    "helm-controller",
    "notification-controller",
    "image-reflector-controller",
    "image-automation-controller",
)


def is_flux(resource: Resource) -> bool:
    return resource.group in FLUX_GROUPS


def spec_of(resource: Resource) -> YMap:
    return resource.root.map("spec") or YMap(resource.src, 1, 1, 1, 1)


def controller_args(ctx: Context) -> dict[str, list[YScalar]]:
    """Command-line arguments of the Flux controllers deployed from this repository (after the
    flux-system kustomization's patches), by controller name; empty when none is in the repository."""
    found: dict[str, list[YScalar]] = {}
    for resource in ctx.repo.resources:
        if resource.kind != "Deployment" or resource.name not in CONTROLLERS or resource.pod is None:
            continue
        args: list[YScalar] = []
        for container in resource.pod.containers():
            seq = container.node.seq("args")
            args += [a for a in seq.items if isinstance(a, YScalar)] if seq is not None else []
        found.setdefault(resource.name or "", []).extend(args)
    return found


def flag(args: list[YScalar], name: str) -> YScalar | None:
    for arg in args:
        if arg.text == name or arg.text.startswith(name + "="):
            return arg
    return None


def references(resource: Resource) -> Iterator[tuple[str, YMap]]:
    """(what, reference) for the source references of a Kustomization or HelmRelease."""
    spec = spec_of(resource)
    paths = ("sourceRef",) if resource.kind == "Kustomization" else ("chart.spec.sourceRef", "chartRef")
    for path in paths if resource.kind in ("Kustomization", "HelmRelease") else ():
        ref = spec.at(path)
        if isinstance(ref, YMap):
            yield path, ref


def resolve(ctx: Context, resource: Resource, ref: YMap) -> Resource | None:
    kind, name = ref.text("kind"), ref.text("name")
    namespace = ref.text("namespace") or resource.namespace
    return ctx.gitops.flux_find(kind or "", namespace, name)
