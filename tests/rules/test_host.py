"""HOST rules."""

from __future__ import annotations

from typing import Any

from tests.conftest import where

POD = """
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: %s
  containers:
    - name: c
      image: x:1
      volumeMounts: [{name: logs, mountPath: /logs}]
  volumes:
    - name: logs
      hostPath:
        path: /var/log
    - name: scratch
      emptyDir: {}
"""


def test_host001_host_pid(lint: Any) -> None:
    assert where(lint({"p.yaml": POD % "true"}, "HOST001")) == [("HOST001", "p.yaml", 5, 3)]
    assert lint({"p.yaml": POD % "false"}, "HOST001") == []


def test_host005_pod_volume_and_persistent_volume(lint: Any) -> None:
    pv = """
apiVersion: v1
kind: PersistentVolume
metadata: {name: local}
spec:
  capacity: {storage: 1Gi}
  hostPath:
    path: /mnt/data
"""
    found = lint({"p.yaml": POD % "false", "pv.yaml": pv}, "HOST005")
    assert where(found) == [("HOST005", "p.yaml", 12, 7), ("HOST005", "pv.yaml", 6, 3)]
    assert "'/var/log'" in found[0].message


def test_host005_passes_without_host_paths(lint: Any) -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x:1}]\n"
    assert lint({"p.yaml": pod}, "HOST005") == []
