"""File-local scans (``audit --file-local``, the per-file pre-commit hook): each file is judged on
its own; nothing that needs the rest of the repository runs or reports."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

from linter.audit import run_audit
from linter.config import Config
from linter.context import Context
from linter.k8s import Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from tests.conftest import write_tree
from tests.test_cli import run

POD = """
apiVersion: v1
kind: Pod
metadata: {name: %s}
spec:
  hostPID: true
  containers: [{name: c, image: ghcr.io/acme/c:1.0.0}]
"""
_META = {
    "title": "t",
    "severity": Severity.HIGH,
    "nist": ("4.4.3",),
    "summary": "s",
    "rationale": "r",
    "fix": "f",
    "bad": "b",
    "good": "g",
}


@Rule(id="TST010", slug="pod-alone", target=Target.OBJECT, kinds=frozenset({"Pod"}), **_META)
def pod_alone(resource: Resource, ctx: Context) -> Iterator[Violation]:
    yield Violation(f"{resource.describe()} judged alone")


@Rule(id="TST011", slug="pod-among-others", target=Target.OBJECT, kinds=frozenset({"Pod"}), **_META)
def pod_among_others(resource: Resource, ctx: Context) -> Iterator[Violation]:
    yield Violation(f"{resource.describe()} reported before the repository was read")
    others = [r for r in ctx.repo.resources if r is not resource]
    yield Violation(f"{resource.describe()} has {len(others)} neighbours")


@Rule(id="TST012", slug="whole-repo", target=Target.REPO, **_META)
def whole_repo(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for resource in repo.resources:
        yield Violation("seen by the repository rule", subject=resource)


RULES = [pod_alone, pod_among_others, whole_repo]


def test_checks_that_read_the_repository_report_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.yaml": POD % "a", "b.yaml": POD % "b"})
    full = run_audit(tmp_path, Config(), rules=RULES)
    assert sorted({f.rule_id for f in full.result.findings}) == ["TST010", "TST011", "TST012"]
    local = run_audit(tmp_path, Config(), [tmp_path / "a.yaml"], rules=RULES, file_local=True)
    assert [(f.rule_id, f.path) for f in local.result.findings] == [("TST010", "a.yaml")]
    assert local.result.incomplete == {"TST011", "TST012"}
    assert local.result.errors == []
    assert full.result.incomplete == set()


def test_kustomize_patches_are_recognised_from_the_kustomizations_above(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "app/base/pod.yaml": POD % "web",
            "app/base/kustomization.yaml": "resources: [pod.yaml]\n",
            "app/prod/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patches/pid.yaml\n",
            "app/prod/patches/pid.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {hostPID: true}\n",
        },
    )
    config = Config()
    config.select = ["HOST001", "CTR"]
    patch = run_audit(tmp_path, config, [tmp_path / "app/prod/patches/pid.yaml"], file_local=True)
    assert patch.result.findings == [], "a patch is a partial object, not a Pod"
    assert [f.path for f in patch.repo.files] == ["app/prod/patches/pid.yaml"], "kustomizations are only read"
    base = run_audit(tmp_path, config, [tmp_path / "app/base/pod.yaml"], file_local=True)
    assert ("HOST001", "app/base/pod.yaml", 5) in [(f.rule_id, f.path, f.span.line) for f in base.result.findings]


def test_nothing_is_rendered(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
            "chart/templates/pod.yaml": "{{ .Values.x }}\n",
            "kustomization.yaml": "resources: [missing.yaml]\n",
        },
    )
    full = run_audit(tmp_path, Config())
    # The whole-repository scan renders (or says why it could not) and finds the missing entry.
    assert full.result.findings
    local = run_audit(
        tmp_path,
        Config(),
        [tmp_path / "chart/Chart.yaml", tmp_path / "chart/templates/pod.yaml", tmp_path / "kustomization.yaml"],
        file_local=True,
    )
    assert local.result.findings == []


def test_cli_flag_and_compliance_summary(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.yaml": POD % "a", "b.yaml": POD % "b"})
    result = run("audit", "--file-local", "a.yaml", "--select", "HOST001", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("a.yaml:5:3: HOST001 high")
    assert "b.yaml" not in result.stdout
    # AWS001 is a repository-wide rule: it cannot judge a file alone, so it is not coverage.
    local = run("audit", "--file-local", "a.yaml", "--select", "HOST001,AWS001", "--format", "json", cwd=tmp_path)
    full = run("audit", ".", "--select", "HOST001,AWS001", "--format", "json", cwd=tmp_path)

    def coverage(result: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
        sections = json.loads(result.stdout)["summary"]["sections"]
        return {s["section"]: s["rules"] for s in sections if s["rules"]}

    without_aws = {section: [r for r in rules if r != "AWS001"] for section, rules in coverage(full).items()}
    assert coverage(local) == {section: rules for section, rules in without_aws.items() if rules}
    assert coverage(local) != coverage(full)
    assert json.loads(local.stdout)["summary"]["rules_enabled"] == ["AWS001", "HOST001"]


def test_files_given_alone_do_not_run_repository_wide_rules(tmp_path: Path) -> None:
    """CODEOWNERS exists but is not among the files given: REPO010 must not call it missing."""
    write_tree(tmp_path, {"Dockerfile": "FROM alpine:3.20\n", ".github/CODEOWNERS": "* @acme/platform\n"})
    assert run("audit", "Dockerfile", "--select", "REPO010", cwd=tmp_path).returncode == 0
    assert run("audit", ".", "--select", "REPO010", cwd=tmp_path).returncode == 0
    (tmp_path / ".github/CODEOWNERS").unlink()
    assert run("audit", ".", "--select", "REPO010", cwd=tmp_path).returncode == 1
