"""GIT004 unsigned-merge-commit."""

from __future__ import annotations

from collections.abc import Iterator

from checks.git._signatures import verdict
from linter.context import Context
from linter.history.commits import Commit
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="GIT004",
    slug="unsigned-merge-commit",
    title="A locally made merge commit is not signed by a trusted key.",
    severity=Severity.MEDIUM,
    nist=("4.4.5",),
    target=Target.COMMIT,
    summary="""
        With a signing policy configured (`commit_signing`), reports merge commits of the pull
        request that fail GIT001's signature test. A merge committed by a platform account
        (`commit_signing.platform_committers`, default `noreply@github.com`) passes only when it is
        signed by GitHub's web-flow key and `trust_github_web_flow` is true.
        """,
    rationale="""
        A merge commit can carry changes of its own (see GIT003). An unsigned local merge is an
        unattributed change inside an otherwise signed history.
        """,
    fix="Sign local merges, or merge through the platform.",
    bad="""
        git checkout main && git commit --allow-empty -m "Main moves on" && git checkout pr
        git merge --no-ff main -m "Merge main"    # not signed
        """,
    good="""
        git checkout main && git commit --allow-empty -m "Main moves on" && git checkout pr
        git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 merge -S --no-ff main -m "Merge main"
        """,
    example_lang="shell",
    example_config=(("commit_signing", {"allowed_signers": ".github/allowed_signers"}),),
    notes="""
        The catalogue's `platform_committers` is `commit_signing.platform_committers`. The same
        acceptance test as GIT001 applies (see its notes on `%G?` = E).
        """,
)
def unsigned_merge_commit(commit: Commit, ctx: Context) -> Iterator[Violation]:
    if not commit.is_merge:
        return
    policy = ctx.config.commit_signing
    found = verdict(commit, policy)
    if found is None:
        return
    platform = commit.committer.email.lower() in {c.lower() for c in policy.platform_committers}
    made = "made by the platform" if platform else f"made locally by {commit.committer.describe()}"
    yield Violation(
        f"{commit.describe()}, {made}, {found.problem}; sign local merges (git merge -S) or merge through the platform",
        evidence=found.evidence,
    )
