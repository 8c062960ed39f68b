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
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".gitops-lint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value) and str(path) in str(caught.value)
