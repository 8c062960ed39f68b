"""GitHub Actions: workflow commands that annotate the pull request, and the job summary.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step and drops the
rest silently, so the most severe findings (new ones first in a comparison) are annotated, and one
notice says how many more exist and where they are. Every finding is also printed as a plain line
in a collapsed log group, between ``::stop-commands::`` markers so that nothing read from the
repository can be taken for a workflow command. When ``GITHUB_STEP_SUMMARY`` names a file, the
Markdown summary is appended to it, within GitHub's 1 MiB per step.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter

from linter.finding import Finding
from linter.reporting import TOOL_NAME, Report
from linter.reporting.markdown import summary
from linter.severity import Severity

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}
PER_LEVEL = 10  # annotations GitHub shows per level and step
SUMMARY_LIMIT = 1024 * 1024  # GitHub's limit for one step's summary
_SUMMARY_MARGIN = 1024
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def escape_data(text: str) -> str:
    """A workflow command's message (after ``::``): ``%``, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(report: Report, finding: Finding) -> str:
    span = finding.span
    properties: dict[str, str | int] = {
        "file": report.repo_path(span.path),
        "line": span.line,
        "endLine": span.end_line,
    }
    # GitHub takes columns only for an annotation on one line.
    if span.line == span.end_line:
        properties["col"] = span.col
        properties["endColumn"] = span.end_col
    new = ", new" if report.is_new(finding) else ""
    properties["title"] = f"{finding.rule_id} {finding.slug} ({finding.severity.label}{new})"
    return command(LEVELS[finding.severity], properties, finding.message)


def _log(report: Report) -> list[str]:
    """Every finding as a plain ``path:line:col`` line, inert for the runner."""
    plain = []
    for f in report.findings:
        span = f.span
        text = f"{report.repo_path(span.path)}:{span.line}:{span.col}: {f.rule_id} {f.severity.label} {f.message}"
        plain.append(text.replace("\r", " ").replace("\n", " "))
    body = "\n".join(plain)
    # A token derived from the text cannot occur in it, and keeps the output reproducible.
    token = hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    total = len(report.findings)
    return [
        f"::group::{TOOL_NAME}: {total} finding{'s' if total != 1 else ''}",
        f"::stop-commands::{token}",
        *plain,
        f"::{token}::",
        "::endgroup::",
    ]


def _annotated(report: Report) -> tuple[list[Finding], int]:
    """The findings to annotate, most important first, and how many do not fit."""
    ordered = sorted(report.findings, key=lambda f: (not report.is_new(f), -f.severity, f.sort_key()))
    # The note about internal errors is an error, the note about the rest a notice: each takes one
    # of its level's ten.
    caps = {"error": PER_LEVEL - (1 if report.errors else 0), "warning": PER_LEVEL, "notice": PER_LEVEL}
    per_level = Counter(LEVELS[f.severity] for f in ordered)
    if any(n > caps[level] for level, n in per_level.items()):
        caps["notice"] -= 1
    shown: list[Finding] = []
    used: Counter[str] = Counter()
    for f in ordered:
        level = LEVELS[f.severity]
        if used[level] < caps[level]:
            used[level] += 1
            shown.append(f)
    return shown, len(ordered) - len(shown)


def render(report: Report, *, color: bool = False) -> str:
    lines = _log(report)
    if report.errors:
        count = len(report.errors)
        lines.append(
            command(
                "error",
                {"title": f"{TOOL_NAME}: internal error"},
                f"{count} check{'s' if count != 1 else ''} did not complete (a rule failed); the findings are "
                "incomplete. The step's log names the rule and the file.",
            )
        )
    shown, rest = _annotated(report)
    lines += [annotation(report, f) for f in shown]
    if rest:
        where = "the job summary and the log group above" if os.environ.get(SUMMARY_ENV) else "the log group above"
        lines.append(
            command(
                "notice",
                {"title": f"{TOOL_NAME}: {rest} more"},
                f"{rest} more finding{'s' if rest != 1 else ''} not annotated: GitHub shows "
                f"{PER_LEVEL} annotations per level and step. See {where}, or the SARIF results.",
            )
        )
    return "\n".join(lines) + "\n"


def publish(report: Report) -> None:
    """Append the Markdown summary to the job summary file, if the runner gave one."""
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return
    try:
        existing = os.path.getsize(target)
    except OSError:
        existing = 0
    budget = SUMMARY_LIMIT - existing - _SUMMARY_MARGIN
    if budget < 4 * 1024:
        print(f"{TOOL_NAME}: the job summary is full; not adding to it", file=sys.stderr)
        return
    try:
        with open(target, "a", encoding="utf-8", errors="replace") as handle:
            handle.write(summary(report, budget))
    except OSError as exc:
        print(f"{TOOL_NAME}: cannot write the job summary {target}: {exc.strerror or exc}", file=sys.stderr)
