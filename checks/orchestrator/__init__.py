"""ORC: orchestrator RBAC, tenancy, network exposure and cluster configuration (SP 800-190 4.3)."""

from checks.orchestrator.cluster_admin_binding import cluster_admin_binding
from checks.orchestrator.default_service_account_used import default_service_account_used
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
from checks.orchestrator.system_group_binding import system_group_binding

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
    service_account_token_automount,
    default_service_account_used,
)
