"""SEC019 git-forge-token."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import VALUE_RULES, detector_violations
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="SEC019",
    slug="git-forge-token",
    title="A GitHub or GitLab access token is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Finds GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` with 36 characters, fine-grained
        `github_pat_` with 82) and GitLab tokens (`glpat-`, `gldt-`, `glrt-` with 20 or more
        characters, `glptt-` with 40 hex digits), in every text file and in base64-decoded Secret and
        ConfigMap values.
        """,
    rationale="""
        A forge token can push to repositories, and in a GitOps repository a push is a deployment:
        the token holder controls what runs in the cluster.
        """,
    fix="Revoke the token; use short-lived tokens (GitHub App, OIDC) stored outside git.",
    bad="""
        [credential]
          helper = store
        [url "https://x-access-token:ghp_0ZvzOMhfWuBByReQMsm9Wcz7uW9XFOGOeMVN@github.com/"]
          insteadOf = https://github.com/
        """,
    good="""
        [credential]
          helper = cache --timeout=3600
        """,
    example_path="ci/gitconfig",
    example_lang="ini",
    superseded_by=VALUE_RULES,
    refs=("gitleaks github-pat", "gitleaks gitlab-pat"),
)
def git_forge_token(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return detector_violations(
        "SEC019", source, ctx, "revoke it and use short-lived tokens (GitHub App, OIDC) stored outside git"
    )
