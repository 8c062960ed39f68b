"""SEC018 gcp-credential."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC018",
    slug="gcp-credential",
    title="A Google Cloud service-account key or API key is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds Google Cloud service-account key files (a JSON object with `"type": "service_account"`
        and a `"private_key"` starting with `-----BEGIN`, critical) and Google API keys (`AIza` and 35
        characters, reported as high), in every text file and in base64-decoded Secret and ConfigMap
        values.
        """,
    rationale="""
        A service-account key acts as the service account, without expiry, from anywhere; an API key
        bills and authorises requests to the project's enabled APIs.
        """,
    fix="Delete and rotate the key; use workload identity federation.",
    bad="""
        {
          "type": "service_account",
          "project_id": "acme-prod",
          "private_key_id": "3f1c2b",
          "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B\\n-----END PRIVATE KEY-----\\n",
          "client_email": "deployer@acme-prod.iam.gserviceaccount.com"
        }
        """,
    good="""
        {
          "type": "external_account",
          "audience": "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/providers/github",
          "credential_source": {"file": "/var/run/secrets/tokens/gcp-ksa/token"}
        }
        """,
    example_path="deploy/gcp-key.json",
    example_lang="json",
    notes="""
        The private key of a service-account JSON is reported here, not again as SEC021. Severity is
        high for an API key (the catalogue's sub-case), critical for a service-account key.
        """,
    superseded_by=VALUE_RULES,
    refs=("gitleaks gcp-api-key", "CKV_SECRET_*"),
)
def gcp_credential(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations("SEC018", source, ctx, "delete and rotate the key, and use workload identity federation")
