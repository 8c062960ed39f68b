"""PARSE004 file-not-checkable."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile

_KINDS = frozenset({P.NOT_TEXT, P.TOO_LARGE, P.ALIAS_BOMB, P.TOO_DEEP, P.UNREADABLE})


@Rule(
    id="PARSE004",
    slug="file-not-checkable",
    title="A file was skipped because it is not valid text or exceeds safety limits.",
    severity=Severity.MEDIUM,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports files that were not checked because they are not UTF-8 text (invalid bytes or NUL
        bytes), are larger than `max_file_bytes`, expand YAML aliases beyond `yaml_alias_limit`
        ("billion laughs", reported as high), nest deeper than the parser's limit, or are symlinks
        that point outside the scanned tree (never followed).
        """,
    rationale="""
        A file the linter cannot read is a file whose settings nobody checked. Saying so keeps an
        evasive or broken file from making a pull request look clean, without letting a hostile file
        exhaust memory or time.
        """,
    fix="Re-encode the file as UTF-8, split it, remove the alias expansion, or replace the symlink.",
    bad="""
        a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        """,
    good="""
        defaults: &defaults
          replicas: 2
        service:
          <<: *defaults
        """,
    notes="""
        A UTF-8 byte order mark is accepted and UTF-16 files with a byte order mark are transcoded.
        Files are read only once their size is known to be under the limit.
        """,
)
def file_not_checkable(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, _KINDS, severity={P.ALIAS_BOMB: Severity.HIGH})
