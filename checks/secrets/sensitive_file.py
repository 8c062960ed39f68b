"""SEC015 sensitive-file-in-repo."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._files import credential_field, sensitive_kind
from checks.secrets._folding import detected_kinds
from checks.secrets._positions import whole_file
from checks.secrets._values import is_sops_text
from linter.context import Context
from linter.location import FixedSpan, Span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile

_FIX = "remove it from the repository and its history, rotate what it contains, and add it to .gitignore"


@Rule(
    id="SEC015",
    slug="sensitive-file-in-repo",
    title="A credential-bearing file type is tracked in the repository.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Reports tracked files whose path says they hold credentials: keystores (`*.p12`, `*.pfx`,
        `*.jks`, `*.keystore`), SSH private keys (`id_rsa*`, `id_ed25519*`... not `*.pub`),
        kubeconfigs, `.env` files (not `.env.example`/`.sample`/`.template`/`.dist`), Terraform state,
        `.aws/credentials`, `.git-credentials`, `.pgpass`, age keys (`*.agekey`); and `.npmrc`,
        `.pypirc`, `.netrc` when they hold a literal credential field (`_authToken`, `_auth`,
        `password`). SOPS-encrypted files and `secret_allowlist_paths` are exempt.
        """,
    rationale="""
        These files exist to hold secrets; once committed they are in every clone and in history,
        whatever later commits do.
        """,
    fix="Remove the file from the repository and history, rotate what it contains, and add it to .gitignore.",
    bad="""
        //npm.pkg.github.com/:_authToken=ghs_8c2Pq0aYtKdW3xLmV7nB4rZ9sE1fJ6uH5gTi
        @acme:registry=https://npm.pkg.github.com
        """,
    good="""
        //npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}
        @acme:registry=https://npm.pkg.github.com
        """,
    example_path=".npmrc",
    example_lang="ini",
    notes="""
        Committed Docker client configs with credentials are SEC002's. Token patterns inside a
        reported file are named in this finding instead of being reported again (SEC017-SEC023).
        """,
    superseded_by=("SEC002",),
)
def sensitive_file_in_repo(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    kind = sensitive_kind(source.path)
    if kind is None or is_allowlisted(source.path, ctx):
        return
    text = source.text
    if text is not None and is_sops_text(text):
        return
    if kind == "conditional":
        field = credential_field(text) if text is not None else None
        if field is None:
            return
        what = f"holds a literal {field}"
    else:
        what = "is a credential-bearing file type"
    detected = detected_kinds([("it", text)]) if text is not None else ""
    first = source.line_text(1)
    yield Violation(
        f"{source.path} {what}{detected}; {_FIX}",
        at=FixedSpan(Span(source.path, 1, 1, 1, len(first) + 1)),
        evidence=source.path,
        covers=(whole_file(source),),
    )
