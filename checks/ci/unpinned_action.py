"""CI006 unpinned-third-party-action."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.pipelines import pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.versions import is_commit_sha
from linter.yamlnodes import YMap, YScalar, YSeq


@Rule(
    id="CI006",
    slug="unpinned-third-party-action",
    title="A CI dependency is referenced by a mutable version.",
    severity=Severity.MEDIUM,
    nist=("4.1.5",),
    target=Target.REPO,
    default=False,
    summary="""
        Reports GitHub Actions `uses:` (steps and reusable workflows) that are not local and not pinned to
        a 40-hex commit, `docker://` images without `@sha256:`, and GitLab `include: project:` without a
        commit-SHA `ref` or any `include: remote:`. Off by default.
        """,
    rationale="""
        A tag or branch of a third-party action can be moved to new code at any time; the pipeline then
        runs it with your repository's secrets and write token.
        """,
    fix="Pin actions and includes to full commit SHAs (with a version comment) and update them with a bot.",
    bad="""
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
        """,
    good="""
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
        """,
    example_path=".github/workflows/build.yml",
)
def unpinned_third_party_action(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        for _, step in pipeline.steps():
            uses = step.uses
            if uses is None or uses.text.startswith("./"):
                continue
            text = uses.text
            if text.startswith("docker://"):
                if "@sha256:" not in text:
                    yield Violation(f"{pipeline.path} runs container {text} without a digest", at=uses)
            elif not is_commit_sha(text.rpartition("@")[2]):
                yield Violation(f"{pipeline.path} uses {text}, not pinned to a commit SHA", at=uses)
        if pipeline.platform == "gitlab":
            include = pipeline.root.get("include")
            entries = include.items if isinstance(include, YSeq) else [include] if include is not None else []
            for entry in entries:
                if not isinstance(entry, YMap):
                    continue
                remote = entry.get("remote")
                if isinstance(remote, YScalar):
                    yield Violation(f"{pipeline.path} includes remote {remote.text}", at=remote)
                if entry.get("project") is not None and not is_commit_sha(entry.text("ref")):
                    yield Violation(
                        f"{pipeline.path} includes project {entry.text('project')} without a commit ref",
                        at=entry.get("ref") or entry.get("project"),
                    )
