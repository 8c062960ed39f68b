"""The command line as users run it: commands, formats, exit codes, the JSON contract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from linter.cli import main
from tests.conftest import PROJECT, write_tree

SCHEMA = json.loads((PROJECT / "linter" / "schemas" / "findings-v1.schema.json").read_text())
CLEAN_POD = """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: app}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  serviceAccountName: p
  automountServiceAccountToken: false
  containers:
    - name: c
      image: ghcr.io/acme/c:1.0.0
      resources: {limits: {memory: 128Mi}}
      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
"""


def run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_audit_sample_repo_text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    assert main(["audit", "sample-repo"]) == 1
    out = capsys.readouterr().out
    assert "sample-repo/platform/monitoring/node-debugger.yaml:23:13: CTR001 critical container" in out
    assert "NIST SP 800-190 countermeasures:" in out and "4.5.5 Host OS file system tampering" in out


def test_console_script_and_module_agree(tmp_path: Path) -> None:
    module = run("audit", "sample-repo", "--format", "json")
    assert module.returncode == 1, module.stderr
    script = Path(sys.executable).with_name("gitops-lint")
    if script.exists():
        direct = subprocess.run(
            [str(script), "audit", "sample-repo", "--format", "json"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert direct.returncode == 1 and json.loads(direct.stdout) == json.loads(module.stdout)


def test_json_output_validates_against_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "findings.json"
    result = run("audit", "sample-repo", "--format", "json", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    document = json.loads(out.read_text())
    jsonschema.validate(document, SCHEMA)
    assert document["summary"]["total"] == len(document["findings"]) > 0
    paths = [f["path"] for f in document["findings"]]
    assert all(p.startswith("sample-repo/") for p in paths)
    assert document["findings"] == sorted(
        document["findings"], key=lambda f: (f["path"], f["line"], f["column"], f["rule_id"], f["message"])
    )


def test_exit_codes(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pod.yaml": CLEAN_POD})
    assert run("audit", str(tmp_path)).returncode == 0
    write_tree(
        tmp_path,
        {"bad.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {hostPID: true, containers: []}\n"},
    )
    assert run("audit", str(tmp_path)).returncode == 1
    assert run("audit", str(tmp_path), "--fail-on", "critical").returncode == 0
    assert run("audit", str(tmp_path), "--exit-zero").returncode == 0
    assert run("audit", str(tmp_path), "--ignore", "HOST001,CTR,ORC").returncode == 0
    usage = run("audit", str(tmp_path), "--fail-on", "bogus")
    assert usage.returncode == 2 and usage.stderr.startswith("gitops-lint: error: --fail-on")
    assert "Traceback" not in usage.stderr
    assert run("audit", str(tmp_path / "missing")).returncode == 2
    assert run("audit", str(tmp_path), "--select", "NOPE999").returncode == 2
    assert run("frobnicate").returncode == 2


def test_config_error_exits_2_with_one_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {".gitops-lint.yaml": "trusted_registris: [ghcr.io]\n", "pod.yaml": CLEAN_POD})
    result = run("audit", str(tmp_path))
    assert result.returncode == 2
    assert "unknown key 'trusted_registris'" in result.stderr and len(result.stderr.splitlines()) == 1


def test_select_by_slug_family_and_off_rules(tmp_path: Path) -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  hostPID: true\n  containers:\n"
    write_tree(
        tmp_path,
        {"bad.yaml": pod + "    - {name: c, image: x:1, securityContext: {allowPrivilegeEscalation: false}}\n"},
    )
    only = run("audit", str(tmp_path), "--select", "host-pid", "--format", "json")
    assert {f["rule_id"] for f in json.loads(only.stdout)["findings"]} == {"HOST001"}
    family = run("audit", str(tmp_path), "--select", "CTR", "--format", "json")
    assert {f["rule_id"] for f in json.loads(family.stdout)["findings"]} >= {"CTR003", "CTR007"}
    assert {f["rule_id"][:3] for f in json.loads(family.stdout)["findings"]} == {"CTR"}


def test_files_as_arguments_like_pre_commit(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostPID: true}\n",
            "b.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {hostPID: true}\n",
        },
    )
    result = run("audit", "b.yaml", "--select", "HOST001", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("b.yaml:4:")
    assert "a.yaml" not in result.stdout


def test_rules_and_explain() -> None:
    listing = run("rules")
    assert listing.returncode == 0 and re.search(r"CTR001 +privileged-container", listing.stdout)
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert {"CTR001", "PARSE001"} <= {r["id"] for r in as_json}
    by_id, by_slug = run("explain", "CTR001"), run("explain", "privileged-container")
    assert by_id.returncode == 0 and by_id.stdout == by_slug.stdout
    for heading in ("Why is this bad?", "Example", "Use instead", "Fix", "SP 800-190: 4.4.3"):
        assert heading in by_id.stdout
    assert run("explain", "NOPE001").returncode == 2


def test_color_only_on_request_of_a_tty() -> None:
    piped = run("audit", "sample-repo")
    assert "\x1b[" not in piped.stdout


def test_internal_error_in_a_rule_is_reported_and_scan_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses

    import checks
    from checks.host import host_pid

    def explode(pod: object, ctx: object) -> list[object]:
        raise RuntimeError("boom")

    broken = dataclasses.replace(host_pid, check=explode)
    monkeypatch.setattr(checks, "ALL_RULES", tuple(broken if r.id == "HOST001" else r for r in checks.ALL_RULES))
    write_tree(
        tmp_path,
        {
            "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n"
            "  containers: [{name: c, image: x:1, securityContext: {privileged: true}}]\n"
        },
    )
    assert main(["audit", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "CTR001" in captured.out and "internal error in rule HOST001" in captured.err
