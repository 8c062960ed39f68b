"""GIT005 merge-commit-in-linear-history."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.history.commits import Commit
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="GIT005",
    slug="merge-commit-in-linear-history",
    title="The pull request contains merge commits where linear history is required.",
    severity=Severity.MEDIUM,
    nist=("4.4.5",),
    target=Target.COMMIT,
    default=False,
    summary="""
        Reports merge commits in the pull request, except "update branch" merges that only bring in
        commits already on the base branch (every merged parent is an ancestor of the base). Off by
        default: enable it for repositories that require linear history.
        """,
    rationale="""
        A linear history is easier to review and to audit commit by commit, and merges can hide
        changes of their own (GIT003).
        """,
    fix="Rebase the branch instead of merging.",
    bad="""
        git checkout -b helper && git commit --allow-empty -m "Helper change" && git checkout pr
        git merge --no-ff helper -m "Merge helper"
        """,
    good="""
        git checkout -b helper && git commit --allow-empty -m "Helper change" && git checkout pr
        git rebase helper
        """,
    example_lang="shell",
)
def merge_commit_in_linear_history(commit: Commit, ctx: Context) -> Iterator[Violation]:
    if commit.is_merge and not commit.merges_base:
        yield Violation(
            f"{commit.describe()} merges commits that are not on the base branch; rebase the branch to keep "
            "history linear",
            evidence="merge",
        )
