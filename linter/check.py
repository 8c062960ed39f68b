"""One pull-request check, start to finish: the range, the trees at its merge-base and head (from
git objects), the GIT rules over its commits, and the comparison that keeps only new findings.

Used by the CLI (`gitops-lint check`), the benchmark and the tests.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.compare import compare
from linter.config import Config
from linter.engine import Result, RuleError, lint
from linter.finding import Finding
from linter.history import collect
from linter.history.commits import CommitRange, Signature
from linter.history.range import CommitSpan, RangeError, resolve
from linter.history.snapshot import TreeReader
from linter.repository import Repository
from linter.rule import Rule, Target


@dataclass(slots=True)
class CheckRun:
    root: Path  # the repository's top directory
    span: CommitSpan
    history: CommitRange
    head: Repository  # the tree at head
    rules: list[Rule]
    findings: list[Finding]  # what is reported: the new findings (everything at head with `report_all`)
    fixed: list[Finding]  # findings of the merge-base that head no longer has
    errors: list[RuleError]
    blobs_parsed: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase


def open_repository(path: Path) -> Any:
    """The ``git.Repo`` that holds ``path``; raises RangeError outside a repository."""
    import git

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RangeError(f"{path} is not inside a git repository") from None


def repository_root(repo: Any) -> Path:
    return Path(repo.working_tree_dir or repo.git_dir).resolve()


def run_check(
    path: Path,
    config: Config,
    base: str,
    head: str = "HEAD",
    rules: Sequence[Rule] | None = None,
    *,
    report_all: bool = False,
    pr_author: str | None = None,
) -> CheckRun:
    """Check the commits ``merge-base(base, head)..head`` of the repository at ``path``.
    Raises RangeError when the range cannot be checked (e.g. a shallow clone)."""
    from linter.audit import enabled_rules

    clock = _Clock()
    repo = open_repository(path)
    root = repository_root(repo)
    chosen = list(rules) if rules is not None else enabled_rules(config)
    span = resolve(repo, base, head)
    reader = TreeReader(repo, config, root)
    net = collect.diff(reader, span.merge_base, span.head)
    clock.lap("range")

    # Findings about a renamed file keep their fingerprint: the merge-base's files are fingerprinted
    # under their names at head.
    renames = {change.old_path: change.path for change in net if change.old_path is not None}
    base_repo = reader.repository(span.merge_base)
    clock.lap("read merge-base")
    before = lint(base_repo, [r for r in chosen if not r.target.needs_history], config, identity_paths=renames)
    clock.lap("lint merge-base")

    history = CommitRange(
        base=span.base,
        merge_base=span.merge_base,
        head=span.head,
        commits=collect.commits(reader, span.commits, _signatures(repo, root, config, chosen, span), span.base),
        changes=net,
        base_repo=base_repo,
        pr_author=pr_author or config.pr_author,
    )
    clock.lap("read commits")
    head_repo = reader.repository(span.head)
    clock.lap("read head")
    after = lint(head_repo, chosen, config, history=history)
    clock.lap("lint head")

    findings, fixed = _gate(before, after, chosen, report_all)
    return CheckRun(
        root=root,
        span=span,
        history=history,
        head=head_repo,
        rules=chosen,
        findings=findings,
        fixed=fixed,
        errors=_unique(before.errors + after.errors),
        blobs_parsed=reader.blobs_parsed,
        timings=clock.laps,
    )


def _gate(
    before: Result, after: Result, rules: Sequence[Rule], report_all: bool
) -> tuple[list[Finding], list[Finding]]:
    """(reported, fixed). Tree findings are new when the merge-base did not have them; findings
    of the history rules are always new: the pull request brings the commits they are about.
    Suppressed findings count as present: removing a suppression does not make its finding new,
    and adding one does not make its finding fixed (GIT008 reports the suppression itself)."""
    history_rules = {rule.id for rule in rules if rule.target.needs_history}
    tree = [f for f in after.findings if f.rule_id not in history_rules]
    comparison = compare(before.findings + before.suppressed, tree)
    for finding in comparison.new:
        finding.extra["new"] = True
    for finding in comparison.unchanged:
        finding.extra["new"] = False
    history = [f for f in after.findings if f.rule_id in history_rules]
    for finding in history:
        finding.extra["new"] = True
    reported = comparison.new + history + (comparison.unchanged if report_all else [])
    reported.sort(key=Finding.sort_key)
    return reported, compare(before.findings, tree + after.suppressed).fixed


def _signatures(
    repo: Any, root: Path, config: Config, rules: Sequence[Rule], span: CommitSpan
) -> dict[str, Signature] | None:
    """Each commit's signature as git verifies it with the configured keys, when a signing policy
    is configured and a rule looks at commits."""
    from linter.history.signatures import Verifier

    policy = config.commit_signing
    if not policy.required or not any(rule.target is Target.COMMIT for rule in rules):
        return None
    base_dir = config.path.parent if config.path is not None else root
    with Verifier(policy, base_dir) as verifier:
        return verifier.verify(Path(repo.git_dir), span.commits)


def _unique(errors: list[RuleError]) -> list[RuleError]:
    seen: set[tuple[str, str, str]] = set()
    out: list[RuleError] = []
    for error in errors:
        key = (error.rule_id, error.subject, error.message)
        if key not in seen:
            seen.add(key)
            out.append(error)
    return out


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
