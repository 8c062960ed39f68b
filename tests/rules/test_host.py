"""HOST rules."""

from __future__ import annotations

from typing import Any

import pytest

from checks.host._hostpath import HostPath
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


def pod(body: str) -> str:
    """A Pod whose spec is ``body`` (spec keys start at line 5, column 3)."""
    lines = "\n".join("  " + line if line else line for line in body.strip("\n").splitlines())
    return f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{lines}\n"


def rows(found: list[Any]) -> list[tuple[str, int, int, str]]:
    return [(f.rule_id, f.span.line, f.span.col, f.severity.label) for f in found]


def workload(kind: str, body: str) -> str:
    """``body`` as the pod spec of a Rollout (line 8, column 7) or a CronJob (line 10, column 11)."""
    if kind == "Rollout":
        head, indent = (
            "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n",
            6,
        )
    else:
        head = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@daily'\n"
        head += "  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        indent = 10
    return head + "\n".join(" " * indent + line for line in body.strip("\n").splitlines()) + "\n"


# --- HOST002 / HOST003 host namespaces ----------------------------------------------------------------


def test_host002_host_ipc_in_a_cronjob(lint: Any) -> None:
    body = "hostIPC: true\ncontainers: [{name: a, image: x:1}]"
    assert where(lint({"c.yaml": workload("CronJob", body)}, "HOST002")) == [("HOST002", "c.yaml", 10, 11)]
    assert lint({"c.yaml": workload("CronJob", body.replace("true", "false"))}, "HOST002") == []


def test_host003_host_network_in_a_rollout(lint: Any) -> None:
    body = "hostNetwork: true\ncontainers: [{name: a, image: x:1}]"
    found = lint({"r.yaml": workload("Rollout", body)}, "HOST003")
    assert where(found) == [("HOST003", "r.yaml", 7, 7)] and 'Rollout "r"' in found[0].message


def test_host002_host003_overlap_checkov_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_18 / CKV_K8S_19 (ShareHostIPC.py, SharedHostNetworkNamespace.py) fail a truthy
    # hostIPC / hostNetwork; kube-linter host-ipc / host-network likewise. Absent or false passes.
    both = "hostIPC: true\nhostNetwork: true\ncontainers: [{name: a, image: x:1}]"
    assert [f.rule_id for f in lint({"p.yaml": pod(both)}) if f.rule_id in ("HOST002", "HOST003")] == [
        "HOST002",
        "HOST003",
    ]
    neither = "hostIPC: false\ncontainers: [{name: a, image: x:1}]"
    assert [f for f in lint({"p.yaml": pod(neither)}) if f.rule_id in ("HOST002", "HOST003")] == []


def test_host001_overlap_checkov_ckv_k8s_17_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_17 (ShareHostPID.py) and kube-linter host-pid fail a truthy hostPID.
    assert len(lint({"c.yaml": workload("CronJob", "hostPID: true\ncontainers: []")}, "HOST001")) == 1


# --- HOST004 host-port --------------------------------------------------------------------------------

PORTS = """
containers:
  - name: web
    image: x:1
    ports:
      - containerPort: 8080
        hostPort: 8080
      - containerPort: 9090
        hostPort: 0
  - name: dns
    image: x:1
    ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]
"""


def test_host004_non_zero_host_ports(lint: Any) -> None:
    found = lint({"p.yaml": pod(PORTS)}, "HOST004")
    assert where(found) == [("HOST004", "p.yaml", 10, 11), ("HOST004", "p.yaml", 15, 35)]
    assert 'container "dns" binds host port 53' in found[1].message
    assert where(lint({"p.yaml": pod(PORTS)}, "HOST004", allowed_host_ports=[53])) == [("HOST004", "p.yaml", 10, 11)]


def test_host004_overlap_checkov_ckv_k8s_26(lint: Any) -> None:
    # Checkov CKV_K8S_26 (HostPort.py) fails any container with a `hostPort` key. Same verdict for
    # non-zero ports; hostPort: 0 (no host port, as Pod Security baseline reads it) deliberately passes.
    zero = "containers: [{name: a, image: x:1, ports: [{containerPort: 80, hostPort: 0}]}]"
    assert lint({"z.yaml": pod(zero)}, "HOST004") == []
    assert len(lint({"n.yaml": pod(zero.replace("hostPort: 0", "hostPort: 80"))}, "HOST004")) == 1


# --- HOST005 / HOST006 / HOST007 one classification of hostPath volumes ------------------------------

VOLUMES = """
containers: [{name: a, image: x:1}]
volumes:
  - name: docker
    hostPath: {path: /var/run/docker.sock, type: Socket}
  - name: etc
    hostPath: {path: /etc}
  - name: logs
    hostPath: {path: /var/log}
  - name: kubelet
    hostPath: {path: "//var/lib//kubelet/./pods/"}
  - name: var
    hostPath: {path: /var/lib/../}
  - name: run
    hostPath: {path: /run}
  - name: containerd
    hostPath: {path: /run/containerd/containerd.sock}
  - name: windows
    hostPath: {path: 'C:\\Windows\\System32'}
  - name: pipe
    hostPath: {path: '\\\\.\\pipe\\docker_engine'}
  - name: scratch
    emptyDir: {}
"""


def test_each_host_path_volume_is_reported_by_exactly_one_rule(lint: Any) -> None:
    found = [f for f in lint({"p.yaml": pod(VOLUMES)}) if f.rule_id in ("HOST005", "HOST006", "HOST007")]
    assert [(f.rule_id, f.span.line) for f in found] == [
        ("HOST007", 8),  # docker.sock
        ("HOST006", 10),  # /etc
        ("HOST005", 12),  # /var/log
        ("HOST006", 14),  # //var/lib//kubelet/./pods/
        ("HOST006", 16),  # /var/lib/../ is /var, a parent of /var/lib/kubelet
        ("HOST007", 18),  # /run
        ("HOST007", 20),  # containerd socket
        ("HOST006", 22),  # C:\Windows\System32
        ("HOST007", 24),  # \\.\pipe\docker_engine
    ]
    # HOST006/HOST007 point at the `path` key, HOST005 at `hostPath`
    assert [f.span.col for f in found][:3] == [18, 18, 7]


def test_a_disabled_specific_rule_does_not_silence_hostpath_volume(lint: Any) -> None:
    found = lint({"p.yaml": pod(VOLUMES)}, "HOST005")
    assert len(found) == 9  # every hostPath volume, when HOST006 and HOST007 do not run
    without_sockets = lint({"p.yaml": pod(VOLUMES)}, "HOST005", extend_select=["HOST006"])
    assert [(f.rule_id, f.span.line) for f in without_sockets if f.rule_id == "HOST005"] == [
        ("HOST005", 8),
        ("HOST005", 12),
        ("HOST005", 18),
        ("HOST005", 20),
        ("HOST005", 24),
    ]


def test_host006_config_paths_and_persistent_volumes(lint: Any) -> None:
    pv = """
apiVersion: v1
kind: PersistentVolume
metadata: {name: sock}
spec:
  hostPath:
    path: /var/run/docker.sock
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: data}
spec:
  hostPath:
    path: /srv/secrets/db
"""
    found = [f for f in lint({"pv.yaml": pv}, sensitive_host_paths=["/srv/secrets/"]) if f.rule_id.startswith("HOST")]
    assert [(f.rule_id, f.span.line, f.resource["name"]) for f in found] == [
        ("HOST007", 6, "sock"),
        ("HOST006", 13, "data"),
    ]
    assert [f.rule_id for f in lint({"pv.yaml": pv}) if f.rule_id.startswith("HOST")] == ["HOST007", "HOST005"]


def test_host006_overlap_kube_linter_sensitive_host_mounts(lint: Any) -> None:
    # kube-linter sensitive-host-mounts (host-mounts template, dirs ^/$ ^/boot$ ^/dev$ ^/etc$ ^/lib$
    # ^/proc$ ^/sys$ ^/usr$) reports such a volume when a container mounts it. Same verdict for /proc;
    # /opt/app is reported by neither (it is HOST005's).
    body = "containers: [{name: a, image: x:1, volumeMounts: [{name: v, mountPath: /h}]}]\nvolumes:\n"
    proc = pod(body + "  - {name: v, hostPath: {path: /proc}}")
    opt = pod(body + "  - {name: v, hostPath: {path: /opt/app}}")
    assert len(lint({"p.yaml": proc}, "HOST006")) == 1
    assert lint({"o.yaml": opt}, "HOST006") == []


def test_host007_overlap_checkov_ckv_k8s_27_and_kube_linter_docker_sock(lint: Any) -> None:
    # Checkov CKV_K8S_27 (DockerSocketVolume.py) fails a hostPath of exactly /var/run/docker.sock;
    # kube-linter docker-sock (host-mounts template, dirs docker.sock$) a mounted path ending in docker.sock.
    body = "containers: [{name: a, image: x:1, volumeMounts: [{name: d, mountPath: /var/run/docker.sock}]}]\n"
    sock = pod(body + "volumes: [{name: d, hostPath: {path: /var/run/docker.sock}}]")
    assert len(lint({"s.yaml": sock}, "HOST007")) == 1
    assert lint({"l.yaml": pod(body + "volumes: [{name: d, hostPath: {path: /var/log}}]")}, "HOST007") == []


# --- HOST008 writable-host-mount ----------------------------------------------------------------------

MOUNTS = """
containers:
  - name: a
    image: x:1
    volumeMounts:
      - name: logs
        mountPath: /var/log
      - name: data
        mountPath: /data
        readOnly: false
      - name: ro
        mountPath: /ro
        readOnly: true
      - name: scratch
        mountPath: /scratch
        mountPropagation: Bidirectional
volumes:
  - {name: logs, hostPath: {path: /var/log}}
  - {name: data, hostPath: {path: /srv/data}}
  - {name: ro, hostPath: {path: /srv/ro}}
  - {name: scratch, emptyDir: {}}
"""


def test_host008_writable_and_bidirectional_mounts(lint: Any) -> None:
    found = lint({"p.yaml": pod(MOUNTS)}, "HOST008")
    assert where(found) == [("HOST008", "p.yaml", 9, 11), ("HOST008", "p.yaml", 13, 11), ("HOST008", "p.yaml", 19, 11)]
    assert "'/var/log' (volume 'logs') writable" in found[0].message
    assert "Bidirectional" in found[2].message


def test_host008_overlap_kube_linter_writable_host_mount(lint: Any) -> None:
    # kube-linter writable-host-mount reports every container mount of a hostPath volume whose
    # readOnly is not true. Same verdicts.
    body = "containers: [{name: a, image: x:1, volumeMounts: [{name: h, mountPath: /h, readOnly: %s}]}]\n"
    body += "volumes: [{name: h, hostPath: {path: /srv}}]"
    assert len(lint({"w.yaml": pod(body % "false")}, "HOST008")) == 1
    assert lint({"r.yaml": pod(body % "true")}, "HOST008") == []


# --- HOST009 unsafe-sysctl ----------------------------------------------------------------------------

SYSCTLS = """
securityContext:
  sysctls:
    - {name: net.ipv4.tcp_syncookies, value: "1"}
    - {name: net.ipv4.tcp_keepalive_time, value: "600"}
    - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
    - {name: net/ipv4/tcp_syncookies, value: "1"}
    - {name: kernel.msgmax, value: "65536"}
containers: [{name: a, image: x:1}]
"""


def test_host009_version_gated_safe_set(lint: Any) -> None:
    newest = lint({"p.yaml": pod(SYSCTLS)}, "HOST009")
    assert where(newest) == [("HOST009", "p.yaml", 10, 10), ("HOST009", "p.yaml", 11, 10)]
    assert "'net/ipv4/tcp_syncookies'" in newest[0].message
    older = lint({"p.yaml": pod(SYSCTLS)}, "HOST009", kubernetes_version="1.28")
    assert [f.span.line for f in older] == [8, 9, 10, 11]
    assert "Kubernetes 1.28" in older[0].message


def test_host009_overlap_kube_linter_unsafe_sysctls(lint: Any) -> None:
    # kube-linter unsafe-sysctls flags names starting with kernel.msg, kernel.sem, kernel.shm,
    # fs.mqueue. or net.: both report kernel.sem; kube-linter also flags the safe net.ipv4.* set.
    sem = "securityContext: {sysctls: [{name: kernel.sem, value: '250 32000 100 128'}]}\ncontainers: []"
    assert len(lint({"s.yaml": pod(sem)}, "HOST009")) == 1


# --- HOST010 volume-type-not-allowed ------------------------------------------------------------------


def test_host010_volume_sources(lint: Any) -> None:
    body = """
containers: [{name: a, image: x:1}]
volumes:
  - name: shared
    nfs: {server: nfs.internal, path: /exports}
  - name: repo
    gitRepo: {repository: "https://example.com/repo.git"}
  - name: host
    hostPath: {path: /var/log}
  - name: ok
    projected: {sources: [{serviceAccountToken: {path: token}}]}
  - name: image
    image: {reference: "ghcr.io/acme/data:1.0"}
"""
    found = lint({"p.yaml": pod(body)}, "HOST010")
    assert rows(found) == [("HOST010", 8, 7, "medium"), ("HOST010", 10, 7, "high")]
    assert "nfs volume source" in found[0].message


# --- HOST011 host-aliases -----------------------------------------------------------------------------


def test_host011_host_aliases(lint: Any) -> None:
    body = "hostAliases:\n  - {ip: 10.0.0.1, hostnames: [db.internal]}\ncontainers: [{name: a, image: x:1}]"
    assert where(lint({"p.yaml": pod(body)}, "HOST011")) == [("HOST011", "p.yaml", 5, 3)]
    assert lint({"p.yaml": pod("hostAliases: []\ncontainers: [{name: a, image: x:1}]")}, "HOST011") == []


# --- HOST012 node-takeover-pattern --------------------------------------------------------------------


def test_host012_host_pid_with_privileged_container(lint: Any) -> None:
    body = """
hostPID: true
initContainers:
  - name: setup
    image: x:1
    securityContext: {privileged: true}
containers: [{name: a, image: x:1}]
"""
    found = lint({"p.yaml": pod(body)}, "HOST012")
    assert rows(found) == [("HOST012", 5, 3, "critical")] and 'init container "setup"' in found[0].message
    assert lint({"p.yaml": pod(body.replace("hostPID: true", "hostPID: false"))}, "HOST012") == []


def test_host012_nsenter_and_chroot(lint: Any) -> None:
    body = """
containers:
  - name: argv
    image: x:1
    command: ["sudo", "nsenter", "--target", "1", "--mount", "--", "bash"]
  - name: script
    image: x:1
    command: ["sh", "-c", "sleep 1; nsenter -t1 -m -u -i -n sh"]
  - name: chroot
    image: x:1
    command: ["chroot", "/host/"]
    volumeMounts: [{name: root, mountPath: /host}]
  - name: elsewhere
    image: x:1
    command: ["sh", "-c", "chroot /srv sh && nsenter --target 2 sh"]
    volumeMounts: [{name: root, mountPath: /host}]
volumes:
  - {name: root, hostPath: {path: //}}
"""
    found = lint({"p.yaml": pod(body)}, "HOST012")
    assert where(found) == [("HOST012", "p.yaml", 8, 25), ("HOST012", "p.yaml", 11, 29), ("HOST012", "p.yaml", 14, 17)]
    assert "nsenter" in found[1].message and "'/host/'" in found[2].message


@pytest.mark.parametrize(
    ("written", "normalised", "sensitive", "socket"),
    [
        ("/", "/", True, False),
        ("//", "/", True, False),
        ("/etc/", "/etc", True, False),
        ("/etc/../opt//app/.", "/opt/app", False, False),
        ("/var/lib", "/var/lib", True, False),  # a parent of /var/lib/kubelet
        ("/var/log", "/var/log", False, False),
        ("/usr-local", "/usr-local", False, False),  # a sibling of /usr, not under it
        ("/var/run", "/var/run", False, True),
        ("/var/run/containerd/", "/var/run/containerd", False, True),
        ("/srv/podman.sock", "/srv/podman.sock", False, True),
        ("C:\\", "c:", True, False),
        ("c:/WINDOWS//Temp/", "c:/windows/temp", True, False),
        ("C:\\Users\\app", "c:/users/app", False, False),
        ("\\\\.\\PIPE\\containerd-containerd", "//./pipe/containerd-containerd", False, True),
    ],
)
def test_host_path_classification(written: str, normalised: str, sensitive: bool, socket: bool) -> None:
    path = HostPath.parse(written)
    assert (path.path, path.is_sensitive(), path.is_runtime_socket()) == (normalised, sensitive, socket)


def test_a_suppressed_specific_rule_does_not_silence_hostpath_volume(lint: Any) -> None:
    body = """
containers: [{name: a, image: x:1}]
volumes:
  - name: docker
    hostPath:
      # gitops-lint: ignore=HOST007 reason="build agent, replaced by kaniko in Q3"
      path: /var/run/docker.sock
"""
    found = [f for f in lint({"p.yaml": pod(body)}) if f.rule_id in ("HOST005", "HOST006", "HOST007")]
    assert where(found) == [("HOST005", "p.yaml", 8, 7)]
