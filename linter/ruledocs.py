"""Rule documentation, rendered from each rule's metadata (one text for every outlet:
`gitops-lint explain`, `gitops-lint rules`, SARIF help and the README rule table)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from linter.nist import SECTIONS
from linter.rule import Rule


def _sections(rule: Rule) -> str:
    if not rule.nist:
        return "none (hygiene: protects the linter's own coverage)"
    return "; ".join(f"{s} {SECTIONS.get(s, '')}".strip() for s in rule.nist)


def _indent(text: str) -> str:
    return textwrap.indent(textwrap.dedent(text).strip("\n"), "    ")


def as_text(rule: Rule) -> str:
    parts = [
        f"{rule.id} {rule.slug}: {rule.title}",
        f"Severity: {rule.severity.label} ({'on' if rule.default else 'off'} by default)",
        f"SP 800-190: {_sections(rule)}",
        f"Inspects: {rule.target.value}" + (f" ({', '.join(sorted(rule.kinds))})" if rule.kinds else ""),
        "",
        "What it does",
        _indent(rule.summary),
        "",
        "Why is this bad?",
        _indent(rule.rationale),
        "",
        "Example",
        _indent(rule.bad),
        "",
        "Use instead",
        _indent(rule.good),
        "",
        "Fix",
        _indent(rule.fix),
    ]
    if rule.notes:
        parts += ["", "Notes", _indent(rule.notes)]
    if rule.refs:
        parts += ["", "Related rules in other tools", _indent(", ".join(rule.refs))]
    return "\n".join(parts) + "\n"


def as_markdown(rule: Rule) -> str:
    fence = rule.example_lang
    parts = [
        f"## {rule.id} `{rule.slug}`",
        "",
        f"**{rule.title}** Severity: {rule.severity.label} ({'on' if rule.default else 'off'} by default). "
        f"SP 800-190: {_sections(rule)}.",
        "",
        "### What it does",
        textwrap.dedent(rule.summary).strip(),
        "",
        "### Why is this bad?",
        textwrap.dedent(rule.rationale).strip(),
        "",
        "### Example",
        f"```{fence}",
        textwrap.dedent(rule.bad).strip("\n"),
        "```",
        "",
        "### Use instead",
        f"```{fence}",
        textwrap.dedent(rule.good).strip("\n"),
        "```",
        "",
        "### Fix",
        textwrap.dedent(rule.fix).strip(),
    ]
    if rule.notes:
        parts += ["", "### Notes", textwrap.dedent(rule.notes).strip()]
    if rule.refs:
        parts += ["", "### Related rules in other tools", ", ".join(rule.refs)]
    return "\n".join(parts) + "\n"


def as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "slug": rule.slug,
        "title": rule.title,
        "family": rule.family,
        "severity": rule.severity.label,
        "default": rule.default,
        "nist": list(rule.nist),
        "target": rule.target.value,
        "kinds": sorted(rule.kinds) if rule.kinds else None,
        "summary": textwrap.dedent(rule.summary).strip(),
        "rationale": textwrap.dedent(rule.rationale).strip(),
        "fix": textwrap.dedent(rule.fix).strip(),
        "bad": textwrap.dedent(rule.bad).strip("\n"),
        "good": textwrap.dedent(rule.good).strip("\n"),
        "notes": textwrap.dedent(rule.notes).strip(),
        "refs": list(rule.refs),
    }


def table(rules: Sequence[Rule]) -> str:
    """`gitops-lint rules` as aligned text columns."""
    rows = [("ID", "SLUG", "SEVERITY", "DEFAULT", "SP 800-190", "TITLE")]
    for rule in rules:
        rows.append(
            (
                rule.id,
                rule.slug,
                rule.severity.label,
                "on" if rule.default else "off",
                ",".join(rule.nist) or "-",
                rule.title,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def markdown_table(rules: Sequence[Rule]) -> str:
    """The README's rule table."""
    lines = ["| ID | slug | severity | default | SP 800-190 | title |", "|---|---|---|---|---|---|"]
    for rule in rules:
        lines.append(
            f"| {rule.id} | `{rule.slug}` | {rule.severity.label} | {'on' if rule.default else 'off'} "
            f"| {', '.join(rule.nist) or '-'} | {rule.title} |"
        )
    return "\n".join(lines) + "\n"
