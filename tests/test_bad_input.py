"""Hostile and broken input gives PARSE findings with locations, never a traceback, and never stops
the rest of the scan."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.dockerfile import parse_dockerfile
from linter.yamlload import parse_yaml
from tests.conftest import findings, where

# Owned by a ReplicaSet, so that only hostPID is wrong with it (a bare Pod would also be CTR020); in
# a namespace with a default-deny policy (else ORC013/ORC015).
GOOD_POD = (
    "apiVersion: v1\nkind: Pod\n"
    "metadata: {name: p, namespace: app, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: r, uid: u}]}\n"
    "spec:\n  hostPID: true\n  containers: []\n"
    "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\n"
    "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n"
)


def test_each_bad_file_gets_a_parse_finding_and_others_are_still_checked(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "broken.yaml": "a: [1, 2\nb: 3\n",
        "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "latin1.yaml": "name: caf\xe9\n".encode("latin-1"),
        "empty.yaml": "",
        "empty/Dockerfile": "",
        "dup.yaml": "a: 1\nb: 2\na: 3\n",
        "ok.yaml": GOOD_POD,
    }
    # Only the per-file verdicts matter here (GOOD_POD runs as the default ServiceAccount: ORC023/ORC024).
    found = findings(tmp_path, files, ignore=["REPO", "ORC023", "ORC024"])
    assert where(found) == [
        ("PARSE004", "binary.yaml", 3, 1),
        ("PARSE001", "broken.yaml", 2, 2),
        ("PARSE002", "dup.yaml", 3, 1),
        ("PARSE003", "empty/Dockerfile", 1, 1),
        ("PARSE004", "latin1.yaml", 1, 10),
        ("HOST001", "ok.yaml", 5, 3),
    ]


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    found = findings(tmp_path, {"big.yaml": "a: " + "x" * 2000 + "\n"}, max_file_bytes=1000)
    assert [(f.rule_id, f.span.line) for f in found] == [("PARSE004", 1)]


def test_alias_bomb_is_high(tmp_path: Path) -> None:
    text = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for prev, name in zip("abcdef", "bcdefg", strict=True):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    found = findings(tmp_path, {"bomb.yaml": text}, "PARSE004")
    assert [(f.severity.label, f.span.line) for f in found] == [("high", 1)]


def test_utf16_with_bom_is_transcoded(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + GOOD_POD.encode("utf-16-le")
    assert [f.rule_id for f in findings(tmp_path, {"u16.yaml": data}, ignore=["ORC023", "ORC024"])] == ["HOST001"]


def test_symlink_out_of_the_tree_is_reported_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(GOOD_POD)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "link.yaml").symlink_to(outside / "secret.yaml")
    (repo / "inner.yaml").symlink_to(repo / "real.yaml")
    (repo / "real.yaml").write_text(GOOD_POD)
    found = findings(repo, {}, ignore=["REPO", "ORC023", "ORC024"])  # the link and its target: one object
    assert [(f.rule_id, f.path) for f in found] == [
        ("HOST001", "inner.yaml"),
        ("PARSE004", "link.yaml"),
        ("HOST001", "real.yaml"),
    ]


def test_json_manifests_are_checked_and_other_json_ignored(lint: Any) -> None:
    pod = (
        '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "kube-system", "ownerReferences": '
        '[{"apiVersion": "batch/v1", "kind": "Job", "name": "j", "uid": "u1"}]},'
        ' "spec": {"hostPID": true, "containers": [], "serviceAccountName": "p",'
        ' "automountServiceAccountToken": false}}'
    )
    found = lint(
        {"pod.json": pod, "package.json": '{"name": "x", "version": "1"', "tsconfig.json": "{ bad"},
        system_workload_allowlist=["kube-system/p"],
    )
    # kube-system: no NetworkPolicy needed (netpol_exempt_namespaces); allowlisted for ORC013.
    assert [(f.rule_id, f.path) for f in found] == [("HOST001", "pod.json")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n\t ,?%@`=~01")), max_size=80))
def test_yaml_parser_never_raises(text: str) -> None:
    parse_yaml(text, "fuzz.yaml", alias_limit=50)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_dockerfile_parser_never_raises(text: str) -> None:
    parse_dockerfile(text, "Dockerfile")
