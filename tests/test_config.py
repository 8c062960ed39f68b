"""Configuration files: discovery, validation, errors that name file, key and allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import ConfigError, find_config, load_config
from linter.severity import Severity
from tests.conftest import write_tree


def test_yaml_config_is_found_upwards_and_validated(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".gitops-lint.yaml": "fail-on: high\nseverity: {CTR001: low}\nexclude: [a/**]\n", "sub/dir/x.yaml": "a: 1\n"},
    )
    path = find_config(tmp_path / "sub" / "dir")
    assert path == tmp_path / ".gitops-lint.yaml"
    config = load_config(path)
    assert config.fail_on is Severity.HIGH and config.severity == {"CTR001": Severity.LOW}
    assert config.origins["fail_on"] == str(path) and config.origins["ignore"] == "default"


def test_pyproject_table(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.gitops-lint]\nignore = ["CTR"]\n'})
    config = load_config(find_config(tmp_path))
    assert config.ignore == ["CTR"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n', "inner/pyproject.toml": "[tool.other]\n"})
    assert find_config(tmp_path / "inner") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("unknown_key: 1\n", "unknown key 'unknown_key'"),
        ("fail_on: severe\n", "key 'fail_on': unknown severity 'severe' (allowed: critical, high"),
        ("max_file_bytes: -3\n", "key 'max_file_bytes': expected a positive integer"),
        ("exclude: 3\n", "key 'exclude': expected a list of strings"),
        ("kubernetes_version: 1.30\n", "write the version as a string"),
        ("- a\n- b\n", "expected a mapping"),
        ("a: [\n", "not valid YAML"),
        ("profile: strict\n", "key 'profile': expected one of: baseline, restricted, all"),
        ("overrides: {paths: [a]}\n", "key 'overrides': expected a list of"),
        ("overrides: [{ignore: [CTR001]}]\n", "key 'overrides': entry 0: `paths` is required"),
        (
            "overrides: [{paths: [a], ignroe: [CTR001]}]\n",
            "entry 0: unknown key 'ignroe' (allowed: paths, ignore, severity)",
        ),
        ("overrides: [{paths: [a]}]\n", "entry 0: give `ignore` or `severity`"),
        (
            "overrides: [{paths: [a], severity: {CTR001: huge}}]\n",
            "entry 0: unknown severity 'huge' (allowed: critical",
        ),
        ("baseline: 3\n", "key 'baseline': expected a file path"),
        ("inline_suppressions: 'no'\n", "key 'inline_suppressions': expected true or false"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".gitops-lint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key", "name"),
    [
        ("ignore: [CTR001, CTR999]\n", "ignore", "CTR999"),
        ("severity: {privileged-containr: low}\n", "severity", "privileged-containr"),
        ("overrides: [{paths: [a], ignore: [NOPE]}]\n", "overrides entry 0 ignore", "NOPE"),
        ("overrides: [{paths: [a], severity: {XYZ001: low}}]\n", "overrides entry 0 severity", "XYZ001"),
    ],
)
def test_unknown_rule_names_name_file_key_and_allowed(tmp_path: Path, text: str, key: str, name: str) -> None:
    from linter.audit import enabled_rules

    path = tmp_path / ".gitops-lint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        enabled_rules(load_config(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: key {key!r}: unknown rule or family {name!r}")
    assert "allowed: rule IDs, slugs, family prefixes or ALL" in message


def test_config_errors_exit_2_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main

    write_tree(tmp_path, {".gitops-lint.yaml": "overrides: [{paths: [x], ignore: [CTR9]}]\n"})
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "overrides entry 0 ignore" in err and "'CTR9'" in err and len(err.splitlines()) == 1
    assert main(["config", "--show", str(tmp_path)]) == 2


def test_severity_map_takes_families_and_the_most_precise_key_wins(tmp_path: Path) -> None:
    from tests.conftest import findings

    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n"
    found = findings(tmp_path, {"p.yaml": pod}, "HOST001", severity={"HOST001": "low", "HOST": "critical"})
    assert [f.severity.label for f in found] == ["low"]


def test_profiles_choose_the_starting_rule_set(tmp_path: Path) -> None:
    from checks.profiles import PSS_BASELINE
    from linter.audit import enabled_rules
    from linter.config import Config

    def enabled(**settings: object) -> set[str]:
        config = Config()
        for key, value in settings.items():
            config.set(key, value, "test")
        return {rule.id for rule in enabled_rules(config)}

    default, baseline, restricted = enabled(), enabled(profile="baseline"), enabled(profile="restricted")
    assert {"HOST001", "CTR001", "HOST005"} <= baseline and not {"CTR002", "CTR003"} & baseline
    assert {"CTR002", "CTR003"} <= restricted and baseline < restricted
    assert {r for r in default if not r.startswith(("CTR", "HOST"))} == {
        r for r in restricted if not r.startswith(("CTR", "HOST"))
    }
    assert {r for r in baseline if r.startswith(("CTR", "HOST"))} <= PSS_BASELINE
    everything = enabled(profile="all")
    assert {"REPO009", "CI003"} <= everything and default < everything
    assert enabled(profile="baseline", extend_select=["CTR002"], ignore=["HOST005"]) == baseline - {"HOST005"} | {
        "CTR002"
    }
    assert enabled(profile="all", select=["HOST001"]) == {"HOST001"}  # select replaces the profile


def test_profiles_follow_the_catalogues_pss_references() -> None:
    """Every CTR/HOST rule the catalogue ties to a PSS level is in that profile; the only extras are
    the hostPath rules that report in HOST005's place."""
    import yaml

    from checks.profiles import PSS_BASELINE, PSS_RESTRICTED
    from tests.conftest import SHARED

    catalogue = SHARED / "spec" / "rules.yaml"
    if not catalogue.exists():
        pytest.skip("shared catalogue not available")
    entries = yaml.safe_load(catalogue.read_text())
    ids = {e["id"] for e in entries}
    cited = {level: set() for level in ("baseline", "restricted")}  # type: dict[str, set[str]]
    for entry in entries:
        for ref in entry.get("refs") or []:
            if ref.startswith("PSS baseline"):
                cited["baseline"].add(entry["id"])
            elif ref.startswith("PSS restricted"):
                cited["restricted"].add(entry["id"])
    assert ids >= PSS_RESTRICTED
    assert PSS_BASELINE - cited["baseline"] == {"HOST006", "HOST007"}
    assert cited["baseline"] <= PSS_BASELINE and cited["restricted"] <= PSS_RESTRICTED - PSS_BASELINE


def test_config_show_names_each_values_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from linter.cli import main

    path = tmp_path / ".gitops-lint.yaml"
    path.write_text("fail_on: high\nprofile: restricted\noverrides: [{paths: [dev/**], ignore: [CTR]}]\n")
    assert main(["config", "--show", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"# Effective configuration (file: {path})." in out
    assert f"fail_on: high  # {path}\n" in out and "exclude: []  # default\n" in out
    assert f"overrides: [{{paths: [dev/**], ignore: [CTR]}}]  # {path}\n" in out
    assert "# Rules enabled (" in out and "CTR002" in out
    assert main(["config", "--show", str(tmp_path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["settings"]["fail_on"] == {"value": "high", "origin": str(path)}
    assert document["settings"]["ignore"] == {"value": [], "origin": "default"}
    assert "CTR006" not in document["rules_enabled"]


def test_every_key_is_documented_in_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main
    from linter.config import Config
    from tests.conftest import PROJECT

    readme = (PROJECT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    keys: list[str] = Config.keys()
    missing = [key for key in keys if key not in section]
    assert missing == []
    assert main(["config", "--keys"]) == 0
    assert "overrides (overrides, default [])" in capsys.readouterr().out


def test_init_writes_a_valid_commented_starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main

    write_tree(
        tmp_path,
        {
            "Dockerfile": "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\n",
            "deploy/app.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n"
            "    - {name: a, image: ghcr.io/acme/a:1.0}\n    - {name: b, image: ghcr.io/acme/b:1.0}\n",
            "argocd/app.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\n"
            "metadata: {name: a, namespace: gitops}\nspec: {project: default}\n",
        },
    )
    assert main(["init", str(tmp_path)]) == 0
    text = (tmp_path / ".gitops-lint.yaml").read_text()
    assert "  - ghcr.io/acme  # 2 images\n" in text and "  - docker.io/library  # 1 image (Docker Hub)\n" in text
    assert "  - gcr.io/distroless  # 1 image\n" in text
    assert "argocd_namespace: gitops\n" in text and "flux_namespace" not in text
    assert "# profile: restricted\n" in text
    config = load_config(tmp_path / ".gitops-lint.yaml")
    assert config.trusted_registries == ["ghcr.io/acme", "docker.io/library", "gcr.io/distroless"]
    assert main(["init", str(tmp_path)]) == 2
    assert ".gitops-lint.yaml already holds a gitops-lint configuration" in capsys.readouterr().err
    assert main(["init", str(tmp_path), "--stdout"]) == 0
    assert capsys.readouterr().out == text


def test_init_does_not_shadow_a_pyproject_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main

    write_tree(tmp_path, {"pyproject.toml": "[tool.gitops-lint]\nfail_on = 'high'\n"})
    assert main(["init", str(tmp_path)]) == 2
    assert "pyproject.toml already holds a gitops-lint configuration" in capsys.readouterr().err
    assert not (tmp_path / ".gitops-lint.yaml").exists()
