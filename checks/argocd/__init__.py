"""ARGO: Argo CD Applications, ApplicationSets, AppProjects and Argo CD configuration."""

from checks.argocd.chart_version_range import application_chart_version_range
from checks.argocd.cluster_resources import project_cluster_resources_too_broad
from checks.argocd.cluster_secret_tls import cluster_secret_tls_insecure
from checks.argocd.default_project import application_default_project
from checks.argocd.destination_wildcard import project_destination_wildcard
from checks.argocd.floating_revision import application_floating_revision
from checks.argocd.helm_pass_credentials import helm_pass_credentials
from checks.argocd.insecure_transport import insecure_repository_transport
from checks.argocd.invalid_spec import invalid_source_or_destination_spec
from checks.argocd.missingkey import applicationset_missingkey_not_error
from checks.argocd.namespaced_resources import project_namespaced_resources_unrestricted
from checks.argocd.project_roles import project_role_too_broad
from checks.argocd.project_scope import application_outside_project_scope
from checks.argocd.repository_allowlist import repository_not_allowlisted
from checks.argocd.server_access import server_access_too_broad
from checks.argocd.source_integrity import project_source_integrity_missing
from checks.argocd.source_repos_wildcard import project_source_repos_wildcard
from checks.argocd.sync_policy import sync_policy_hazard
from checks.argocd.templated_project import applicationset_templated_project
from checks.argocd.untrusted_generator import applicationset_untrusted_generator

RULES = (
    application_default_project,
    project_source_repos_wildcard,
    project_destination_wildcard,
    project_cluster_resources_too_broad,
    project_namespaced_resources_unrestricted,
    project_source_integrity_missing,
    project_role_too_broad,
    application_floating_revision,
    application_chart_version_range,
    insecure_repository_transport,
    helm_pass_credentials,
    repository_not_allowlisted,
    application_outside_project_scope,
    sync_policy_hazard,
    invalid_source_or_destination_spec,
    applicationset_templated_project,
    applicationset_missingkey_not_error,
    applicationset_untrusted_generator,
    cluster_secret_tls_insecure,
    server_access_too_broad,
)
