"""A finding: what a rule reported, where, about which object, and a stable fingerprint."""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.location import Span
from linter.severity import Severity

if TYPE_CHECKING:
    from linter.suppress.directive import Directive


@dataclass(slots=True)
class Finding:
    rule_id: str
    slug: str
    severity: Severity
    message: str
    span: Span
    nist: tuple[str, ...]
    fingerprint: str
    resource: dict[str, str] | None = None  # apiVersion, kind, namespace, name
    stage: str | None = None  # Dockerfile stage name or index
    extra: dict[str, Any] = field(default_factory=dict)
    about: str = field(default="", repr=False)  # for rule precedence; not part of any output
    # The fingerprint computed without the file's path, so that a baseline still recognises a
    # finding of a file that was moved or renamed (see linter.baseline).
    relocatable: str = field(default="", repr=False)
    # What the finding is about, for suppressions: the Resource (None for files and Dockerfiles)
    # and the node the rule pointed at. Not part of any output.
    subject: Any = field(default=None, repr=False, compare=False)
    node: Any = field(default=None, repr=False, compare=False)
    suppressed_by: Directive | None = field(default=None, repr=False, compare=False)
    covers: tuple[Span, ...] = field(default=(), repr=False)  # regions it reports (rule precedence)

    @property
    def path(self) -> str:
        return self.span.path

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.col, self.rule_id, self.message)


def fingerprint(rule_id: str, identity: str, evidence: str) -> str:
    """A hash of what the finding is about, never of where it is: unrelated edits that move lines
    leave it unchanged, so baselines and the new-findings-only gate can recognise a finding."""
    normalised = " ".join(evidence.split())
    digest = hashlib.sha256(f"{rule_id}\0{identity}\0{normalised}".encode()).hexdigest()
    return digest[:32]


def relocatable_fingerprint(rule_id: str, identity: str, evidence: str, path: str) -> str:
    """The fingerprint with the finding's file path and directory taken out of what it hashes, so
    that a baseline can recognise the finding of a file (or chart, or directory) that moved."""
    return fingerprint(rule_id, _without(identity, path), _without(evidence, path))


def _without(text: str, path: str) -> str:
    directory = posixpath.dirname(path)
    if (directory or path) not in text:  # the directory is a prefix of the path: neither occurs
        return text
    file_pattern, directory_pattern = _path_patterns(path)
    text = file_pattern.sub("", text)
    return directory_pattern.sub("", text) if directory_pattern is not None else text


@functools.lru_cache(maxsize=4096)
def _path_patterns(path: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Compiled once per path: a scan has thousands of paths, more than `re`'s own cache holds."""
    directory = posixpath.dirname(path)
    file_pattern = re.compile(rf"(?<![\w./-]){re.escape(path)}(?![\w./-])")
    # Only where the directory reads as a path (followed by `/`, a quote or the end), not as a word.
    directory_pattern = re.compile(rf"(?<![\w./-]){re.escape(directory)}(?=/|['\"`]|$)") if directory else None
    return file_pattern, directory_pattern
