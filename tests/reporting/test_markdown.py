"""The Markdown summary: escaping of repository text, comparisons, and the size limit."""

from __future__ import annotations

from pathlib import Path

from linter.finding import Finding
from linter.location import Span
from linter.reporting import Report, markdown
from linter.severity import Severity
from tests.reporting.fixture import fixture_report


def test_escape_neutralises_markdown_html_and_mentions() -> None:
    assert markdown.escape("a|b") == "a\\|b"
    assert markdown.escape("<script>&") == "&lt;script&gt;&amp;"
    assert markdown.escape("*x* _y_ `z` [l](u) ~s~ \\") == "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\\\"
    assert markdown.escape("ping @acme/team") == "ping @<!-- -->acme/team"
    assert markdown.escape("one\ntwo\r\nthree\rfour") == "one<br>two<br>three<br>four"


def test_every_table_row_has_four_cells(tmp_path: Path) -> None:
    text = markdown.render(fixture_report(tmp_path))
    rows = text.split("#### Findings", 1)[1].strip().splitlines()[2:]
    assert len(rows) == 6
    for row in rows:
        assert row.replace("\\|", "").count("|") == 5, row


def test_comparison_shows_new_and_fixed(tmp_path: Path) -> None:
    plain = fixture_report(tmp_path)
    pod = next(f for f in plain.findings if f.rule_id == "TST002")
    gone = Finding("TST002", "pod-host-network", Severity.HIGH, 'Pod "old" sets hostNetwork: true', pod.span, (), "x")
    report = fixture_report(tmp_path, command="check", new=frozenset({pod.fingerprint}), fixed=[gone])
    text = markdown.render(report)
    assert "**1 new finding** in this change, 1 fixed." in text
    assert "| severity | findings | new |\n|---|--:|--:|\n| critical | 1 | 0 |\n| high | 2 | 1 |" in text
    findings = text.split("#### Findings", 1)[1]
    assert findings.split("\n")[4].startswith("| new high | TST002 pod-host-network | deploy/pod.yaml:7:3 |")
    assert (
        "#### Fixed by this change\n\n| severity | rule | message |\n|---|---|---|\n"
        '| high | TST002 pod-host-network | Pod "old"' in text
    )


def test_truncated_to_the_limit_with_a_note(tmp_path: Path) -> None:
    findings = [
        Finding("TST001", "flagged-line", Severity.LOW, "x" * 200, Span("a.yaml", i, 1, i, 2), (), str(i))
        for i in range(1, 1001)
    ]
    report = Report("audit", tmp_path, "", findings, [])
    text = markdown.summary(report, limit=20_000)
    assert len(text.encode()) <= 20_000
    shown = text.count("| low | TST001")
    assert 0 < shown < 1000
    assert f"_{1000 - shown} more rows not shown: this summary is limited to 19 KiB." in text
    assert "| low | 1000 |" in text, "the totals are never cut"


def test_comment_limit_by_default(tmp_path: Path) -> None:
    findings = [
        Finding("TST001", "flagged-line", Severity.LOW, "y" * 300, Span("a.yaml", i, 1, i, 2), (), str(i))
        for i in range(1, 1001)
    ]
    assert len(markdown.render(Report("audit", tmp_path, "", findings, [])).encode()) <= markdown.COMMENT_LIMIT


def test_no_findings(tmp_path: Path) -> None:
    text = markdown.render(Report("audit", tmp_path, "", [], []))
    assert text.startswith("### gitops-lint: no findings\n\nChecked 0 files")
    assert "#### Findings" not in text
