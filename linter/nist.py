"""NIST SP 800-190 section 4 countermeasures and the per-section compliance summary.

Section numbers and titles follow the 2017 final text. A section's status is computed from the
rules that are enabled in this run and the findings they produced:

- ``findings``: some enabled rule mapped to the section reported something;
- ``clean``: the section has enabled rules and none of them reported anything;
- ``not-assessed``: no enabled rule covers the section in this run;
- ``not-applicable``: the countermeasure concerns host or hardware state that a repository cannot
  show, so no rule can ever cover it (never reported as passed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from linter.finding import Finding
from linter.rule import Rule
from linter.severity import Severity

SECTIONS: dict[str, str] = {
    "4.1.1": "Image vulnerabilities",
    "4.1.2": "Image configuration defects",
    "4.1.3": "Embedded malware",
    "4.1.4": "Embedded clear text secrets",
    "4.1.5": "Use of untrusted images",
    "4.2.1": "Insecure connections to registries",
    "4.2.2": "Stale images in registries",
    "4.2.3": "Insufficient authentication and authorization restrictions",
    "4.3.1": "Unbounded administrative access",
    "4.3.2": "Unauthorized access",
    "4.3.3": "Poorly separated inter-container network traffic",
    "4.3.4": "Mixing of workload sensitivity levels",
    "4.3.5": "Orchestrator node trust",
    "4.4.1": "Vulnerabilities within the runtime software",
    "4.4.2": "Unbounded network access from containers",
    "4.4.3": "Insecure container runtime configurations",
    "4.4.4": "App vulnerabilities",
    "4.4.5": "Rogue containers",
    "4.5.1": "Large attack surface",
    "4.5.2": "Shared kernel",
    "4.5.3": "Host OS component vulnerabilities",
    "4.5.4": "Improper user access rights",
    "4.5.5": "Host OS file system tampering",
    "4.6": "Hardware countermeasures",
}

# Countermeasures about host or hardware state: nothing in a repository can show them.
OUT_OF_REACH: dict[str, str] = {
    "4.5.1": "host OS choice and hardening are node state, not repository content",
    "4.5.3": "host component versions and patch levels are not in the repository",
    "4.6": "hardware roots of trust cannot be verified from a repository",
}


@dataclass(slots=True)
class SectionStatus:
    section: str
    title: str
    status: str
    rules: list[str] = field(default_factory=list)
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    note: str = ""


def compliance(findings: Iterable[Finding], enabled: Sequence[Rule]) -> list[SectionStatus]:
    per_section: dict[str, Counter[Severity]] = {s: Counter() for s in SECTIONS}
    for finding in findings:
        for section in finding.nist:
            if section in per_section:
                per_section[section][finding.severity] += 1
    rules_for: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for rule in enabled:
        for section in rule.nist:
            if section in rules_for:
                rules_for[section].append(rule.id)
    out: list[SectionStatus] = []
    for section, title in SECTIONS.items():
        counts = per_section[section]
        total = sum(counts.values())
        if section in OUT_OF_REACH:
            status, note = "not-applicable", OUT_OF_REACH[section]
        elif total:
            status, note = "findings", ""
        elif rules_for[section]:
            status, note = "clean", ""
        else:
            status, note = "not-assessed", "no enabled rule covers this section"
        out.append(
            SectionStatus(
                section,
                title,
                status,
                sorted(rules_for[section]),
                total,
                {s.label: counts[s] for s in sorted(counts, reverse=True)},
                note,
            )
        )
    return out
