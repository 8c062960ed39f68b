"""A Markdown summary for people: totals by severity and by SP 800-190 section, new and fixed
findings when two trees were compared, and a table of findings, most severe first.

The same text is a pull-request comment (``--format markdown``, kept within a comment's size) and
GitHub's job summary (the ``github`` format). Text from the scanned repository is escaped so that
it cannot format the page, inject HTML or mention anyone; the findings table is truncated, with a
note, when the page would exceed its limit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from linter.finding import Finding
from linter.reporting import TOOL_NAME, Report
from linter.severity import Severity

# GitHub refuses comments over 65,536 characters; bytes >= characters, so this keeps well within.
COMMENT_LIMIT = 60 * 1024
_NOTE_RESERVE = 400  # room kept for the truncation note
_INLINE = re.compile(r"([\\`*_\[\]~|])")


def escape(text: str) -> str:
    """Text as literal Markdown/HTML inside a table cell (one line)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    # An HTML comment between "@" and a name stops GitHub and GitLab from turning it into a mention.
    text = text.replace("@", "@<!-- -->")
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(findings: Iterable[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join(f"{counts[s]} {s.label}" for s in sorted(Severity, reverse=True) if counts[s])


def _order(report: Report, finding: Finding) -> tuple[bool, int, tuple[str, int, int, str, str]]:
    return (not report.is_new(finding), -finding.severity, finding.sort_key())


def _location(report: Report, finding: Finding) -> str:
    span = finding.span
    return escape(f"{report.repo_path(span.path)}:{span.line}:{span.col}")


def _header(report: Report) -> list[str]:
    total = len(report.findings)
    counts = _counts(report.findings)
    title = f"### {TOOL_NAME}: " + (_plural(total, "finding") if total else "no findings")
    scope = (
        f"{_plural(report.files_scanned, 'file')}, {_plural(report.objects, 'Kubernetes object')}, "
        f"{_plural(len(report.rules), 'rule')} enabled; fails on {report.fail_on.label} and above."
    )
    lines = [title, "", (f"**{counts}** in " if counts else "Checked ") + scope]
    if report.new is not None:
        new = sum(1 for f in report.findings if report.is_new(f))
        lines += ["", f"**{_plural(new, 'new finding')}** in this change, {len(report.fixed)} fixed."]
    if report.errors:
        lines += ["", f"**{_plural(len(report.errors), 'internal error')}**: some checks did not complete."]
    lines += [f"\nNote: {escape(line)}." for line in report.note_lines()]
    lines += ["", "| severity | findings |" + (" new |" if report.new is not None else ""), "|---|--:|"]
    if report.new is not None:
        lines[-1] += "--:|"
    found = Counter(f.severity for f in report.findings)
    new_counts = Counter(f.severity for f in report.findings if report.is_new(f))
    for severity in sorted(Severity, reverse=True):
        row = f"| {severity.label} | {found[severity]} |"
        lines.append(row + (f" {new_counts[severity]} |" if report.new is not None else ""))
    lines += [
        "",
        "<details><summary>NIST SP 800-190 countermeasures</summary>",
        "",
        "| section | countermeasure | status |",
        "|---|---|---|",
    ]
    for s in report.sections():
        status = _plural(s.findings, "finding") if s.status == "findings" else s.status
        if s.note:
            status += f" ({escape(s.note)})"
        lines.append(f"| {s.section} | {escape(s.title)} | {status} |")
    lines += ["", "</details>"]
    return lines


def _finding_rows(report: Report) -> list[str]:
    compared = report.new is not None
    rows = []
    for f in sorted(report.findings, key=lambda f: _order(report, f)):
        marker = "new " if compared and report.is_new(f) else ""
        rows.append(
            f"| {marker}{f.severity.label} | {f.rule_id} {escape(f.slug)} | {_location(report, f)} | "
            f"{escape(f.message)} |"
        )
    return rows


def _fixed_rows(report: Report) -> list[str]:
    ordered = sorted(report.fixed, key=lambda f: (-f.severity, f.sort_key()))
    return [f"| {f.severity.label} | {f.rule_id} {escape(f.slug)} | {escape(f.message)} |" for f in ordered]


def summary(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """The summary, at most ``limit`` bytes of UTF-8 (the findings tables are cut to fit)."""
    lines = _header(report)
    used = sum(len(line.encode()) + 1 for line in lines)
    tables = [
        ("Findings", "| severity | rule | location | message |\n|---|---|---|---|", _finding_rows(report)),
        ("Fixed by this change", "| severity | rule | message |\n|---|---|---|", _fixed_rows(report)),
    ]
    omitted = 0
    for title, head, rows in tables:
        if not rows:
            continue
        block = ["", f"#### {title}", "", head]
        cost = sum(len(line.encode()) + 1 for line in block)
        if used + cost + _NOTE_RESERVE > limit:
            omitted += len(rows)
            continue
        lines += block
        used += cost
        for i, row in enumerate(rows):
            size = len(row.encode()) + 1
            if used + size + _NOTE_RESERVE > limit:
                omitted += len(rows) - i
                break
            lines.append(row)
            used += size
    if omitted:
        lines += [
            "",
            f"_{_plural(omitted, 'more row')} not shown: this summary is limited to {limit // 1024} KiB. "
            "The complete list is in the SARIF or JSON output and the job log._",
        ]
    return "\n".join(lines) + "\n"


def render(report: Report, *, color: bool = False) -> str:
    return summary(report)
