"""ORC: orchestrator RBAC, tenancy, network exposure and cluster configuration (SP 800-190 4.3)."""

from checks.orchestrator.rbac_wildcard import rbac_wildcard

RULES = (rbac_wildcard,)
