"""GIT002 secret-in-commit-history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._detector_rule import file_hits, is_allowlisted
from checks.secrets._secret_objects import entries, is_plain_secret, is_secret_value
from linter.context import Context
from linter.history.commits import Commit, FileChange
from linter.k8s import resource_from
from linter.location import Located
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@dataclass(slots=True)
class _Leak:
    what: str  # e.g. 'a GitHub token ghp_… (40 chars)' — a redacted preview, never the value
    at: Located
    evidence: str


def _detector_leaks(source: SourceFile) -> Iterator[_Leak]:
    for located in file_hits(source):
        hit = located.hit
        where = f" in {located.where}" if located.where else ""
        yield _Leak(f"{hit.kind} {hit.preview}{where}", located.at, f"{hit.kind}:{hit.digest}")


def _secret_object_leaks(source: SourceFile) -> Iterator[_Leak]:
    """Clear-text values of v1 Secrets (SEC001-SEC004): `data` decoded, `stringData` as is."""
    for doc in source.docs:
        resource = resource_from(doc.root, source.path, doc.index)
        if resource is None or not is_plain_secret(resource):
            continue
        for entry in entries(resource):
            if entry.literal and is_secret_value(entry.value):
                yield _Leak(
                    f"the clear-text value of {resource.describe()} {entry.describe()}",
                    entry.node,
                    f"secret:{resource.name}:{entry.key}:{len(entry.value)}",
                )


def _leaks(change: FileChange) -> list[_Leak]:
    """Leaks on the lines the change adds (a value already in the parent is not this commit's)."""
    source = change.source()
    if source is None or not change.added:
        return []
    added = {line.line for line in change.added}
    found: list[_Leak] = []
    seen: set[int] = set()
    for leak in (*_secret_object_leaks(source), *_detector_leaks(source)):
        line = leak.at.span().line
        # One finding per line: a Secret value is named by its key, whatever a detector also sees.
        if line in added and line not in seen:
            seen.add(line)
            found.append(leak)
    return found


@Rule(
    id="GIT002",
    slug="secret-in-commit-history",
    title="A commit in the pull request adds a secret, even if a later commit removes it.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.COMMIT,
    summary="""
        Scans the lines each commit of the pull request adds (for a merge, the lines of its remerge
        diff: what the merge adds beyond git's own merge of its parents) with the secret detectors
        of SEC017-SEC023, and reports clear-text values of Kubernetes Secrets (`data` base64-decoded,
        `stringData` as is) that those lines add. The finding names the commit, file and line; it
        stays reported when a later commit deletes the value, because the value remains in the pull
        request's ref and in history after the merge.
        """,
    rationale="""
        Deleting a secret in a follow-up commit does not remove it: anyone who can fetch the branch,
        a fork or a mirror can read it from the commit that added it. Only rotating the credential
        makes the leak harmless.
        """,
    fix="Rotate the secret, rewrite the branch to drop it, and record the rotation in the baseline.",
    bad="""
        printf 'DB_URL=postgres://app:Qm7vX2pLr9TzK4wN@db:5432/app\\n' > apps/web/app.env
        git add apps/web/app.env && git commit -m "Add the database URL"
        git rm -q apps/web/app.env && git commit -m "Oops, remove it"   # still in history
        """,
    good="""
        printf 'DB_URL=postgres://app:${DB_PASSWORD}@db:5432/app\\n' > apps/web/app.env
        git add apps/web/app.env && git commit -m "Read the database password from the environment"
        """,
    example_lang="shell",
    notes="""
        Only added lines count: a secret already present in the parent is reported by the SEC rules
        on the tree, not again for every commit that touches the file. The catalogue also names
        SEC006 (kubeconfig credentials): kubeconfig keys and tokens are caught by the detectors
        (private keys, JWTs, high-entropy values) rather than by SEC006's structural reading.
        Paths in `secret_allowlist_paths` are skipped, as for the SEC rules. Files over
        `max_file_bytes` and binary files are not read. Recording the rotation means adding the
        finding's fingerprint (shown by `--format json`) to the baseline file.
        """,
    refs=("gitleaks git --log-opts <range>", "CIS Docker 4.10"),
)
def secret_in_commit_history(commit: Commit, ctx: Context) -> Iterator[Violation]:
    for change in commit.changes:
        if change.status == "D" or change.binary or is_allowlisted(change.path, ctx):
            continue
        for leak in _leaks(change):
            yield Violation(
                f"{commit.describe()} adds {leak.what} to {change.path}; it stays in git history even if a later "
                "commit removes it: rotate it, rewrite the branch to drop it and record the rotation in the baseline",
                at=leak.at,
                evidence=f"{change.path}:{leak.evidence}",
            )
