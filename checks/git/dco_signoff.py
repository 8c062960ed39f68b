"""GIT006 missing-dco-signoff."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.context import Context
from linter.history.commits import Commit
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SIGNED_OFF = re.compile(r"^signed-off-by:\s*(.*?)\s*<([^<>]+)>\s*$", re.IGNORECASE | re.MULTILINE)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@Rule(
    id="GIT006",
    slug="missing-dco-signoff",
    title="A commit lacks a Developer Certificate of Origin sign-off.",
    severity=Severity.INFO,
    nist=(),
    target=Target.COMMIT,
    default=False,
    summary="""
        Reports non-merge commits whose message has no `Signed-off-by: Name <email>` trailer for the
        commit's author (email compared case-insensitively, name ignoring case and spacing). Off by
        default.
        """,
    rationale="""
        Projects that require the Developer Certificate of Origin need every author to certify their
        contribution; a missing or someone else's sign-off fails that record.
        """,
    fix="Amend with `git commit -s`.",
    bad="""
        echo "# Web" > apps/web/README.md && git add apps/web/README.md
        git commit -m "Document the web app"
        """,
    good="""
        echo "# Web" > apps/web/README.md && git add apps/web/README.md
        git commit -s -m "Document the web app"
        """,
    example_lang="shell",
)
def missing_dco_signoff(commit: Commit, ctx: Context) -> Iterator[Violation]:
    if commit.is_merge:
        return
    author = commit.author
    for name, email in _SIGNED_OFF.findall(commit.message):
        if email.strip().casefold() == author.email.casefold() and _same_name(name, author.name):
            return
    yield Violation(
        f"{commit.describe()} has no Signed-off-by trailer for its author {author.describe()}; amend it with "
        "`git commit -s`",
        evidence="no-signoff",
    )
