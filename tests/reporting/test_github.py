"""GitHub workflow commands: escaping, the 10-per-level limit, inert logs and the job summary."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from linter.engine import RuleError
from linter.finding import Finding
from linter.location import Span
from linter.reporting import Report, github
from linter.severity import Severity
from tests.reporting.fixture import fixture_report

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    """What the runner does to a property or message (the toolkit's rules, in reverse)."""
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match is not None, line
    props = dict(part.split("=", 1) for part in match.group("props").split(","))
    return match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match.group("message"))


def finding(n: int, severity: Severity, path: str = "deploy/app.yaml", message: str = "m") -> Finding:
    return Finding("TST001", "flagged-line", severity, f"{message} {n}", Span(path, n, 1, n, 5), (), f"fp{n}")


def annotations(text: str) -> list[str]:
    return [line for line in text.splitlines() if COMMAND.match(line)]


def test_escaping_of_messages_and_properties() -> None:
    assert github.escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert github.escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert github.escape_data("%0A") == "%250A", "an encoded-looking text stays literal"


def test_annotations_round_trip_through_the_runners_unescaping(tmp_path: Path) -> None:
    report = fixture_report(tmp_path)
    parsed = [parse(line) for line in annotations(github.render(report))]
    by_message = {message: (level, props) for level, props, message in parsed}
    level, props = by_message["two\nlines and a carriage%0Areturn"]
    assert level == "error"
    assert props["file"] == "deploy/odd dir/100%, a:b.yaml"
    assert (props["line"], props["endLine"], props["col"], props["endColumn"]) == ("2", "2", "3", "48")
    assert props["title"] == "TST001 flagged-line (high)"
    assert {message for _, _, message in parsed} == {f.message for f in report.findings}


def test_multi_line_spans_have_no_columns(tmp_path: Path) -> None:
    report = fixture_report(tmp_path)
    report.findings = [dataclasses.replace(report.findings[0], span=Span("Dockerfile", 2, 3, 4, 7))]
    (_, props, _) = parse(annotations(github.render(report))[0])
    assert (props["line"], props["endLine"]) == ("2", "4") and "col" not in props and "endColumn" not in props


def test_ten_per_level_most_severe_first_then_one_notice_for_the_rest(tmp_path: Path) -> None:
    findings = (
        [finding(i, Severity.HIGH) for i in range(1, 13)]
        + [finding(i, Severity.CRITICAL) for i in range(13, 26)]
        + [finding(i, Severity.MEDIUM) for i in range(26, 29)]
        + [finding(i, Severity.LOW) for i in range(29, 44)]
    )
    report = Report("audit", tmp_path, "", findings, [])
    parsed = [parse(line) for line in annotations(github.render(report))]
    levels = [level for level, _, _ in parsed]
    assert levels.count("error") == 10 and levels.count("warning") == 3 and levels.count("notice") == 10
    errors = [message for level, _, message in parsed if level == "error"]
    assert errors == [f"m {i}" for i in range(13, 23)], "all ten errors are the critical ones"
    level, props, message = parsed[-1]
    assert level == "notice" and "file" not in props
    # 25 errors + 3 warnings + 15 notices, of which 10 + 3 + 9 are shown.
    assert message.startswith("21 more findings not annotated") and "log group" in message


def test_new_findings_are_annotated_before_older_ones(tmp_path: Path) -> None:
    findings = [finding(i, Severity.HIGH) for i in range(1, 16)]
    report = Report("check", tmp_path, "", findings, [], new=frozenset({"fp14", "fp15"}))
    parsed = [parse(line) for line in annotations(github.render(report))]
    assert [m for _, _, m in parsed[:2]] == ["m 14", "m 15"]
    assert parsed[0][1]["title"] == "TST001 flagged-line (high, new)"
    assert parsed[2][1]["title"] == "TST001 flagged-line (high)"


def test_log_lines_cannot_become_workflow_commands(tmp_path: Path) -> None:
    evil = finding(1, Severity.HIGH, path="::error::x.yaml", message="ok\n::add-mask::secret\r::set-env name=A::b")
    text = github.render(Report("audit", tmp_path, "", [evil], []))
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("::stop-commands::")))
    token = lines[start].removeprefix("::stop-commands::")
    end = lines.index(f"::{token}::")
    assert token not in "\n".join(lines[start + 1 : end])
    assert lines[start + 1 : end] == ["::error::x.yaml:1:1: TST001 high ok ::add-mask::secret ::set-env name=A::b 1"]
    (_, props, message) = parse(annotations(text)[0])
    assert props["file"] == "::error::x.yaml" and message == "ok\n::add-mask::secret\r::set-env name=A::b 1"


def test_step_summary_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step output\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = fixture_report(tmp_path / "repo")
    github.publish(report)
    text = summary.read_text()
    assert text.startswith("# earlier step output\n### gitops-lint: 6 findings")
    assert "| critical | TST001 flagged-line | deploy/odd dir/100%, a:b.yaml:1:3 |" in text


def test_overflow_notice_points_at_the_summary_when_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = Report("audit", tmp_path, "", [finding(i, Severity.HIGH) for i in range(1, 12)], [])
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    (_, _, message) = parse(annotations(github.render(report))[-1])
    assert message.startswith("1 more finding not annotated") and "See the job summary and the log group" in message


def test_step_summary_stays_within_one_mib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("x" * 100_000)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = [finding(i, Severity.MEDIUM, message="a long message " * 20) for i in range(1, 5001)]
    github.publish(Report("audit", tmp_path, "", findings, []))
    size = summary.stat().st_size
    assert 1024 * 1024 - 8 * 1024 < size <= 1024 * 1024
    tail = summary.read_text()[-400:]
    assert "more rows not shown: this summary is limited to" in tail


def test_no_summary_without_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    github.publish(fixture_report(tmp_path))
    assert list(tmp_path.glob("*.md")) == []


def test_internal_errors_take_one_error_annotation(tmp_path: Path) -> None:
    findings = [finding(i, Severity.HIGH) for i in range(1, 13)]
    report = Report("audit", tmp_path, "", findings, [], errors=[RuleError("TST001", "a.yaml", "boom", "")])
    parsed = [parse(line) for line in annotations(github.render(report))]
    assert parsed[0][0] == "error" and parsed[0][1] == {"title": "gitops-lint: internal error"}
    assert "did not complete" in parsed[0][2]
    assert [level for level, _, _ in parsed].count("error") == 10
    assert parsed[-1][2].startswith("3 more findings not annotated")
