"""REPO002 kustomization-entry-missing."""

from __future__ import annotations

from collections.abc import Iterator

from checks.repo._graph import directories, has_kustomization, kustomizations, local_entries
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_DIRECTORY_FIELDS = ("resources", "bases", "components")


@Rule(
    id="REPO002",
    slug="kustomization-entry-missing",
    title="A kustomization references a local file or directory that does not exist.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.REPO,
    summary="""
        Reports local entries of kustomization files that do not resolve: `resources`, `components`,
        `crds`, patch files, generator `files`/`envs` (after a `key=` prefix), `helmCharts[].valuesFile`,
        `openapi.path` and `replacements[].path`. A resources or components entry must be a file or a
        directory holding a kustomization. `../` paths are fine (Flux builds without load restrictions).
        """,
    rationale="""
        kustomize fails on a missing entry, so the overlay stops deploying — often noticed only when a
        fix has to ship. Catching it in review keeps every overlay buildable.
        """,
    fix="Fix or add the referenced path.",
    bad="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - deployment.yaml
        """,
    good="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: []
        """,
    example_path="kustomization.yaml",
)
def kustomization_entry_missing(repo: Repository, ctx: Context) -> Iterator[Violation]:
    dirs = directories(ctx)
    for source, spec in kustomizations(ctx):
        for field, path, node in local_entries(spec):
            if repo.file(path) is not None:
                continue
            if field in _DIRECTORY_FIELDS and path in dirs:
                if has_kustomization(repo, path):
                    continue
                problem = "is a directory without a kustomization file"
            else:
                problem = "does not exist"
            yield Violation(f"{source.path} {field} entry {node.text!r} {problem}", at=node)
