"""CTR rules: failing and passing cases, precedence, every workload shape."""

from __future__ import annotations

from typing import Any

from tests.conftest import where

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
{pod}
"""


def deployment(pod: str) -> str:
    body = "\n".join("      " + line if line else line for line in pod.strip("\n").splitlines())
    return DEPLOYMENT.format(pod=body)


def test_ctr001_privileged_in_init_container_points_at_the_key(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
initContainers:
  - name: setup
    image: busybox:1.36
    securityContext:
      privileged: true
containers:
  - name: app
    image: busybox:1.36
    securityContext:
      privileged: false
""")
    }
    found = lint(files, "CTR001")
    assert where(found) == [("CTR001", "d.yaml", 12, 13)]
    assert 'init container "setup"' in found[0].message


def test_ctr001_ephemeral_container_and_cronjob(lint: Any) -> None:
    files = {
        "c.yaml": """
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext: {privileged: true}
          containers:
            - name: job
              image: busybox:1.36
"""
    }
    found = lint(files, "CTR001")
    assert [(f.span.line, f.resource["kind"]) for f in found] == [(12, "CronJob")]  # type: ignore[index]


def test_ctr001_third_document_line(lint: Any) -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\nspec:\n  containers:\n    - name: c\n      image: x:1\n"
    bad = pod % 3 + "      securityContext:\n        privileged: true\n"
    files = {"multi.yaml": pod % 1 + "---\n" + pod % 2 + "---\n" + bad}
    found = lint(files, "CTR001")
    assert where(found) == [("CTR001", "multi.yaml", 25, 9)]
    assert found[0].resource == {"apiVersion": "v1", "kind": "Pod", "name": "p3"}


def test_ctr001_rollout_and_workload_ref(lint: Any) -> None:
    rollout = """
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers:
        - name: c
          image: x:1
          securityContext: {privileged: true}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ref}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: other}
"""
    assert [f.resource["name"] for f in lint({"r.yaml": rollout}, "CTR001")] == ["r"]  # type: ignore[index]


def test_ctr001_passes_without_privileged(lint: Any) -> None:
    assert lint({"d.yaml": deployment("containers:\n  - name: a\n    image: x:1\n")}, "CTR001") == []


def test_ctr002_absent_explicit_and_string(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
containers:
  - name: absent
    image: x:1
  - name: explicit
    image: x:1
    securityContext:
      allowPrivilegeEscalation: true
  - name: string
    image: x:1
    securityContext:
      allowPrivilegeEscalation: "false"
  - name: good
    image: x:1
    securityContext:
      allowPrivilegeEscalation: false
""")
    }
    found = lint(files, "CTR002")
    assert [(f.span.line, f.severity.label) for f in found] == [(9, "medium"), (14, "high"), (18, "medium")]


def test_ctr002_exemptions(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
containers:
  - name: priv
    image: x:1
    securityContext: {privileged: true}
  - name: sysadmin
    image: x:1
    securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}
""")
    }
    assert lint(files, "CTR002") == []
    windows = deployment("os: {name: windows}\ncontainers:\n  - name: w\n    image: x:1\n")
    assert lint({"w.yaml": windows}, "CTR002") == []


def test_ctr003_precedence_container_overrides_pod(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: true
containers:
  - name: inherits
    image: x:1
  - name: overrides
    image: x:1
    securityContext:
      runAsNonRoot: false
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.severity.label) for f in found] == [(16, "high")]
    assert "overrides" in found[0].message


def test_ctr003_pod_false_inherited_points_at_pod_key(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: false
containers:
  - name: a
    image: x:1
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.span.col, f.severity.label) for f in found] == [(9, 9, "high")]


def test_ctr003_pod_false_reported_even_when_all_containers_override(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: false
containers:
  - name: a
    image: x:1
    securityContext: {runAsNonRoot: true}
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.severity.label) for f in found] == [(9, "high")]
    assert "pod securityContext" in found[0].message


def test_ctr003_absent_points_at_container_name_and_run_as_user_is_not_enough(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsUser: 1000
containers:
  - name: a
    image: x:1
""")
    }
    assert where(lint(files, "CTR003")) == [("CTR003", "d.yaml", 11, 11)]


def test_ctr003_user_namespaces_exempt_from_1_35(lint: Any) -> None:
    files = {"d.yaml": deployment("hostUsers: false\ncontainers:\n  - name: a\n    image: x:1\n")}
    assert lint(files, "CTR003") == []
    assert len(lint(files, "CTR003", kubernetes_version="1.33")) == 1


def test_ctr003_passes_with_pod_level_true(lint: Any) -> None:
    files = {"d.yaml": deployment("securityContext: {runAsNonRoot: true}\ncontainers:\n  - name: a\n    image: x:1\n")}
    assert lint(files, "CTR003") == []
