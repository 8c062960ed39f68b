"""Baselines: write, then edit unrelated lines and move files without new findings; change a
violation and get exactly one. Fingerprints are checked on the whole sample repository."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from linter.audit import run_audit
from linter.cli import main
from linter.config import find_config, load_config
from tests.conftest import SAMPLE_REPO, write_tree

DOCKERFILE = """\
FROM node AS deps
RUN npm ci

FROM alpine:3.20
COPY --from=deps /app /app
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  securityContext: {runAsNonRoot: true}
  containers:
    - name: shell
      image: ghcr.io/acme/shell:1.0.0
      securityContext: {privileged: true}
"""
BROKEN = "a: 1\na: 2\n"  # PARSE002, a finding about the file itself
FILES = {"apps/web/Dockerfile": DOCKERFILE, "platform/debug.yaml": POD, "config/settings.yaml": BROKEN}
RULES = "IMG001,REG001,HOST001,CTR001,PARSE002"


def audit_json(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["audit", str(root), "--select", RULES, "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def rule_rows(document: dict[str, object]) -> list[tuple[str, str]]:
    findings, root = document["findings"], document["root"]
    assert isinstance(findings, list) and isinstance(root, str)
    return [(f["rule_id"], f["path"].removeprefix(root + "/")) for f in findings]


def test_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, baseline = tmp_path / "repo", tmp_path / "baseline.json"
    write_tree(root, FILES)
    assert main(["audit", str(root), "--select", RULES, "--write-baseline", str(baseline)]) == 0
    capsys.readouterr()
    written = json.loads(baseline.read_text())
    assert len(written["findings"]) == 5
    assert all("line" not in entry for entry in written["findings"])
    assert {"rule_id": "HOST001", "path": "platform/debug.yaml", "resource": "Pod/debug"}.items() <= next(
        e for e in written["findings"] if e["rule_id"] == "HOST001"
    ).items()

    code, document = audit_json(root, "--baseline", str(baseline), capsys=capsys)
    assert (code, document["findings"], document["baseline"]["known"]) == (0, [], 5)

    # Unrelated edits (comments, blank lines, a reordered key) and moving every file.
    shutil.rmtree(root)
    write_tree(
        root,
        {
            "services/web/Dockerfile": "# Web front end.\n\n"
            + DOCKERFILE.replace("RUN npm ci", "RUN npm ci \\\n  --quiet"),
            "clusters/dev/debug.yaml": "# Break-glass pod.\n---\n"
            + POD.replace("  name: debug\n", "  name: debug\n  labels: {team: sre}\n"),
            "settings.yaml": "# settings\n" + BROKEN,
        },
    )
    code, document = audit_json(root, "--baseline", str(baseline), capsys=capsys)
    assert (code, document["findings"], document["baseline"]) == (
        0,
        [],
        {"path": str(baseline), "known": 5, "stale": []},
    )

    # Changing an offending value: one new finding, and the old entry is stale.
    dockerfile = root / "services/web/Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("alpine:3.20", "alpine:3.21"))
    code, document = audit_json(root, "--baseline", str(baseline), capsys=capsys)
    assert code == 1 and rule_rows(document) == [("IMG001", "services/web/Dockerfile")]
    stale = document["baseline"]["stale"]
    assert [(e["rule_id"], e["path"].removeprefix(document["root"] + "/")) for e in stale] == [
        ("IMG001", "apps/web/Dockerfile")
    ]


def test_a_copy_of_a_baselined_file_reports_its_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, baseline = tmp_path / "repo", tmp_path / "baseline.json"
    write_tree(root, FILES)
    main(["audit", str(root), "--select", RULES, "--write-baseline", str(baseline)])
    write_tree(root, {"apps/api/Dockerfile": DOCKERFILE, "config/other.yaml": BROKEN})
    capsys.readouterr()
    code, document = audit_json(root, "--baseline", str(baseline), capsys=capsys)
    assert code == 1
    assert sorted(rule_rows(document)) == [
        ("IMG001", "apps/api/Dockerfile"),
        ("PARSE002", "config/other.yaml"),
        ("REG001", "apps/api/Dockerfile"),
    ]


def test_stale_entries_in_text_and_config_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {**FILES, ".gitops-lint.yaml": f"select: [{RULES}]\nbaseline: accepted.json\n"})
    elsewhere = tmp_path.parent / f"{tmp_path.name}-cwd"
    elsewhere.mkdir()
    # Written next to the configuration file, whatever the current directory.
    assert main(["audit", str(tmp_path), "--write-baseline"]) == 0
    assert (tmp_path / "accepted.json").is_file()
    (tmp_path / "platform/debug.yaml").write_text(POD.replace("  hostPID: true\n", ""))
    capsys.readouterr()
    assert main(["audit", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Found 0 findings" in out and "Not reported: 4 in the baseline." in out
    assert "accepted.json: 1 entry no longer occurs" in out
    assert "  HOST001 " in out and "platform/debug.yaml Pod/debug\n" in out


def test_partial_scans_do_not_call_unscanned_entries_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path.parent / f"{tmp_path.name}.json"
    write_tree(tmp_path, FILES)
    main(["audit", str(tmp_path), "--select", RULES, "--write-baseline", str(baseline)])
    capsys.readouterr()
    code = main(["audit", str(tmp_path / "platform/debug.yaml"), "--select", RULES, "--baseline", str(baseline)])
    assert code == 0 and "no longer occur" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{", "not a readable baseline file"),
        ('{"version": 9}', "not a gitops-lint baseline"),
        ('{"version": 1, "findings": [{"rule_id": "X"}]}', "findings[0] has no fingerprint"),
    ],
)
def test_bad_baseline_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    write_tree(tmp_path, FILES)
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content)
    assert main(["audit", str(tmp_path), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(baseline) in err


def fingerprints(root: Path) -> Counter[tuple[str, str]]:
    audit = run_audit(root, load_config(find_config(root)))
    assert audit.result.errors == []
    return Counter((f.fingerprint, f.relocatable) for f in audit.result.findings)


def test_sample_repo_fingerprints_survive_reformatting(tmp_path: Path) -> None:
    """Comments and blank lines added to every manifest and Dockerfile move every finding to
    another line; no fingerprint may change (no rule may put a position into its evidence)."""
    copy = tmp_path / "repo"
    shutil.copytree(SAMPLE_REPO, copy)
    before = fingerprints(copy)
    edited = 0
    for path in copy.rglob("*"):
        if not path.is_file() or "templates" in path.parts:
            continue
        if path.suffix in (".yaml", ".yml") or path.name == "Dockerfile":
            text = path.read_text()
            path.write_text("# Reviewed by the platform team.\n\n" + text.replace("\n---\n", "\n\n---\n\n") + "\n\n")
            edited += 1
    assert edited > 20
    after = fingerprints(copy)
    assert sum(before.values()) > 10 and after == before


def test_moving_a_directory_keeps_findings_that_name_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """PARSE005's evidence names the chart directory, not only the file: moving the chart keeps it."""
    chart = {"Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "templates/pod.yaml": "kind: Pod\n"}
    root, baseline = tmp_path / "repo", tmp_path / "baseline.json"
    write_tree(root, {f"charts/web/{name}": text for name, text in chart.items()})
    write_tree(root, {".gitops-lint.yaml": "helm_renderer: none\nselect: [PARSE005]\n"})
    assert main(["audit", str(root), "--write-baseline", str(baseline)]) == 0
    assert [e["rule_id"] for e in json.loads(baseline.read_text())["findings"]] == ["PARSE005"]
    shutil.move(root / "charts/web", root / "charts/storefront")
    capsys.readouterr()
    assert main(["audit", str(root), "--baseline", str(baseline)]) == 0
    assert "Not reported: 1 in the baseline." in capsys.readouterr().out


def test_no_baseline_from_an_incomplete_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses

    import checks
    from checks.host import host_pid

    def explode(pod: object, ctx: object) -> list[object]:
        raise RuntimeError("boom")

    broken = dataclasses.replace(host_pid, check=explode)
    monkeypatch.setattr(checks, "ALL_RULES", tuple(broken if r.id == "HOST001" else r for r in checks.ALL_RULES))
    write_tree(tmp_path / "repo", FILES)
    baseline = tmp_path / "baseline.json"
    assert main(["audit", str(tmp_path / "repo"), "--select", RULES, "--write-baseline", str(baseline)]) == 2
    assert not baseline.exists() and "baseline not written" in capsys.readouterr().err
