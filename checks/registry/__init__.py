"""REG: image references and registries (SP 800-190 4.2, 4.1.5)."""

from checks.registry.argocd_override import argocd_image_override_unpinned
from checks.registry.base_image_digest import base_image_not_digest_pinned
from checks.registry.base_image_latest import base_image_latest_tag
from checks.registry.base_image_registry import base_image_untrusted_registry
from checks.registry.deprecated_registry import deprecated_registry
from checks.registry.image_digest import image_not_digest_pinned
from checks.registry.image_latest import image_latest_tag
from checks.registry.image_registry import image_untrusted_registry
from checks.registry.kustomization_override import kustomization_unpinned_override
from checks.registry.registry_tls import registry_tls_disabled
from checks.registry.repo_built_by_tag import repo_built_image_deployed_by_tag
from checks.registry.stale_pull_policy import pull_policy_allows_stale_image

RULES = (
    base_image_latest_tag,
    base_image_not_digest_pinned,
    base_image_untrusted_registry,
    image_latest_tag,
    image_not_digest_pinned,
    image_untrusted_registry,
    deprecated_registry,
    pull_policy_allows_stale_image,
    kustomization_unpinned_override,
    argocd_image_override_unpinned,
    repo_built_image_deployed_by_tag,
    registry_tls_disabled,
)
