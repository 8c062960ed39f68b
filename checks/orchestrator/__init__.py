"""ORC: orchestrator RBAC, tenancy, network exposure and cluster configuration (SP 800-190 4.3)."""

from checks.orchestrator.cluster_access import cluster_access
from checks.orchestrator.dangling_networkpolicy import dangling_networkpolicy
from checks.orchestrator.dashboard_tiller import dashboard_tiller
from checks.orchestrator.default_deny_ingress import default_deny_ingress
from checks.orchestrator.default_namespace import default_namespace
from checks.orchestrator.ingress_tls import ingress_tls
from checks.orchestrator.namespace_quota import namespace_quota
from checks.orchestrator.netpol_coverage import netpol_coverage
from checks.orchestrator.nginx_snippet import nginx_snippet
from checks.orchestrator.pod_security_admission import pod_security_admission
from checks.orchestrator.rbac_wildcard import rbac_wildcard
from checks.orchestrator.service_exposed import service_exposed
from checks.orchestrator.service_external_ips import service_external_ips
from checks.orchestrator.ssh_port import ssh_port
from checks.orchestrator.unrestricted_egress import unrestricted_egress

RULES = (
    rbac_wildcard,
    default_namespace,
    netpol_coverage,
    default_deny_ingress,
    unrestricted_egress,
    dangling_networkpolicy,
    service_exposed,
    service_external_ips,
    ingress_tls,
    nginx_snippet,
    ssh_port,
    pod_security_admission,
    namespace_quota,
    cluster_access,
    dashboard_tiller,
)
