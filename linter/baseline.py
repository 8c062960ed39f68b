"""Baselines: the findings a team has accepted when adopting the tool, so only new ones are reported.

The file is JSON: a multiset of fingerprints, each with the rule, path and object for humans and no
line numbers, sorted so that a regenerated baseline diffs cleanly. A finding is in the baseline
when an entry has its fingerprint (the rule, the object or file, and what is wrong - not where).

Fingerprints of findings about a file (a Dockerfile, a file-level problem) include its path, so
moving the file would change them. Each entry therefore also records the *relocatable*
fingerprint, the same hash computed without the path. A finding in a file the baseline does not
know, left unmatched by fingerprint, is matched on that against the unused entries of files that
no longer exist: moving a file re-pairs its findings with the entries of its old path, while a
copy of a baselined file (the original still in place) reports its findings as new. Each entry
is used at most once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.finding import Finding

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read; the message names it."""


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    relocatable: str
    rule_id: str
    path: str
    resource: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "relocatable_fingerprint": self.relocatable,
            "rule_id": self.rule_id,
            "path": self.path,
        }
        if self.resource is not None:
            out["resource"] = self.resource
        return out


@dataclass(slots=True)
class Summary:
    """What a report says about the baseline it applied."""

    path: str
    known: int  # findings not reported because the baseline has them
    stale: list[Entry]


@dataclass(slots=True)
class Comparison:
    new: list[Finding] = field(default_factory=list)  # not in the baseline: reported
    known: list[Finding] = field(default_factory=list)  # in the baseline: not reported
    stale: list[Entry] = field(default_factory=list)  # entries no finding matched any more


def entry_of(finding: Finding) -> Entry:
    resource = None
    if finding.resource is not None:
        ref = finding.resource
        parts = [ref["kind"], ref.get("namespace", ""), ref.get("name", "")]
        resource = "/".join(parts) if parts[1] else f"{parts[0]}/{parts[2]}"
    elif finding.stage is not None:
        resource = f"stage {finding.stage}"
    return Entry(
        finding.fingerprint, finding.relocatable or finding.fingerprint, finding.rule_id, finding.path, resource
    )


def render(findings: Iterable[Finding]) -> str:
    entries = sorted(
        (entry_of(f) for f in findings), key=lambda e: (e.path, e.rule_id, e.resource or "", e.fingerprint)
    )
    document = {
        "version": VERSION,
        "tool": "gitops-lint",
        "note": "Accepted findings, by fingerprint (no line numbers). Regenerate with "
        "`gitops-lint audit --write-baseline`; entries that no longer occur are listed by every audit.",
        "findings": [entry.as_json() for entry in entries],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, findings: Sequence[Finding]) -> None:
    try:
        path.write_text(render(findings), encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def load(path: Path) -> list[Entry]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{path}: not a readable baseline file: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a gitops-lint baseline (expected version {VERSION})")
    entries: list[Entry] = []
    for index, item in enumerate(document.get("findings") or []):
        try:
            fp = item["fingerprint"]
            if not isinstance(fp, str):
                raise TypeError
            entries.append(
                Entry(
                    fp,
                    str(item.get("relocatable_fingerprint") or fp),
                    str(item.get("rule_id", "")),
                    str(item.get("path", "")),
                    item.get("resource"),
                )
            )
        except (KeyError, TypeError):
            raise BaselineError(f"{path}: findings[{index}] has no fingerprint") from None
    return entries


def compare(findings: Sequence[Finding], entries: Sequence[Entry], present: set[str], *, partial: bool) -> Comparison:
    """Match findings to entries, each entry at most once: by fingerprint first; then a finding in a
    file the baseline does not know is matched by relocatable fingerprint to an entry of a file
    that is gone (the file was moved). ``present``: the paths scanned; ``partial``: the scan did
    not cover the whole repository, so only entries of scanned files can be stale."""
    by_fp: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_fp[entry.fingerprint].append(entry)
    result = Comparison()
    unmatched: list[Finding] = []
    for finding in findings:
        bucket = by_fp.get(finding.fingerprint)
        if bucket:
            bucket.pop()
            result.known.append(finding)
        else:
            unmatched.append(finding)
    known_paths = {entry.path for entry in entries}
    moved_away: dict[str, list[Entry]] = defaultdict(list)
    leftover: list[Entry] = []
    for bucket in by_fp.values():
        for entry in bucket:
            if entry.path in present:
                leftover.append(entry)
            else:
                moved_away[entry.relocatable].append(entry)
    for finding in unmatched:
        bucket = moved_away.get(finding.relocatable) if finding.path not in known_paths else None
        if bucket:
            bucket.pop()
            result.known.append(finding)
        else:
            result.new.append(finding)
    if not partial:
        leftover.extend(entry for bucket in moved_away.values() for entry in bucket)
    result.stale = sorted(leftover, key=lambda e: (e.path, e.rule_id, e.resource or "", e.fingerprint))
    return result
