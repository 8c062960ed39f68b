"""ORC: orchestrator RBAC, tenancy, network exposure and cluster configuration (SP 800-190 4.3)."""

from checks.orchestrator.dangling_networkpolicy import dangling_networkpolicy
from checks.orchestrator.default_deny_ingress import default_deny_ingress
from checks.orchestrator.default_namespace import default_namespace
from checks.orchestrator.netpol_coverage import netpol_coverage
from checks.orchestrator.pod_security_admission import pod_security_admission
from checks.orchestrator.rbac_wildcard import rbac_wildcard
from checks.orchestrator.unrestricted_egress import unrestricted_egress

RULES = (
    rbac_wildcard,
    default_namespace,
    netpol_coverage,
    default_deny_ingress,
    unrestricted_egress,
    dangling_networkpolicy,
    pod_security_admission,
)
