"""REPO008 duplicate-resource-across-units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checks.repo._graph import Unit, name_node, object_key, render_units
from linter.context import Context
from linter.k8s import Resource
from linter.kustomize.objects import CLUSTER_SCOPED
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REPO008",
    slug="duplicate-resource-across-units",
    title="The same object is managed by two render units on one cluster.",
    severity=Severity.HIGH,
    nist=("4.4.5",),
    target=Target.REPO,
    summary="""
        Reports an object (API group, kind, namespace, name) that two render units targeting the same
        cluster both deploy: kustomize roots, Helm releases, Argo CD / Flux paths and stand-alone files.
        A unit's cluster comes from the Argo CD Application destination or the Flux `clusters/<name>`
        tree that (through Flux Kustomizations and ArtifactGenerators) deploys it. Units whose cluster
        cannot be told are compared with each other only, and two such kustomize roots, Helm releases or
        deploy paths are taken as variants for different environments: only a stand-alone file that
        repeats one of their objects is reported there. One finding per extra unit, at its
        `metadata.name`.
        """,
    rationale="""
        Two controllers (or two Applications) then overwrite each other's version of the object: a
        reviewed setting can be replaced by another unit's without any change to the file that was
        reviewed.
        """,
    fix="Manage each object from exactly one Application/Kustomization.",
    bad="""
        # file: platform/ci/deployer.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: deployer, namespace: ci}
        # file: teams/web/ci-account.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: deployer, namespace: ci}
        automountServiceAccountToken: true
        """,
    good="""
        # file: platform/ci/deployer.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: deployer, namespace: ci}
        """,
    notes="""
        Stand-alone manifest files count as render units of their own, as the catalogue defines. The
        catalogue makes the whole repository one scope when no cluster can be inferred; comparing
        unscoped overlays with each other would flag every object of every multi-environment repository
        that deploys without a visible Argo CD / Flux object, so only stand-alone files are compared there.
        """,
)
def duplicate_resource_across_units(repo: Repository, ctx: Context) -> Iterator[Violation]:
    by_scope: dict[str | None, list[Unit]] = defaultdict(list)
    for unit in render_units(ctx):
        for scope in unit.scopes or (None,):
            by_scope[scope].append(unit)
    reported: set[tuple[int, str]] = set()
    for units in by_scope.values():
        owners: dict[tuple[str, str, str, str], list[Unit]] = defaultdict(list)
        for unit in sorted(units, key=lambda u: u.label):
            for resource in unit.resources:
                key = object_key(resource)
                if resource.partial is not None or not key[3] or not _placed(resource, key):
                    continue
                rivals = [o for o in owners[key] if o is not unit and _collide(o, unit)]
                if unit not in owners[key]:
                    owners[key].append(unit)
                if rivals and (id(resource), rivals[0].label) not in reported:
                    reported.add((id(resource), rivals[0].label))
                    yield Violation(
                        f"{resource.describe()} is also deployed by {rivals[0].label}: the two overwrite each other",
                        at=name_node(resource),
                        subject=resource,
                        evidence=f"{rivals[0].label}|{unit.label}",
                    )


def _placed(resource: Resource, key: tuple[str, str, str, str]) -> bool:
    """Whether the object's namespace is known: a namespaced object without one lands wherever its
    deploy tool points (an Argo CD destination, `kubectl -n`), so two of them need not meet."""
    return bool(key[2]) or resource.kind in CLUSTER_SCOPED


def _collide(first: Unit, second: Unit) -> bool:
    """Two kustomize roots or deploy paths whose cluster is unknown are taken as variants for
    different environments (the usual `overlays/staging` and `overlays/production`); a stray file
    that repeats an object collides with anything."""
    return bool(first.scopes) or first.standalone or second.standalone
