"""HOST: host OS exposure (SP 800-190 4.5)."""

from checks.host.host_aliases import host_aliases
from checks.host.host_ipc import host_ipc
from checks.host.host_network import host_network
from checks.host.host_pid import host_pid
from checks.host.host_port import host_port
from checks.host.hostpath_volume import hostpath_volume
from checks.host.node_takeover import node_takeover_pattern
from checks.host.runtime_socket import container_runtime_socket
from checks.host.sensitive_hostpath import sensitive_hostpath
from checks.host.unsafe_sysctl import unsafe_sysctl
from checks.host.volume_types import volume_type_not_allowed
from checks.host.writable_host_mount import writable_host_mount

RULES = (
    host_pid,
    host_ipc,
    host_network,
    host_port,
    hostpath_volume,
    sensitive_hostpath,
    container_runtime_socket,
    writable_host_mount,
    unsafe_sysctl,
    volume_type_not_allowed,
    host_aliases,
    node_takeover_pattern,
)
