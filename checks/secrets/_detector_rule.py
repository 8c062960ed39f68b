"""What the DETECTOR rules (SEC017-SEC023) share: one scan per file, of its text and of the values
it holds base64-encoded, and the folding of hits into findings of the other SEC rules.

A hit inside a value that another SEC rule reports (a Secret key, an env value, a Dockerfile ENV...)
is folded into that rule's finding: those rules cover the values they report
(``Violation.covers``) and every detector rule is superseded by them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._decoded import decoded_values
from checks.secrets._memo import memo
from checks.secrets.detectors import DetectorHit, scan_text
from linter.context import Context
from linter.globs import matches_any
from linter.location import FixedSpan, Located, Span
from linter.rule import Violation
from linter.sourcefile import SourceFile

# The SEC rules that report values (and so fold the detector hits inside them).
VALUE_RULES = (
    "SEC001",
    "SEC002",
    "SEC003",
    "SEC004",
    "SEC005",
    "SEC006",
    "SEC007",
    "SEC008",
    "SEC009",
    "SEC010",
    "SEC011",
    "SEC014",
    "SEC015",
)


@dataclass(slots=True)
class LocatedHit:
    hit: DetectorHit
    at: Located
    where: str  # "" for the file text, else what was decoded


def is_allowlisted(path: str, ctx: Context) -> bool:
    patterns = ctx.config.secret_allowlist_paths
    return bool(patterns) and matches_any(path, patterns)


def file_hits(source: SourceFile) -> list[LocatedHit]:
    return memo("detector-hits", source, lambda: list(_scan(source)))


# Scanner reports: SARIF carries each rule's documentation, whose bad examples are made-up secrets,
# and a report left in the work tree by an earlier run (a CI step) must not report those.
_REPORT_SUFFIXES = (".sarif", ".sarif.json")


def _scan(source: SourceFile) -> Iterator[LocatedHit]:
    text = source.text
    if text is None or source.path.lower().endswith(_REPORT_SUFFIXES):
        return
    for hit in scan_text(text):
        yield LocatedHit(hit, FixedSpan(hit_span(source.path, hit, text)), "")
    for value in decoded_values(source):
        for hit in scan_text(value.text):
            yield LocatedHit(hit, value.node, value.label)


def hit_span(path: str, hit: DetectorHit, text: str) -> Span:
    """The token on its first line (a private key block points at its BEGIN line)."""
    newline = text.find("\n", hit.start, hit.end)
    end = newline if newline >= 0 else hit.end
    return Span(path, hit.line, hit.col, hit.line, hit.col + (end - hit.start))


def detector_violations(rule_id: str, source: SourceFile, ctx: Context, fix: str) -> Iterator[Violation]:
    if is_allowlisted(source.path, ctx):
        return
    for located in file_hits(source):
        hit = located.hit
        if hit.rule_id != rule_id:
            continue
        where = f" in {located.where}" if located.where else ""
        yield Violation(
            f"{hit.kind} {hit.preview} is committed in clear{where}; {fix}",
            at=located.at,
            severity=hit.severity,
            evidence=f"{hit.kind}:{located.where}:{hit.digest}",
        )
