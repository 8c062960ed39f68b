"""CTR: container runtime configuration (SP 800-190 4.4)."""

from checks.container.privilege_escalation import privilege_escalation_allowed
from checks.container.privileged import privileged_container
from checks.container.run_as_non_root import run_as_non_root_not_enforced

RULES = (
    privileged_container,
    privilege_escalation_allowed,
    run_as_non_root_not_enforced,
)
