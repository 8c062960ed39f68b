"""CI004 no-secret-scanning."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.location import FixedSpan, Span
from linter.pipelines import pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SCANNERS = ("gitleaks", "trufflehog", "detect-secrets", "ggshield", "gitops-lint")
_ACTIONS = ("gitleaks/gitleaks-action", "trufflesecurity/trufflehog")


@Rule(
    id="CI004",
    slug="no-secret-scanning",
    title="No pipeline scans pull requests for secrets.",
    severity=Severity.MEDIUM,
    nist=("4.1.4",),
    target=Target.REPO,
    default=False,
    summary="""
        Reports repositories with CI pipelines none of which, on pull/merge requests, runs gitleaks,
        trufflehog, detect-secrets, ggshield, the GitLab Secret-Detection template, or gitops-lint. Off
        by default.
        """,
    rationale="""
        A credential is leaked the moment it is pushed; scanning pull requests catches it before it is
        merged into the branch everyone clones (and before it needs rotating).
        """,
    fix="Run a secret scanner (or this linter's SEC/GIT rules) on every pull request.",
    bad="""
        on: pull_request
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
        """,
    good="""
        on: pull_request
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
              - run: gitleaks detect --redact
        """,
    example_path=".github/workflows/pr.yml",
)
def no_secret_scanning(repo: Repository, ctx: Context) -> Iterator[Violation]:
    found = pipelines(repo.files)
    if not found:
        return
    for pipeline in found:
        if not pipeline.pull_request:
            continue
        if any("Secret-Detection" in t.text for t in pipeline.templates):
            return
        for _, step in pipeline.steps():
            if step.action.startswith(_ACTIONS) or any(c.name in _SCANNERS for c in step.commands()):
                return
    first = sorted(p.path for p in found)[0]
    yield Violation(
        "no pipeline scans pull requests for secrets; add gitleaks (or gitops-lint) to a pull request workflow",
        at=FixedSpan(Span.at_line(first, 1)),
        evidence="no-secret-scanning",
    )
