"""REPO003 kustomize-remote-resource."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.repo._graph import kustomizations
from linter.context import Context
from linter.kustomize.spec import is_remote
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.versions import is_commit_sha

_REF = re.compile(r"[?&]ref=([^&]+)")


@Rule(
    id="REPO003",
    slug="kustomize-remote-resource",
    title="A kustomization pulls resources from a remote location.",
    severity=Severity.MEDIUM,
    nist=("4.1.5",),
    target=Target.REPO,
    summary="""
        Reports `resources` and `components` entries that are remote (a URL, `git@...`,
        `github.com/...`, or a `?ref=`); high when the ref is missing or not a 40-hex commit.
        """,
    rationale="""
        A remote base is code from another repository, fetched at build time and never reviewed here;
        without a commit pin its owner (or whoever compromises it) changes what this repository deploys.
        """,
    fix="Vendor the remote base into the repo (or pin it to a commit and review updates).",
    bad="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - https://github.com/example/operator//config/default?ref=main
        """,
    good="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../vendor/example-operator/config/default   # vendored at 3f2a1b0c, updated by pull request
        """,
    example_path="kustomization.yaml",
)
def kustomize_remote_resource(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for source, spec in kustomizations(ctx):
        for entry in spec.resources + spec.components:
            if not is_remote(entry.value):
                continue
            ref = _REF.search(entry.value)
            pinned = ref is not None and is_commit_sha(ref.group(1))
            detail = "pinned to a commit" if pinned else "not pinned to a commit"
            yield Violation(
                f"{source.path} pulls remote resource {entry.value!r} ({detail}); vendor it into the repository",
                at=entry.node,
                severity=None if pinned else Severity.HIGH,
                evidence=entry.value,
            )
