"""SEC023 generic-credential."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC023",
    slug="generic-credential",
    title="A high-entropy secret or a URL with an embedded password is committed.",
    severity=Severity.MEDIUM,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds (a) assignments (`key: value`, `"key": "value"`, `KEY=value`, `key = "value"`) whose key
        is secret-like (SECRET_KEY: `password`, `api_key`, `clientSecret`... but not `passwordFile`,
        `secretName`, `tokenUrl`) and whose value is a literal of at least 16 characters with a
        Shannon entropy of at least 3.5 bits per character (3.0 for hex-only values); and (b) URLs
        `scheme://user:password@host` whose password is a literal (not `$VAR`, `${VAR}`, `{{ ... }}`).
        """,
    rationale="""
        Random-looking values under credential names are almost always real secrets, and a password
        in a connection URL travels with every copy of the file and every log line that prints it.
        """,
    fix="Move the value to a secret store or encrypted Secret and rotate it.",
    bad="""
        DATABASE_URL=postgres://orders:Xq7vRt2LmN9pZw4s@db.internal:5432/orders
        STRIPE_API_KEY=rk_live_51MzQ8xKpT3vW9yBnD4sLfGh2J
        """,
    good="""
        DATABASE_URL=postgres://orders:${DB_PASSWORD}@db.internal:5432/orders
        STRIPE_API_KEY_FILE=/run/secrets/stripe-api-key
        """,
    example_path="deploy/orders.conf",
    example_lang="text",
    notes="""
        Values that a more specific detector (SEC017-SEC022) or another SEC rule reports are not
        reported again. Short values and low-entropy words (`changeme-please-now`) are left to the
        key-based rules (SEC001, SEC007-SEC011), which do not need entropy.
        """,
    superseded_by=VALUE_RULES,
    refs=("gitleaks generic-api-key", "CKV_SECRET_*"),
)
def generic_credential(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations(
        "SEC023", source, ctx, "move the value to a secret store or encrypted Secret and rotate it"
    )
