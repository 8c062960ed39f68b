"""HOST: host OS exposure (SP 800-190 4.5)."""

from checks.host.host_pid import host_pid
from checks.host.hostpath_volume import hostpath_volume

RULES = (
    host_pid,
    hostpath_volume,
)
