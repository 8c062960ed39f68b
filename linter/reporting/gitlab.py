"""GitLab Code Quality: the JSON array GitLab reads from a ``codequality`` report artifact to
annotate merge requests (a subset of the Code Climate issue format).

GitLab compares reports by ``fingerprint``; two findings that share one (the same rule, object and
evidence found twice) would hide each other, so repeats get a fingerprint derived from the first.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from linter.reporting import Report
from linter.severity import Severity

SEVERITIES = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def document(report: Report) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    issues: list[dict[str, Any]] = []
    for f in report.findings:
        seen[f.fingerprint] += 1
        repeat = seen[f.fingerprint] - 1
        fingerprint = (
            f.fingerprint if not repeat else hashlib.sha256(f"{f.fingerprint}:{repeat}".encode()).hexdigest()[:32]
        )
        issues.append(
            {
                "type": "issue",
                "check_name": f.rule_id,
                "description": f"{f.rule_id} {f.slug}: {f.message}",
                "categories": ["Security"],
                "severity": SEVERITIES[f.severity],
                "fingerprint": fingerprint,
                "location": {
                    "path": report.repo_path(f.span.path),
                    "lines": {"begin": f.span.line, "end": f.span.end_line},
                },
            }
        )
    return issues


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
