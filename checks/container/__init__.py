"""CTR: container runtime configuration (SP 800-190 4.4)."""

from checks.container.apparmor import apparmor_unconfined
from checks.container.capabilities_not_dropped import capabilities_not_dropped
from checks.container.capability_added import capability_added_beyond_net_bind_service
from checks.container.cpu_and_requests import cpu_limit_or_requests_missing
from checks.container.dangerous_capability import dangerous_capability_added
from checks.container.deprecated_service_account import deprecated_service_account_field
from checks.container.host_process import windows_host_process
from checks.container.low_uid_gid import low_uid_or_gid
from checks.container.memory_limit import memory_limit_missing
from checks.container.naked_pod import naked_pod
from checks.container.net_raw import net_raw_not_dropped
from checks.container.privilege_escalation import privilege_escalation_allowed
from checks.container.privileged import privileged_container
from checks.container.privileged_port import privileged_port_binding
from checks.container.probe_host import probe_or_lifecycle_host_set
from checks.container.probes_missing import probes_missing
from checks.container.proc_mount import proc_mount_unmasked
from checks.container.root_uid_gid import runs_as_root_uid_or_gid
from checks.container.run_as_non_root import run_as_non_root_not_enforced
from checks.container.seccomp import seccomp_not_runtime_default
from checks.container.selinux import selinux_custom_options
from checks.container.sudo_command import sudo_in_container_command
from checks.container.writable_root_fs import root_filesystem_writable

RULES = (
    privileged_container,
    privilege_escalation_allowed,
    run_as_non_root_not_enforced,
    runs_as_root_uid_or_gid,
    low_uid_or_gid,
    root_filesystem_writable,
    capabilities_not_dropped,
    capability_added_beyond_net_bind_service,
    dangerous_capability_added,
    net_raw_not_dropped,
    seccomp_not_runtime_default,
    apparmor_unconfined,
    selinux_custom_options,
    proc_mount_unmasked,
    windows_host_process,
    probe_or_lifecycle_host_set,
    memory_limit_missing,
    cpu_limit_or_requests_missing,
    probes_missing,
    naked_pod,
    sudo_in_container_command,
    deprecated_service_account_field,
    privileged_port_binding,
)
