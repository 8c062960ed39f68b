"""GIT001 unsigned-commit."""

from __future__ import annotations

from collections.abc import Iterator

from checks.git._signatures import verdict
from linter.context import Context
from linter.history.commits import Commit
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="GIT001",
    slug="unsigned-commit",
    title="A commit in the pull request is unsigned or signed by an untrusted key.",
    severity=Severity.HIGH,
    nist=("4.4.5", "4.1.5", "4.3.1"),
    target=Target.COMMIT,
    summary="""
        With a signing policy configured (`commit_signing` with an SSH `allowed_signers` file and/or
        a directory of `gpg_keys`), reports each non-merge commit of the pull request that git does
        not verify as signed by one of those keys: unsigned commits, signatures by other keys,
        expired or revoked keys, and (as critical) bad signatures. git itself verifies, with the
        configured GPG keys in a temporary keyring and the configured allowed-signers file.
        Commits GitHub makes in its web UI pass only with `trust_github_web_flow: true`.
        """,
    rationale="""
        Whoever can push to a GitOps repository deploys to the cluster. Signatures tie each change
        to a key held by a known person, so a stolen token or a spoofed author name cannot slip a
        change in; Argo CD and Flux can enforce the same keys at deploy time.
        """,
    fix="Sign commits with an allow-listed GPG/SSH/gitsign identity and re-push.",
    bad="""
        sed -i 's/replicas: 2/replicas: 3/' apps/web/deployment.yaml
        git commit -am "Scale the web tier"    # not signed
        """,
    good="""
        sed -i 's/replicas: 2/replicas: 3/' apps/web/deployment.yaml
        git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 commit -S -am "Scale the web tier"
        """,
    example_lang="shell",
    example_config=(("commit_signing", {"allowed_signers": ".github/allowed_signers"}),),
    notes="""
        Configuration: the catalogue's `allowed_signers` and `trust_github_web_flow` live under one
        `commit_signing` key (`required`, `allowed_signers`, `gpg_keys`, `trust_github_web_flow`,
        `platform_committers`); the policy is on when keys are configured. Paths are relative to the
        configuration file. Import GitHub's public web-flow key into `gpg_keys` to accept its
        signatures. `%G?` = E with a key ID means, with a keyring holding only the configured
        keys, "signed by a key that is not configured": that is reported at the rule's severity,
        not as the catalogue's low "unverifiable", which is kept for signatures git cannot check at
        all (no key ID, e.g. no gpg installed).
        """,
    refs=("Argo CD sourceIntegrity / Flux spec.verify (deploy-time parity)",),
)
def unsigned_commit(commit: Commit, ctx: Context) -> Iterator[Violation]:
    if commit.is_merge:
        return
    found = verdict(commit, ctx.config.commit_signing)
    if found is not None:
        yield Violation(
            f"{commit.describe()} by {commit.author.describe()} {found.problem}; sign it with an allowed key "
            "(git commit -S) and re-push",
            severity=found.severity,
            evidence=found.evidence,
        )
