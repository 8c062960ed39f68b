"""ARGO002 project-source-repos-wildcard."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.argocd._argo import project_spec, texts
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_PREFIX = r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]+@)?[^/:*]+(?::\d+)?"
_HOST_WIDE = re.compile(_PREFIX + r"[:/]\*{1,2}$")
_ORG_WIDE = re.compile(_PREFIX + r"[:/][^/*]+/\*{1,2}$")


@Rule(
    id="ARGO002",
    slug="project-source-repos-wildcard",
    title="An AppProject accepts sources from any repository.",
    severity=Severity.HIGH,
    nist=("4.1.5", "4.3.1"),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    summary="""
        Reports `sourceRepos` entries (without `!`) that allow every repository (`*`, `**`), every
        repository of a host (`https://github.com/*`, `git@github.com:*`), or — as medium, when the
        project denies nothing with a `!` entry — every repository of an organisation
        (`https://github.com/acme/*`).
        """,
    rationale="""
        A project's source list is what stops an Application from deploying manifests from a fork, a
        typo-squatted repository or an abandoned one. A wildcard lets anyone who can create an
        Application in the project pull content from wherever they like.
        """,
    fix="List exact repository URLs (or narrow globs plus `!` denials).",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          sourceRepos: ["*"]
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          sourceRepos: ["https://github.com/acme/web-gitops"]
        """,
    refs=("argocd-lint AR012",),
)
def project_source_repos_wildcard(project: Resource, ctx: Context) -> Iterator[Violation]:
    if project.group != "argoproj.io":
        return
    entries = texts(project_spec(project).get("sourceRepos"))
    denies = any(text.startswith("!") for text, _ in entries)
    for text, node in entries:
        if text.startswith("!"):
            continue
        if text in ("*", "**") or _HOST_WIDE.match(text):
            yield Violation(
                f"{project.describe()} accepts sources from every repository matching {text!r}; list the "
                "exact repositories",
                at=node,
            )
        elif _ORG_WIDE.match(text) and not denies:
            yield Violation(
                f"{project.describe()} accepts every repository of an organisation ({text!r}) and denies "
                "none; list repositories or add `!` denials",
                at=node,
                severity=Severity.MEDIUM,
            )
