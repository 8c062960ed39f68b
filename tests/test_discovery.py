"""Which files are scanned and how they are classified."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from linter.discovery import classify, discover
from linter.globs import matches
from linter.sourcefile import FileKind
from tests.conftest import write_tree


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Dockerfile", FileKind.DOCKERFILE),
        ("app/Dockerfile.prod", FileKind.DOCKERFILE),
        ("app/api.Dockerfile", FileKind.DOCKERFILE),
        ("app/api.dockerfile", FileKind.DOCKERFILE),
        ("Containerfile", FileKind.DOCKERFILE),
        ("base/kustomization.yaml", FileKind.KUSTOMIZATION),
        ("base/Kustomization", FileKind.KUSTOMIZATION),
        ("charts/x/Chart.yaml", FileKind.HELM_CHART),
        ("charts/x/values.yaml", FileKind.HELM_VALUES),
        ("charts/x/values-prod.yaml", FileKind.HELM_VALUES),
        ("charts/x/templates/deploy.yaml", FileKind.HELM_TEMPLATE),
        ("charts/x/templates/_helpers.tpl", FileKind.HELM_TEMPLATE),
        ("charts/x/crds/crd.yaml", FileKind.YAML),
        ("charts/x/charts/sub/templates/a.yaml", FileKind.HELM_TEMPLATE),
        ("k8s/pod.yml", FileKind.YAML),
        ("k8s/pod.json", FileKind.JSON),
        ("README.md", FileKind.OTHER),
    ],
)
def test_classify(path: str, kind: FileKind) -> None:
    assert classify(path, {"charts/x", "charts/x/charts/sub"}) == kind


def test_git_work_tree_respects_gitignore(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".gitignore": "ignored/\n", "ignored/a.yaml": "a: 1\n", "tracked.yaml": "a: 1\n", "untracked.yaml": "a: 1\n"},
    )
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "tracked.yaml", ".gitignore"], check=True)
    paths = [f.path for f in discover(tmp_path).files]
    assert paths == [".gitignore", "tracked.yaml", "untracked.yaml"]


def test_plain_walk_skips_vendored_dirs_and_excludes(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "node_modules/x/a.yaml": "a: 1\n",
            ".git/config.yaml": "a: 1\n",
            "a.yaml": "a: 1\n",
            "clusters/dev/b.yaml": "a: 1\n",
            "clusters/prod/c.yaml": "a: 1\n",
        },
    )
    paths = [f.path for f in discover(tmp_path, exclude=["clusters/dev/**"]).files]
    assert paths == ["a.yaml", "clusters/prod/c.yaml"]


def test_a_lone_template_file_finds_its_chart(tmp_path: Path) -> None:
    write_tree(tmp_path, {"charts/c/Chart.yaml": "name: c\n", "charts/c/templates/d.yaml": "{{ x }}\n"})
    found = discover(tmp_path, [tmp_path / "charts/c/templates/d.yaml"])
    assert [(f.path, f.kind) for f in found.files] == [("charts/c/templates/d.yaml", FileKind.HELM_TEMPLATE)]


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("vendor/a.yaml", "vendor", True),
        ("x/vendor/a.yaml", "vendor", True),
        ("a.lock", "*.lock", True),
        ("clusters/dev/a.yaml", "clusters/dev/**", True),
        ("clusters/devx/a.yaml", "clusters/dev/**", False),
        ("clusters/dev/a.yaml", "clusters/dev/", True),
        ("other/clusters/dev/a.yaml", "clusters/dev/", False),
        ("a/b/c.yaml", "a/**/c.yaml", True),
        ("a/c.yaml", "a/**/c.yaml", True),
    ],
)
def test_globs(path: str, pattern: str, expected: bool) -> None:
    assert matches(path, pattern) is expected
