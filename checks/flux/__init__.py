"""FLUX: Flux CD sources, reconcilers and image automation."""

from checks.flux.api_version import deprecated_api_version
from checks.flux.automation_branch import image_automation_pushes_to_tracked_branch
from checks.flux.automation_signing import image_automation_unsigned_commits
from checks.flux.chart_version import helmrelease_chart_version_floating
from checks.flux.controller_lockdown import controller_lockdown_weak
from checks.flux.cross_namespace import cross_namespace_source_ref
from checks.flux.image_policy import image_policy_tag_only
from checks.flux.insecure_source import source_insecure_transport
from checks.flux.oci_digest import ocirepository_not_digest_pinned
from checks.flux.oci_verify import oci_artifact_not_verified
from checks.flux.pass_credentials import helmrepository_pass_credentials
from checks.flux.post_build import post_build_substitution_hazard
from checks.flux.post_renderer import post_renderer_alters_security_fields
from checks.flux.safety_disabled import reconciliation_safety_disabled
from checks.flux.service_account import reconciler_without_service_account
from checks.flux.static_kubeconfig import static_kubeconfig_reference
from checks.flux.tracks_branch import gitrepository_tracks_branch
from checks.flux.verification_missing import gitrepository_verification_missing

RULES = (
    deprecated_api_version,
    source_insecure_transport,
    helmrepository_pass_credentials,
    gitrepository_tracks_branch,
    gitrepository_verification_missing,
    ocirepository_not_digest_pinned,
    oci_artifact_not_verified,
    helmrelease_chart_version_floating,
    reconciler_without_service_account,
    cross_namespace_source_ref,
    reconciliation_safety_disabled,
    post_renderer_alters_security_fields,
    post_build_substitution_hazard,
    static_kubeconfig_reference,
    controller_lockdown_weak,
    image_automation_pushes_to_tracked_branch,
    image_automation_unsigned_commits,
    image_policy_tag_only,
)
