"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps, CircleCI).

One test suite per enabled rule. A rule's findings become one failing test case per file it found
something in, the failure listing each finding; a rule that found nothing has one passing case, so
every rule that ran is visible. A rule that crashed has an erroring case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.finding import Finding
from linter.reporting import TOOL_NAME, Report
from linter.rule import Rule

# Characters XML 1.0 cannot carry at all (control characters, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _plural(n: int) -> str:
    return f"{n} finding{'s' if n != 1 else ''}"


def _line(report: Report, f: Finding) -> str:
    span = f.span
    return f"{report.repo_path(span.path)}:{span.line}:{span.col}: {f.rule_id} {f.severity.label} {f.message}"


def _suite(report: Report, rule_id: str, title: str, findings: list[Finding], errors: list[str]) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(title))
    classname = f"{TOOL_NAME}.{rule_id}"
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[report.repo_path(f.path)].append(f)
    for path, found in sorted(by_file.items()):
        case = ET.SubElement(suite, "testcase", classname=classname, name=_clean(path))
        worst = max(f.severity for f in found)
        failure = ET.SubElement(
            case, "failure", type=worst.label, message=_clean(f"{_plural(len(found))}: {found[0].message}")
        )
        failure.text = _clean("\n".join(_line(report, f) for f in found))
    for message in errors:
        case = ET.SubElement(suite, "testcase", classname=classname, name="internal error")
        ET.SubElement(case, "error", type="internal-error", message=_clean(message))
    if not by_file and not errors:
        ET.SubElement(suite, "testcase", classname=classname, name="all files")
    cases = len(suite)
    suite.set("tests", str(cases))
    suite.set("failures", str(len(by_file)))
    suite.set("errors", str(len(errors)))
    suite.set("skipped", "0")
    return suite


def document(report: Report) -> ET.Element:
    findings: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        findings[f.rule_id].append(f)
    errors: dict[str, list[str]] = defaultdict(list)
    for e in report.errors:
        errors[e.rule_id].append(f"{e.subject}: {e.message}")
    rules: dict[str, Rule | None] = {rule.id: rule for rule in report.rules}
    for rule_id in [*findings, *errors]:
        rules.setdefault(rule_id, None)
    root = ET.Element("testsuites", name=TOOL_NAME)
    for rule_id, rule in rules.items():
        title = f"{rule_id} {rule.slug}" if rule is not None else rule_id
        root.append(_suite(report, rule_id, title, findings.get(rule_id, []), errors.get(rule_id, [])))
    for attribute in ("tests", "failures", "errors"):
        root.set(attribute, str(sum(int(suite.get(attribute, "0")) for suite in root)))
    return root


def render(report: Report, *, color: bool = False) -> str:
    root = document(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
