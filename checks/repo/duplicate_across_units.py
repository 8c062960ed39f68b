"""REPO008 duplicate-resource-across-units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checks.repo._graph import Unit, name_node, object_key, render_units
from linter.context import Context
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
        tree that deploys it; units whose cluster cannot be told are compared with each other only.
        One finding per extra unit, at its `metadata.name`.
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
    notes="Stand-alone manifest files count as render units of their own, as the catalogue defines.",
)
def duplicate_resource_across_units(repo: Repository, ctx: Context) -> Iterator[Violation]:
    by_scope: dict[str | None, list[Unit]] = defaultdict(list)
    for unit in render_units(ctx):
        by_scope[unit.scope].append(unit)
    for units in by_scope.values():
        owners: dict[tuple[str, str, str, str], str] = {}
        for unit in sorted(units, key=lambda u: u.label):
            for resource in unit.resources:
                key = object_key(resource)
                if resource.partial is not None or not key[3]:
                    continue
                owner = owners.setdefault(key, unit.label)
                if owner != unit.label:
                    yield Violation(
                        f"{resource.describe()} is also deployed by {owner}: the two overwrite each other",
                        at=name_node(resource),
                        subject=resource,
                        evidence=f"{owner}|{unit.label}",
                    )
