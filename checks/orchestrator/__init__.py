"""ORC: orchestrator RBAC, tenancy, network exposure and cluster configuration (SP 800-190 4.3)."""

from checks.orchestrator.cluster_access import cluster_access
from checks.orchestrator.cluster_admin_binding import cluster_admin_binding
from checks.orchestrator.dangling_networkpolicy import dangling_networkpolicy
from checks.orchestrator.dashboard_tiller import dashboard_tiller
from checks.orchestrator.default_deny_ingress import default_deny_ingress
from checks.orchestrator.default_namespace import default_namespace
from checks.orchestrator.default_service_account_used import default_service_account_used
from checks.orchestrator.ingress_tls import ingress_tls
from checks.orchestrator.namespace_quota import namespace_quota
from checks.orchestrator.netpol_coverage import netpol_coverage
from checks.orchestrator.nginx_snippet import nginx_snippet
from checks.orchestrator.pod_security_admission import pod_security_admission
from checks.orchestrator.rbac_admission_webhook_write import rbac_admission_webhook_write
from checks.orchestrator.rbac_credential_minting import rbac_credential_minting
from checks.orchestrator.rbac_escalation_verbs import rbac_escalation_verbs
from checks.orchestrator.rbac_exec_or_node_proxy import rbac_exec_or_node_proxy
from checks.orchestrator.rbac_log_event_deletion import rbac_log_event_deletion
from checks.orchestrator.rbac_network_control import rbac_network_control
from checks.orchestrator.rbac_secrets_access import rbac_secrets_access
from checks.orchestrator.rbac_sensitive_configmap_write import rbac_sensitive_configmap_write
from checks.orchestrator.rbac_wildcard import rbac_wildcard
from checks.orchestrator.rbac_workload_create import rbac_workload_create
from checks.orchestrator.service_account_token_automount import service_account_token_automount
from checks.orchestrator.service_exposed import service_exposed
from checks.orchestrator.service_external_ips import service_external_ips
from checks.orchestrator.ssh_port import ssh_port
from checks.orchestrator.system_group_binding import system_group_binding
from checks.orchestrator.unrestricted_egress import unrestricted_egress

RULES = (
    rbac_wildcard,
    cluster_admin_binding,
    system_group_binding,
    rbac_secrets_access,
    rbac_workload_create,
    rbac_exec_or_node_proxy,
    rbac_escalation_verbs,
    rbac_admission_webhook_write,
    rbac_credential_minting,
    rbac_log_event_deletion,
    rbac_network_control,
    rbac_sensitive_configmap_write,
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
    service_account_token_automount,
    default_service_account_used,
    pod_security_admission,
    namespace_quota,
    cluster_access,
    dashboard_tiller,
)
