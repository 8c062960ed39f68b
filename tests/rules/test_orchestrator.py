"""ORC rules."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where

ROLE = """
apiVersion: rbac.authorization.k8s.io/v1
kind: {kind}
metadata:
  name: {name}
rules:
{rules}
"""


def role(rules: str, kind: str = "ClusterRole", name: str = "r") -> str:
    return ROLE.format(kind=kind, name=name, rules=rules.strip("\n"))


def test_orc001_one_finding_per_entry_at_first_star(lint: Any) -> None:
    rules = """
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: ["*"]
    resources: ["pods"]
    verbs: ["get"]
"""
    found = lint({"r.yaml": role(rules)}, "ORC001")
    assert where(found) == [("ORC001", "r.yaml", 10, 17), ("ORC001", "r.yaml", 12, 17)]
    assert [f.severity for f in found] == [Severity.CRITICAL, Severity.HIGH]


def test_orc001_non_resource_urls_need_a_star_verb(lint: Any) -> None:
    get_only = '  - nonResourceURLs: ["*"]\n    verbs: ["get"]\n'
    assert lint({"r.yaml": role(get_only)}, "ORC001") == []
    assert len(lint({"r.yaml": role('  - nonResourceURLs: ["*"]\n    verbs: ["*"]\n')}, "ORC001")) == 1


def test_orc001_ignores_system_roles_and_other_api_groups(lint: Any) -> None:
    star = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n'
    assert lint({"r.yaml": role(star, name="system:controller:foo")}, "ORC001") == []
    not_rbac = role(star).replace("rbac.authorization.k8s.io/v1", "example.com/v1")
    assert lint({"r.yaml": not_rbac}, "ORC001") == []


def test_orc001_passes_with_explicit_lists(lint: Any) -> None:
    rules = '  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n'
    assert lint({"r.yaml": role(rules, kind="Role")}, "ORC001") == []
