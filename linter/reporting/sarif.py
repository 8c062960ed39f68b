"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one run, the enabled rules
with their documentation, and one result per finding at its exact region.

Choices that code hosts depend on:
- ``level`` follows each finding's own severity (critical/high: error, medium: warning, low/info:
  note), and ``properties.security-severity`` gives GitHub the rule's score.
- URIs are relative to the git work tree (``%SRCROOT%``), percent-encoded, so alerts attach to the
  repository's files whatever directory the tool ran from.
- ``partialFingerprints`` carries the finding fingerprint under our own key (GitHub reserves
  ``primaryLocationLineHash`` for its own, line-based hash).
- ``automationDetails.id`` is the same for ``audit`` and ``check``, so an analysis of a pull
  request is compared with the analysis of its base branch.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any
from urllib.parse import quote

from linter import ruledocs
from linter.finding import Finding
from linter.reporting import TOOL_NAME, Report
from linter.rule import Rule
from linter.severity import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "gitopsLint/v1"
AUTOMATION_ID = f"{TOOL_NAME}/"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub reads this score to rank alerts: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}


def uri(path: str) -> str:
    """A relative URI reference for a POSIX path: every character outside the unreserved set and
    ``/`` is percent-encoded (``:`` too, or a first segment like ``a:b`` would read as a scheme)."""
    return quote(path, safe="/")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": textwrap.dedent(rule.summary).strip()},
        "help": {"text": ruledocs.as_text(rule), "markdown": ruledocs.as_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["security", rule.family, *(f"SP800-190:{section}" for section in rule.nist)],
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "severity": rule.severity.label,
        },
    }


def result(report: Report, finding: Finding, index: int | None) -> dict[str, Any]:
    span = finding.span
    out: dict[str, Any] = {"ruleId": finding.rule_id}
    if index is not None:
        out["ruleIndex"] = index
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": finding.message}
    out["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri(report.repo_path(span.path)), "uriBaseId": SRCROOT},
                "region": {
                    "startLine": span.line,
                    "startColumn": span.col,
                    "endLine": span.end_line,
                    "endColumn": span.end_col,
                },
            }
        }
    ]
    out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    new = report.is_new(finding)
    if new is not None:
        out["baselineState"] = "new" if new else "unchanged"
    properties: dict[str, Any] = {"severity": finding.severity.label, "nist": list(finding.nist)}
    if finding.resource:
        properties["resource"] = finding.resource
    if finding.stage:
        properties["stage"] = finding.stage
    roots = finding.extra.get("roots")
    if roots:
        properties["roots"] = [report.repo_path(root) for root in roots]
    out["properties"] = properties
    return out


def document(report: Report) -> dict[str, Any]:
    rules = list(report.rules)
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [result(report, f, index.get(f.rule_id)) for f in report.findings]
    root_uri = report.repo_root.as_uri().rstrip("/") + "/"
    notifications = [
        {
            "level": "error",
            "message": {"text": f"rule {e.rule_id} failed on {e.subject}: {e.message}"},
            "associatedRule": {"id": e.rule_id, **({"index": index[e.rule_id]} if e.rule_id in index else {})},
        }
        for e in report.errors
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "automationDetails": {"id": AUTOMATION_ID},
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
