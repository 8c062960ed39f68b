"""Human-readable output: one ``path:line:col: ID severity message`` line per finding (as ruff
prints), then totals by severity and the SP 800-190 compliance summary."""

from __future__ import annotations

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
    for f in report.findings:
        span = f.span
        lines.append(
            f"{report.display_path(span.path)}:{span.line}:{span.col}: {f.rule_id} {f.severity.label} {f.message}"
        )
    if lines:
        lines.append("")
    lines.extend(_summary(report))
    text = "\n".join(lines) + "\n"
    return _colorize(text) if color else text


def _summary(report: Report) -> list[str]:
    total = len(report.findings)
    counts = ", ".join(f"{n} {label}" for label, n in report.by_severity().items() if n)
    head = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({counts})" if counts else "")
    lines = [
        f"{head} in {report.files_scanned} files, {report.objects} Kubernetes objects, "
        f"{len(report.rules)} rules enabled."
    ]
    lines.extend(f"Note: {line}." for line in report.note_lines())
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
