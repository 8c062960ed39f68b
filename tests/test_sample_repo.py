"""sample-repo/EXPECTED.md is the contract for the demo repository: the audit reports exactly it."""

from __future__ import annotations

import re
from collections import Counter

from linter.audit import run_audit
from linter.config import find_config, load_config
from linter.helm.renderers import find_renderer
from tests.conftest import SAMPLE_REPO

ROW = re.compile(r"^\|\s*([A-Z]+[0-9]{3})\s*\|\s*([^|:\s]+):(\d+)\s*\|\s*(\*\((?:with|without) Helm\)\*)?")


def expected(with_helm: bool) -> Counter[tuple[str, str, int]]:
    rows = Counter[tuple[str, str, int]]()
    for line in (SAMPLE_REPO / "EXPECTED.md").read_text().splitlines():
        match = ROW.match(line)
        if match is None:
            continue
        condition = match.group(4)
        if condition is not None and (condition == "*(with Helm)*") != with_helm:
            continue
        rows[(match.group(1), match.group(2), int(match.group(3)))] += 1
    return rows


def test_audit_matches_expected() -> None:
    config = load_config(find_config(SAMPLE_REPO))
    audit = run_audit(SAMPLE_REPO, config)
    assert audit.result.errors == []
    actual = Counter((f.rule_id, f.span.path, f.span.line) for f in audit.result.findings)
    want = expected(find_renderer(config.helm_renderer) is not None)
    assert sum(want.values()) > 0
    missing = sorted((want - actual).elements())
    unexpected = sorted((actual - want).elements())
    assert (missing, unexpected) == ([], [])
