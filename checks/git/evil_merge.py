"""GIT003 evil-merge."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.discovery import classify
from linter.globs import matches_any
from linter.history.commits import Commit
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind


def is_deploy_path(path: str, ctx: Context) -> bool:
    """Config `deploy_paths`, else any file the linter reads as deployment input."""
    if ctx.config.deploy_paths:
        return matches_any(path, ctx.config.deploy_paths)
    return classify(path, set(ctx.repo.charts)) is not FileKind.OTHER  # charts at head: templates/ count


@Rule(
    id="GIT003",
    slug="evil-merge",
    title="A merge commit contains changes that are in neither parent.",
    severity=Severity.HIGH,
    nist=("4.4.5",),
    target=Target.COMMIT,
    summary="""
        Reports each file under the deploy paths that a merge commit of the pull request changes
        beyond what git's own merge of its parents gives (`git show --remerge-diff`, git 2.36 or
        later): a conflict resolved by hand, or an edit slipped into the merge. The finding points
        at the first line the merge adds to the file.
        """,
    rationale="""
        Review tools show a merge commit as "merged main" and hide its own content, so a change
        made inside a merge reaches the cluster without anyone having read it.
        """,
    fix="Redo the merge cleanly and put intentional changes in a normal, reviewed commit.",
    bad="""
        git checkout main
        sed -i 's/replicas: 2/replicas: 4/' apps/web/deployment.yaml && git commit -am "Scale web"
        git checkout pr
        git merge --no-ff --no-commit main
        sed -i 's|image: .*|image: docker.io/someone/web:latest|' apps/web/deployment.yaml
        git commit -am "Merge main"    # the image change is in neither parent
        """,
    good="""
        git checkout main
        sed -i 's/replicas: 2/replicas: 4/' apps/web/deployment.yaml && git commit -am "Scale web"
        git checkout pr
        git merge --no-ff main -m "Merge main"
        """,
    example_lang="shell",
    notes="""
        Config `deploy_paths` (globs) chooses the paths; by default every file gitops-lint reads as
        a Kubernetes manifest, kustomization, Helm chart file or Dockerfile (the catalogue leaves the
        default open). Changes elsewhere (documentation) are not reported. Merges with more than two
        parents (octopus merges) have no remerge diff and are not judged.
        """,
)
def evil_merge(commit: Commit, ctx: Context) -> Iterator[Violation]:
    if not commit.is_merge:
        return
    for change in commit.changes:
        if change.empty or not is_deploy_path(change.path, ctx):
            continue
        conflict = any("CONFLICT" in note for note in change.notes)
        what = "resolves a merge conflict in" if conflict else "changes"
        line = change.added[0].line if change.added else 1
        yield Violation(
            f"{commit.describe()} {what} {change.path} beyond what merging its parents gives; redo the merge "
            "cleanly and make intentional changes in a normal, reviewed commit",
            at=change.where(line),
            evidence=f"{change.path}:{what}",
        )
