"""SCHEMA: Kubernetes schema validation (API schemas of the target version, the repository's CRDs)."""

from checks.schema.core_schema import core_schema_violation
from checks.schema.custom_resource import custom_resource_invalid
from checks.schema.missing_type import missing_apiversion_or_kind
from checks.schema.removed_api import removed_or_deprecated_api
from checks.schema.security_context_schema import security_context_schema_error

RULES = (
    missing_apiversion_or_kind,
    security_context_schema_error,
    core_schema_violation,
    removed_or_deprecated_api,
    custom_resource_invalid,
)
