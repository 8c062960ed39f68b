"""Machine-readable output, versioned. The schema is ``linter/schemas/findings-v1.schema.json``;
additions are backwards compatible, anything else bumps ``version``."""

from __future__ import annotations

import json
from typing import Any

from linter.finding import Finding
from linter.reporting import TOOL_NAME, Report

VERSION = 1


def finding_json(report: Report, f: Finding) -> dict[str, Any]:
    span = f.span
    out: dict[str, Any] = {
        "rule_id": f.rule_id,
        "slug": f.slug,
        "severity": f.severity.label,
        "message": f.message,
        "path": report.display_path(span.path),
        "line": span.line,
        "column": span.col,
        "end_line": span.end_line,
        "end_column": span.end_col,
        "nist": list(f.nist),
        "fingerprint": f.fingerprint,
        "resource": f.resource,
        "stage": f.stage,
    }
    out.update(f.extra)
    if "roots" in out:
        out["roots"] = [report.display_path(root) for root in out["roots"]]
    return out


def suppression_json(report: Report, f: Finding) -> dict[str, Any]:
    out = finding_json(report, f)
    directive = f.suppressed_by
    if directive is not None:
        out["suppression"] = {
            "origin": directive.origin,
            "scope": directive.scope.value,
            "path": report.display_path(directive.span.path),
            "line": directive.span.line,
            "column": directive.span.col,
            "text": directive.text,
            "reason": directive.reason,
            "until": directive.until.isoformat() if directive.until else None,
        }
    return out


def accepted(report: Report, out: dict[str, Any]) -> dict[str, Any]:
    """Add what suppressions and the baseline kept out of `findings`."""
    out["summary"]["suppressed"] = len(report.suppressed)
    if report.show_suppressed:
        out["suppressed"] = [suppression_json(report, f) for f in report.suppressed]
    if report.baseline is not None:
        out["baseline"] = {
            "path": report.baseline.path,
            "known": report.baseline.known,
            "stale": [e.as_json() | {"path": report.display_path(e.path)} for e in report.baseline.stale],
        }
    return out


def document(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "command": report.command,
        "root": report.display_prefix.rstrip("/") or ".",
        "findings": [finding_json(report, f) for f in report.findings],
        "summary": {
            "total": len(report.findings),
            "by_severity": report.by_severity(),
            "files": report.files_scanned,
            "objects": report.objects,
            "rules_enabled": sorted(r.id for r in report.rules),
            "fail_on": report.fail_on.label,
            "notes": report.note_lines(),
            "errors": [{"rule_id": e.rule_id, "subject": e.subject, "message": e.message} for e in report.errors],
            **_comparison(report),
            "sections": [
                {
                    "section": s.section,
                    "title": s.title,
                    "status": s.status,
                    "rules": s.rules,
                    "findings": s.findings,
                    "by_severity": s.by_severity,
                    "note": s.note,
                }
                for s in report.sections()
            ],
        },
    }


def _comparison(report: Report) -> dict[str, Any]:
    """`check`: what was compared, how many findings are new, and the findings fixed."""
    if report.comparison is None:
        return {}
    new = sum(1 for f in report.findings if report.is_new(f))
    compared = {key: value for key, value in report.comparison.items() if key != "description"}
    return {
        "comparison": {**compared, "new": new, "fixed": len(report.fixed)},
        "fixed": [finding_json(report, f) for f in report.fixed],
    }


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(accepted(report, document(report)), indent=2, ensure_ascii=False) + "\n"
