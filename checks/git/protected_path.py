"""GIT007 protected-path-changed."""

from __future__ import annotations

from collections.abc import Iterator

from linter.codeowners import LOCATIONS, CodeOwners, is_owner
from linter.context import Context
from linter.globs import matches
from linter.history.commits import CommitRange, FileChange
from linter.k8s import resource_from
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


def _objects(source: SourceFile | None) -> Iterator[tuple[str, str]]:
    """(kind, name) of the objects in a file."""
    if source is None:
        return
    for doc in source.docs:
        resource = resource_from(doc.root, source.path, doc.index)
        if resource is not None:
            yield resource.kind, resource.name or ""


def _protection(change: FileChange, history: CommitRange, ctx: Context) -> str | None:
    """Why the changed file is protected, or None."""
    paths = [change.path] + ([change.old_path] if change.old_path else [])
    for pattern in ctx.config.protected_paths:
        if any(matches(path, pattern) for path in paths):
            return f"matches {pattern}"
    wanted = set(ctx.config.protected_objects)
    before = history.base_repo.file(change.old_path or change.path)
    for source in (change.source(), before):
        for kind, name in _objects(source):
            if kind in wanted or f"{kind}/{name}" in wanted:
                return f"holds a {kind}" + (f" {name!r}" if f"{kind}/{name}" in wanted else "")
    return None


@Rule(
    id="GIT007",
    slug="protected-path-changed",
    title="The pull request changes a protected path without its owner.",
    severity=Severity.HIGH,
    nist=("4.3.1", "4.4.5"),
    target=Target.RANGE,
    summary="""
        Reports each file of the pull request's net diff that is protected (config
        `protected_paths`: Flux's `flux-system/` directories, CODEOWNERS, GitHub Actions workflows,
        `.gitlab-ci.yml`; or a file holding an object of config `protected_objects`: AppProjects,
        ClusterRoles, ClusterRoleBindings, `argocd-cm` and `argocd-rbac-cm`) when the pull
        request's author is not one of its code owners. Owners come from the CODEOWNERS file of the
        merge-base, so a pull request cannot make its author an owner.
        """,
    rationale="""
        These files decide what the GitOps controllers trust and who may change the cluster's
        access rules; a change by anyone else should have their owners' review. The linter cannot
        see approvals, so the finding asks for one.
        """,
    fix="Get review from the path's code owner (enforce via branch protection).",
    bad="""
        echo "# reconcile every 5 minutes" >> clusters/prod/flux-system/gotk-sync.yaml
        git commit -am "Tune the sync interval"    # by dana, not in @acme/platform
        """,
    good="""
        sed -i 's/replicas: 2/replicas: 3/' apps/web/deployment.yaml
        git commit -am "Scale the web tier"    # dana owns apps/
        """,
    example_lang="shell",
    notes="""
        The author is config `pr_author` or `check --pr-author` (a login such as `$GITHUB_ACTOR`, or
        an email); without one, every author of the pull request's commits must be an owner, matched
        by email. Team owners (`@org/team`) count only through config `codeowners_teams` (team ->
        members). A protected file with no owner at all is reported too. Protection is judged on the
        file's path and on its content at the merge-base and at head.
        """,
)
def protected_path_changed(history: CommitRange, ctx: Context) -> Iterator[Violation]:
    owners_file = next((history.base_repo.file(p) for p in LOCATIONS if history.base_repo.file(p) is not None), None)
    codeowners = CodeOwners.parse(owners_file.path, owners_file.text or "") if owners_file is not None else None
    people = [history.pr_author] if history.pr_author else sorted({a.email for a in history.authors})
    teams = ctx.config.codeowners_teams
    for change in history.changes:
        reason = _protection(change, history, ctx)
        if reason is None:
            continue
        owners = codeowners.owners(change.path) if codeowners is not None else ()
        outsiders = [p for p in people if not is_owner(p, owners, teams)]
        if owners and people and not outsiders:
            continue
        who = ", ".join(outsiders) if outsiders else "the author (unknown)"
        verb = "are not code owners" if len(outsiders) > 1 else "is not its code owner"
        owned = f"owners: {' '.join(owners)}" if owners else "no code owner"
        yield Violation(
            f"the pull request changes protected path {change.path} ({reason}; {owned}) and {who} {verb}; "
            "request review from an owner",
            at=change.where(),
            evidence=f"{change.path}@{change.blob or 'deleted'}",
        )
