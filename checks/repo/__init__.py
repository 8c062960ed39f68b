"""REPO: the cross-file repository graph."""

from checks.repo.codeowners import codeowners_missing_for_sensitive_paths
from checks.repo.dangling_reference import dangling_reference
from checks.repo.deprecated_field import kustomize_deprecated_field
from checks.repo.duplicate_across_units import duplicate_resource_across_units
from checks.repo.duplicate_in_unit import duplicate_resource_in_render_unit
from checks.repo.entry_missing import kustomization_entry_missing
from checks.repo.orphan_manifest import orphan_manifest
from checks.repo.path_missing import gitops_path_missing
from checks.repo.remote_resource import kustomize_remote_resource
from checks.repo.sops_decryption import sops_without_decryption

RULES = (
    gitops_path_missing,
    kustomization_entry_missing,
    kustomize_remote_resource,
    sops_without_decryption,
    kustomize_deprecated_field,
    dangling_reference,
    duplicate_resource_in_render_unit,
    duplicate_resource_across_units,
    orphan_manifest,
    codeowners_missing_for_sensitive_paths,
)
