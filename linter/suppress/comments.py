"""Suppression comments in YAML files, Dockerfiles and any other file with ``#`` comments.

    # gitops-lint: ignore=CTR001,host-pid reason="node exporter needs the host PID" until=2027-03-31

- ``ignore=`` on the offending line, or in the comment block directly above it, covers that line
  (a whole Dockerfile instruction when it spans several lines);
- ``ignore-document=`` in the first lines of a YAML document (its ``---`` line, the comments before
  its first key, or that first line) covers the document, wherever its findings point (an
  overlay's patch of the object included);
- ``ignore-stage=`` on a Dockerfile ``FROM`` line or in the comments directly above it covers the
  stage;
- ``ignore-file=`` in the file's leading comments covers the whole file (and the objects read
  from it, wherever they are rendered).

Rules are named by ID, slug, ID prefix (a family such as ``CTR``) or ``ALL``, separated by commas.
``reason="..."`` says why (a suppression without one still applies, and SUP001 asks for one);
``until=YYYY-MM-DD`` is the last day it applies.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.location import Span
from linter.sourcefile import SourceFile
from linter.suppress.directive import Directive, Scope, name_rules, parse_until, split_selectors
from linter.suppress.layout import Layout, layout_of

if TYPE_CHECKING:
    from linter.finding import Finding
    from linter.rule import Rule

MARKER = "gitops-lint"
_COMMENT = re.compile(r"(?:^|\s)#\s*gitops-lint\s*:(?P<body>.*)$")
_KEYWORDS = {
    "ignore": Scope.LINE,
    "ignore-document": Scope.DOCUMENT,
    "ignore-stage": Scope.STAGE,
    "ignore-file": Scope.FILE,
}
_OPTIONS = ("reason", "until")


def is_suppression_comment(line: str) -> bool:
    """Whether a line carries a suppression comment (readable or not) as this module finds them."""
    return MARKER in line and _COMMENT.search(line) is not None


def comment_directives(source: SourceFile, registry: Sequence[Rule]) -> list[Directive]:
    """The suppression comments of one file (cheap when it has none)."""
    text = source.text
    if not text or MARKER not in text:
        return []
    layout: Layout | None = None
    found: list[Directive] = []
    for number, line in enumerate(source.lines, 1):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        layout = layout or layout_of(source)
        col = line.index("#", match.start()) + 1
        span = Span(source.path, number, col, number, len(line) + 1)
        found.append(_directive(match.group("body").strip(), span, layout, registry))
    return found


def _directive(body: str, span: Span, layout: Layout, registry: Sequence[Rule]) -> Directive:
    directive = Directive("comment", Scope.LINE, span, body)
    try:
        tokens = _tokens(body)
    except ValueError as exc:
        return _broken(directive, f"cannot be read ({exc}); quote the reason with double quotes")
    if not tokens or tokens[0][0] not in _KEYWORDS:
        return _broken(directive, "does not start with ignore=, ignore-document=, ignore-stage= or ignore-file=")
    keyword, value = tokens[0]
    directive.scope = _KEYWORDS[keyword]
    directive.selectors = tuple(split_selectors(value))
    for name, option in tokens[1:]:
        if name == "reason":
            directive.reason = option.strip() or None
        elif name == "until":
            try:
                directive.until = parse_until(option)
            except ValueError as exc:
                _broken(directive, f"has until={option!r}: {exc}")
        else:
            shown = f"{name}={option}" if name else option
            directive.problems.append(f"has an unknown option {shown!r} (allowed: {', '.join(_OPTIONS)})")
    name_rules(directive, registry, "ignore=CTR001,host-pid")
    _place(directive, layout)
    return directive


def _tokens(body: str) -> list[tuple[str, str]]:
    """``name=value`` pairs; a bare word after a list ending in a comma continues that list."""
    pairs: list[tuple[str, str]] = []
    for word in shlex.split(body):
        name, eq, value = word.partition("=")
        if not eq:
            if pairs and pairs[-1][1].rstrip().endswith(","):
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + word)
            else:
                pairs.append(("", word))
            continue
        pairs.append((name.strip().lower(), value))
    return pairs


def _place(directive: Directive, layout: Layout) -> None:
    """Check the directive sits where its scope allows, and say which findings it covers."""
    line = directive.span.line
    path = directive.path
    if directive.scope is Scope.LINE:
        lines = layout.target_of(line)
        directive.matcher = lambda f: f.path == path and f.span.line in lines
    elif directive.scope is Scope.FILE:
        if line not in layout.header:
            _broken(directive, "is not in the comments at the top of the file")
        directive.matcher = lambda f: f.path == path or _source_of(f) == path
    elif directive.scope is Scope.STAGE and not layout.dockerfile:
        _broken(directive, "is for Dockerfile stages; use ignore-document= or ignore-file= here")
    elif directive.scope is Scope.DOCUMENT and layout.dockerfile:
        _broken(directive, "is for YAML documents; use ignore-stage= in a Dockerfile")
    else:
        region = layout.region_with_header(line)
        if region is None:
            where = (
                "on a FROM line or in the comments directly above one"
                if layout.dockerfile
                else "in the first lines of its document (its --- line, the comments before its first key, or that key)"
            )
            _broken(directive, f"is not {where}")
            return
        start, end, doc = region.start, region.end, region.doc
        by_object = not layout.dockerfile and doc is not None

        def covers(f: Finding) -> bool:
            if f.path == path and start <= f.span.line <= end:
                return True
            subject = f.subject
            return by_object and subject is not None and subject.src == path and subject.doc == doc

        directive.matcher = covers


def _source_of(finding: Finding) -> str | None:
    """The file an object was read from (a rendered object's finding may point elsewhere)."""
    subject = finding.subject
    return subject.src if subject is not None else None


def _broken(directive: Directive, problem: str) -> Directive:
    directive.problems.append(problem)
    directive.broken = True
    return directive
