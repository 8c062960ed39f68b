"""Human-readable output: one ``path:line:col: ID severity message`` line per finding (as ruff
prints), then totals by severity and the SP 800-190 compliance summary."""

from __future__ import annotations

from linter.finding import Finding
from linter.reporting import Report

_STYLES = {
    "critical": "bold red",
    "high": "red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
    "findings": "red",
    "clean": "green",
}


def render(report: Report, *, color: bool = False) -> str:
    lines: list[str] = []
    # Comparing two trees with old findings shown too (`check --all`): say which ones are new.
    mark = report.new is not None and not all(report.is_new(f) for f in report.findings)
    for f in report.findings:
        lines.append(_line(report, f, "[new] " if mark and report.is_new(f) else ""))
    if lines:
        lines.append("")
    lines.extend(_accepted(report))
    lines.extend(_summary(report))
    text = "\n".join(lines) + "\n"
    return _colorize(text) if color else text


def _line(report: Report, f: Finding, marker: str = "") -> str:
    span = f.span
    return (
        f"{report.display_path(span.path)}:{span.line}:{span.col}: {f.rule_id} {f.severity.label} {marker}{f.message}"
    )


def _comparison(report: Report) -> list[str]:
    if report.comparison is None:
        return []
    new = sum(1 for f in report.findings if report.is_new(f))
    lines = [f"{report.comparison.get('description', 'Compared two trees')}: {new} new, {len(report.fixed)} fixed."]
    if report.fixed:
        lines.append("Fixed by this change:")
        lines.extend("  " + _line(report, f) for f in report.fixed)
    return lines


def _accepted(report: Report) -> list[str]:
    """Suppressed findings (when asked for), then what the baseline held back and no longer sees."""
    lines: list[str] = []
    if report.show_suppressed and report.suppressed:
        lines.append(f"Suppressed ({len(report.suppressed)}):")
        for f in report.suppressed:
            span, directive = f.span, f.suppressed_by
            lines.append(
                f"{report.display_path(span.path)}:{span.line}:{span.col}: {f.rule_id} {f.severity.label} {f.message}"
            )
            if directive is not None:
                where = f"{report.display_path(directive.span.path)}:{directive.span.line}"
                reason = f'reason "{directive.reason}"' if directive.reason else "no reason given"
                until = f", until {directive.until.isoformat()}" if directive.until else ""
                lines.append(f"    suppressed by {directive.origin} at {where}: {reason}{until}")
        lines.append("")
    baseline = report.baseline
    if baseline is not None and baseline.stale:
        count = len(baseline.stale)
        gone = "entries no longer occur" if count != 1 else "entry no longer occurs"
        lines.append(f"Baseline {baseline.path}: {count} {gone} (rewrite it with --write-baseline to drop them):")
        for entry in baseline.stale:
            about = f" {entry.resource}" if entry.resource else ""
            lines.append(f"  {entry.rule_id} {report.display_path(entry.path)}{about}")
        lines.append("")
    return lines


def _held_back(report: Report) -> str:
    parts = []
    if report.suppressed:
        hint = "" if report.show_suppressed else " (--show-suppressed lists them)"
        parts.append(f"{len(report.suppressed)} suppressed{hint}")
    if report.baseline is not None:
        parts.append(f"{report.baseline.known} in the baseline")
    return f"Not reported: {', '.join(parts)}." if parts else ""


def _summary(report: Report) -> list[str]:
    total = len(report.findings)
    counts = ", ".join(f"{n} {label}" for label, n in report.by_severity().items() if n)
    head = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({counts})" if counts else "")
    lines = [
        f"{head} in {report.files_scanned} files, {report.objects} Kubernetes objects, "
        f"{len(report.rules)} rules enabled."
    ]
    lines.extend(_comparison(report))
    lines.extend(f"Note: {line}." for line in report.note_lines())
    held_back = _held_back(report)
    if held_back:
        lines.append(held_back)
    lines.append("")
    lines.append("NIST SP 800-190 countermeasures:")
    sections = report.sections()
    width = max(len(f"{s.section} {s.title}") for s in sections)
    for s in sections:
        label = f"{s.section} {s.title}"
        detail = f"{s.findings} finding{'s' if s.findings != 1 else ''}" if s.status == "findings" else s.status
        if s.status in ("not-assessed", "not-applicable"):
            detail += f" ({s.note})"
        lines.append(f"  {label:<{width}}  {detail}")
    if report.errors:
        lines.append("")
        lines.append(f"{len(report.errors)} internal error(s): some checks did not complete (see stderr).")
    return lines


def _colorize(text: str) -> str:
    import io
    import re

    from rich.console import Console
    from rich.text import Text

    rendered = Text(text)
    severity = re.compile(r": [A-Z]{2,9}\d{3} (critical|high|medium|low|info) ")
    status = re.compile(r"  (\d+ findings?|clean)$", re.MULTILINE)
    for pattern in (severity, status):
        for match in pattern.finditer(text):
            word = match.group(1)
            style = _STYLES.get(word, _STYLES["findings"])
            rendered.stylize(style, match.start(1), match.end(1))
    buffer = io.StringIO()
    Console(
        file=buffer, force_terminal=True, color_system="standard", width=10_000, highlight=False, soft_wrap=True
    ).print(rendered, end="")
    return buffer.getvalue()
