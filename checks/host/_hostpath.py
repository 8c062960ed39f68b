"""hostPath volumes and the one classification of their paths that HOST005/006/007/008/012 share.

Paths are normalised before comparison: repeated `/` collapsed, `.` and `..` resolved, a trailing
`/` dropped. Windows paths (a drive letter, a UNC prefix or a backslash) are compared lower-cased,
with `\\` and `/` equivalent. Each hostPath volume is reported by exactly one of HOST007, HOST006 and
HOST005: the three rules mark their findings with the same `about`, and the engine keeps the most
specific one.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from linter.k8s import Resource
from linter.yamlnodes import YMap, YScalar

_DRIVE = re.compile(r"^[a-z]:")

# Directories whose content is the node's OS, credentials or the kubelet's and runtimes' state.
SENSITIVE_DIRS = (
    "/etc",
    "/proc",
    "/sys",
    "/boot",
    "/dev",
    "/lib",
    "/lib64",
    "/usr",
    "/bin",
    "/sbin",
    "/root",
    "/home",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/etcd",
)
RUNTIME_SOCKETS = frozenset(
    {"docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "dockershim.sock"}
)
RUNTIME_DIRS = (
    "/var/run/docker",
    "/run/docker",
    "/run/containerd",
    "/var/run/containerd",
    "/run/crio",
    "/var/run/crio",
)
RUNTIME_PIPES = frozenset({"//./pipe/docker_engine", "//./pipe/containerd-containerd"})


def _posix(path: str) -> str:
    """Collapse repeated `/`, resolve `.` and `..`, drop a trailing `/` (the root stays `/`)."""
    return posixpath.normpath(re.sub(r"/+", "/", path))


@dataclass(frozen=True, slots=True)
class HostPath:
    """A normalised host path."""

    path: str
    windows: bool

    @classmethod
    def parse(cls, text: str) -> HostPath:
        windows = "\\" in text or bool(_DRIVE.match(text.lower()))
        if not windows:
            return cls(_posix(text) if text else text, False)
        lowered = text.replace("\\", "/").lower()
        if lowered.startswith("//"):  # UNC (`\\server\share`, `\\.\pipe\name`): the server part is no directory
            server, _, rest = lowered[2:].partition("/")
            return cls(f"//{server}{_posix('/' + rest).rstrip('/')}", True)
        return cls(lowered[:2] + _posix("/" + lowered[2:]).rstrip("/"), True)

    def within(self, directory: str) -> bool:
        """Equal to or under ``directory``."""
        return self.path == directory or self.path.startswith(directory.rstrip("/") + "/")

    def is_runtime_socket(self) -> bool:
        if self.windows:
            return self.path in RUNTIME_PIPES or posixpath.basename(self.path) in RUNTIME_SOCKETS
        return (
            posixpath.basename(self.path) in RUNTIME_SOCKETS
            or self.path in ("/run", "/var/run")
            or any(self.within(directory) for directory in RUNTIME_DIRS)
        )

    def is_sensitive(self, extra: Iterable[str] = ()) -> bool:
        if self.windows:
            return self.path == "c:" or self.within("c:/windows")
        if self.path == "/":
            return True
        directories = (*SENSITIVE_DIRS, *(HostPath.parse(entry).path for entry in extra if entry))
        # A parent of a sensitive directory (`/var/lib`, `/var`) exposes it just the same.
        return any(self.within(d) or HostPath(d, False).within(self.path) for d in directories if d != "/")


@dataclass(slots=True)
class HostPathVolume:
    name: str  # volume name ("" for a PersistentVolume)
    node: YMap  # the `hostPath` mapping
    path_node: YScalar | None
    path: HostPath | None  # None when `path` is missing or not a string

    @property
    def about(self) -> str:
        """What HOST005/006/007 findings about this volume share (rule precedence)."""
        return f"hostPath:{self.node.src}:{self.node.line}:{self.node.col}"

    def shown(self) -> str:
        return self.path_node.text if self.path_node is not None else "?"

    def describe(self, resource: Resource) -> str:
        return f"volume {self.name!r}" if self.name else resource.describe()


def _volume(name: str, host_path: YMap) -> HostPathVolume:
    node = host_path.scalar("path")
    text = node.value if node is not None and isinstance(node.value, str) else None
    return HostPathVolume(name, host_path, node, HostPath.parse(text) if text else None)


def host_path_volumes(resource: Resource) -> list[HostPathVolume]:
    """The hostPath volumes of a workload's pod template, or of a PersistentVolume."""
    if resource.kind == "PersistentVolume" and resource.group == "":
        spec = resource.root.map("spec")
        host_path = spec.map("hostPath") if spec is not None else None
        return [_volume("", host_path)] if host_path is not None else []
    if resource.pod is None:
        return []
    found = []
    for volume in resource.pod.volumes():
        host_path = volume.map("hostPath")
        if host_path is not None:
            found.append(_volume(volume.text("name") or "", host_path))
    return found
