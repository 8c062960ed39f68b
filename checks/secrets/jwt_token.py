"""SEC022 jwt-token."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC022",
    slug="jwt-token",
    title="A JSON Web Token is committed.",
    severity=Severity.MEDIUM,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds JSON Web Tokens (`eyJ...`.`eyJ...`.signature, each part 10+ base64url characters) whose
        header and payload decode to JSON objects and whose header has an `alg`, in every text file
        and in base64-decoded Secret and ConfigMap values.
        """,
    rationale="""
        A JWT is a bearer credential: whoever holds it is its subject until it expires, and tokens
        committed to git (service-account tokens, API tokens) are often issued without expiry.
        """,
    fix="Revoke/expire the token and obtain tokens at runtime.",
    bad="""
        api:
          endpoint: https://api.internal.acme.io
          authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaS1ib3QifQ.q3Vd9XkT0pLm2Rb7sYc4NwZe8HfJa1Ug
        """,
    good="""
        api:
          endpoint: https://api.internal.acme.io
          tokenFile: /var/run/secrets/tokens/api-token
        """,
    example_path="config/client.yaml",
    notes="Strings that merely look like a JWT but do not decode (random `eyJ...` text) are ignored.",
    superseded_by=VALUE_RULES,
    refs=("gitleaks jwt", "CKV_SECRET_*"),
)
def jwt_token(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations("SEC022", source, ctx, "revoke or expire it and obtain tokens at runtime")
