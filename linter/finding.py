"""A finding: what a rule reported, where, about which object, and a stable fingerprint."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from linter.location import Span
from linter.severity import Severity


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
