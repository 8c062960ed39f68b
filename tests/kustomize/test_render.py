"""The Kustomize renderer: the same objects as `kubectl kustomize`, and provenance for every field."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from linter.config import Config
from linter.discovery import discover
from linter.kustomize.build import Builder
from linter.kustomize.errors import RenderError
from linter.kustomize.roots import find_roots
from linter.repository import build_repository
from tests.conftest import SAMPLE_REPO, write_tree
from tests.kustomize.oracle import KUBECTL, differences

LAYOUTS = Path(__file__).parent / "layouts"
# Bases are rendered on their own too, so that both sides of every overlay are compared.
BASES = ["generators/base", "nested/mid", "smp/base", "jsonpatch/base", "components/base"]
needs_kubectl = pytest.mark.skipif(KUBECTL is None, reason="kubectl (the reference renderer) is not installed")


def roots_of(tree: Path) -> list[str]:
    repo = build_repository(discover(tree), Config())
    builder = Builder({f.path: f for f in repo.files})
    return find_roots(repo.files, repo.resources, builder)


def test_every_layout_feature_has_a_root() -> None:
    roots = roots_of(LAYOUTS)
    assert len(roots) == 10
    for layout in (
        "nested",
        "components",
        "namespaces",
        "renames",
        "labels",
        "images",
        "replicas",
        "smp",
        "jsonpatch",
        "generators",
    ):
        assert any(r == layout or r.startswith(layout + "/") for r in roots), layout


@needs_kubectl
@pytest.mark.parametrize(
    ("tree", "root"),
    [(SAMPLE_REPO, r) for r in roots_of(SAMPLE_REPO)] + [(LAYOUTS, r) for r in [*roots_of(LAYOUTS), *BASES]],
    ids=str,
)
def test_same_objects_as_kubectl(tree: Path, root: str) -> None:
    only_kubectl, only_ours = differences(tree, root)
    assert (only_kubectl, only_ours) == ([], [])


ERROR_TREES: dict[str, dict[str, str]] = {
    "missing-resource": {"kustomization.yaml": "resources:\n  - nope.yaml\n"},
    "file-outside-root": {
        "app/kustomization.yaml": "resources:\n  - ../pod.yaml\n",
        "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
    },
    "cycle": {"a/kustomization.yaml": "resources:\n  - ../b\n", "b/kustomization.yaml": "resources:\n  - ../a\n"},
    "duplicate-object": {
        "kustomization.yaml": "resources:\n  - a.yaml\n  - b.yaml\n",
        "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    },
    "patch-without-target-object": {
        "kustomization.yaml": "resources:\n  - a.yaml\npatches:\n  - path: p.yaml\n",
        "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        "p.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\ndata: {a: b}\n",
    },
    "replicas-without-object": {
        "kustomization.yaml": "resources:\n  - a.yaml\nreplicas:\n  - name: web\n    count: 2\n",
        "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    },
    "component-as-resource": {
        "kustomization.yaml": "resources:\n  - comp\n",
        "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
    },
    "generator-collision": {
        "kustomization.yaml": "resources:\n  - a.yaml\nconfigMapGenerator:\n  - name: x\n"
        "    literals: [a=b]\n    options: {disableNameSuffixHash: true}\n",
        "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    },
}


@pytest.mark.parametrize("name", sorted(ERROR_TREES))
def test_errors_like_kubectl(name: str, tmp_path: Path) -> None:
    write_tree(tmp_path, ERROR_TREES[name])
    repo = build_repository(discover(tmp_path), Config())
    builder = Builder({f.path: f for f in repo.files})
    directory = "app" if name == "file-outside-root" else "a" if name == "cycle" else ""
    with pytest.raises(RenderError):
        builder.build(directory)
    if KUBECTL is not None:
        proc = subprocess.run([KUBECTL, "kustomize", str(tmp_path / directory)], capture_output=True, check=False)
        assert proc.returncode != 0


OVERLAY_TREE = {
    "base/kustomization.yaml": """
        resources:
          - deploy.yaml
        """,
    "base/deploy.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
                  securityContext:
                    runAsNonRoot: true
                    allowPrivilegeEscalation: true
        """,
    "dev/kustomization.yaml": """
        namespace: dev
        resources:
          - ../base
        images:
          - name: ghcr.io/acme/api
            newTag: latest
        patches:
          - path: debug.yaml
          - target:
              kind: Deployment
            patch: |-
              - op: add
                path: /spec/template/spec/hostPID
                value: true
        """,
    "dev/debug.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  securityContext:
                    privileged: true
        """,
    "prod/kustomization.yaml": """
        namespace: prod
        resources:
          - ../base
        patches:
          - path: harden.yaml
        """,
    "prod/harden.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
                - name: api
                  securityContext:
                    allowPrivilegeEscalation: false
        """,
    "staging/kustomization.yaml": """
        namespace: staging
        resources:
          - ../base
        """,
}


def overlay_findings(lint: Any, rule: str) -> list[tuple[str, int, int, list[str]]]:
    return [(f.path, f.span.line, f.span.col, f.extra.get("roots", [])) for f in lint(OVERLAY_TREE, rule)]


def test_provenance_strategic_merge_patch(lint: Any) -> None:
    assert overlay_findings(lint, "CTR001") == [("dev/debug.yaml", 11, 13, ["dev/kustomization.yaml"])]


def test_provenance_json6902_inline_patch(lint: Any) -> None:
    # the `value: true` line of the inline patch, inside the kustomization
    assert overlay_findings(lint, "HOST001") == [("dev/kustomization.yaml", 14, 9, ["dev/kustomization.yaml"])]


def test_provenance_images_override(lint: Any) -> None:
    assert overlay_findings(lint, "REG004") == [("dev/kustomization.yaml", 6, 5, ["dev/kustomization.yaml"])]


def test_base_violation_once_with_the_roots_that_keep_it(lint: Any) -> None:
    # prod's patch fixes it; dev makes the container privileged (CTR002 then defers to CTR001).
    assert overlay_findings(lint, "CTR002") == [("base/deploy.yaml", 13, 13, ["staging/kustomization.yaml"])]


def test_provenance_namespace_transform(tmp_path: Path) -> None:
    write_tree(tmp_path, OVERLAY_TREE)
    repo = build_repository(discover(tmp_path), Config())
    dev = next(r for r in repo.resources if r.render_root == "dev/kustomization.yaml")
    namespace = dev.root.at("metadata.namespace")
    assert namespace is not None
    span = namespace.span()
    assert (dev.effective_namespace, span.path, span.line, span.col) == ("dev", "dev/kustomization.yaml", 1, 1)
    assert dev.root.at("spec.template.spec.containers[0].image").span().path == "dev/kustomization.yaml"  # type: ignore[union-attr]


def test_raw_files_of_rendered_roots_are_not_reported_twice(lint: Any) -> None:
    tree = dict(OVERLAY_TREE)
    found = lint(tree, "CTR003")
    assert found == []
    assert len(lint(tree, "CTR001")) == 1


def test_unsupported_feature_is_reported_and_raw_files_checked(lint: Any) -> None:
    tree = {
        "app/kustomization.yaml": """
            resources:
              - pod.yaml
            replacements:
              - source: {kind: ConfigMap, name: x}
                targets: []
            """,
        "app/pod.yaml": "apiVersion: v1\nkind: Pod\n"
        "metadata: {name: p, ownerReferences: [{apiVersion: batch/v1, kind: Job, name: j, uid: u1}]}\n"
        "spec:\n  hostPID: true\n  containers: []\n",
    }
    # The namespace and network rules (ORC) would report the unnamespaced pod too.
    found = [f for f in lint(tree) if not f.rule_id.startswith("ORC")]
    assert [(f.rule_id, f.path, f.span.line) for f in found] == [
        ("PARSE005", "app/kustomization.yaml", 3),
        ("HOST001", "app/pod.yaml", 5),
    ]
    assert "replacements" in found[0].message


def test_remote_base_is_not_fetched(lint: Any) -> None:
    tree = {"kustomization.yaml": "resources:\n  - https://github.com/example/repo//deploy?ref=v1.0.0\n"}
    found = lint(tree, "PARSE005")
    assert [(f.path, f.span.line, f.span.col) for f in found] == [("kustomization.yaml", 2, 5)]
    assert "not fetched" in found[0].message


def test_render_failure_is_parse006_at_the_entry(lint: Any) -> None:
    tree = {"kustomization.yaml": "resources:\n  - missing.yaml\n"}
    found = lint(tree, "PARSE006")
    assert [(f.path, f.span.line, f.span.col) for f in found] == [("kustomization.yaml", 2, 5)]


def test_missing_entry_is_reported_once_by_repo002(lint: Any) -> None:
    tree = {"kustomization.yaml": "resources:\n  - missing.yaml\n"}
    assert [f.rule_id for f in lint(tree)] == ["REPO002"]
    patched = {
        "kustomization.yaml": "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n",
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        "p.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n",
    }
    assert [(f.rule_id, f.span.line) for f in lint(patched)] == [("PARSE006", 3)]


def test_unreferenced_component_is_not_a_render_root(lint: Any) -> None:
    component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [hpa.yaml]\n"  # used by Flux
    hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
    assert lint({"components/scale/kustomization.yaml": component, "components/scale/hpa.yaml": hpa}, "PARSE006") == []
