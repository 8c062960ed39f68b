"""GIT009 risky-file-added."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.history.commits import Commit, FileChange
from linter.rule import Rule, Target, Violation
from linter.sensitive import opaque_reason, sensitive_reason
from linter.severity import Severity
from linter.sourcefile import decode


def _copied_by(path: str, dockerfiles: list[Dockerfile]) -> str | None:
    """The Dockerfile whose COPY/ADD takes ``path`` into an image (the build context is taken to be
    the Dockerfile's directory), or None."""
    for dockerfile in dockerfiles:
        context = posixpath.dirname(dockerfile.src)
        for instr in dockerfile.instructions:
            if instr.keyword not in ("COPY", "ADD") or "from" in instr.flags():
                continue
            for token in instr.operands()[:-1]:
                if "://" in token.text:
                    continue
                source = posixpath.normpath(posixpath.join(context, token.text.lstrip("/")))
                inside = source in (".", "") or path.startswith(source.rstrip("/") + "/")
                if source == path or inside or fnmatch.fnmatchcase(path, source):
                    return dockerfile.src
    return None


def _added(change: FileChange) -> bool:
    """Added, or renamed into a credential file's name."""
    if change.status == "A":
        return True
    return change.status == "R" and change.old_path is not None and sensitive_reason(change.old_path, None) is None


@Rule(
    id="GIT009",
    slug="risky-file-added",
    title="A commit adds a credential-bearing file type or an opaque binary.",
    severity=Severity.HIGH,
    nist=("4.1.4", "4.1.3"),
    target=Target.COMMIT,
    summary="""
        Reports each file that a commit of the pull request adds (or renames into its name) when it
        is a credential-bearing file type (keystores, private keys, kubeconfigs, `.env` files,
        Terraform state, cloud and git credentials; SOPS-encrypted files exempt), even if a later
        commit deletes it: it stays in history. Archives and executables (`.jar`, `.zip`, `.exe`,
        `.so`, ELF/PE/Mach-O content...) are reported as low, or as medium when a Dockerfile at head
        COPYs or ADDs them into an image.
        """,
    rationale="""
        A key or credential file in a commit is exposed to everyone who can clone the repository,
        for ever. Opaque binaries cannot be reviewed: what they contain reaches images unseen.
        """,
    fix="Remove the file from history; fetch binaries from verified sources at build time.",
    bad="""
        cp ~/client.p12 certs/client.p12 && git add certs/client.p12
        git commit -m "Add the client certificate"
        """,
    good="""
        cp ~/client.crt certs/client.crt && git add certs/client.crt
        git commit -m "Add the client certificate (public part)"
        """,
    example_lang="shell",
    notes="""
        A rename counts as an addition only when the old name was not already a credential file.
        The COPY/ADD match takes the Dockerfile's directory as the build context and follows
        directory and glob sources (`COPY . /app` covers everything below it).
        """,
    refs=("CIS Docker 4.11 (binaries, partial)",),
)
def risky_file_added(commit: Commit, ctx: Context) -> Iterator[Violation]:
    for change in commit.changes:
        if not _added(change):
            continue
        data = change.data()
        text = decode(data)[0] if data is not None else None
        reason = sensitive_reason(change.path, text)
        if reason is not None:
            yield Violation(
                f"{commit.describe()} adds {change.path}: {reason}; it stays in git history, so remove it from "
                "history and rotate what it contains",
                at=change.where(),
                evidence=f"sensitive:{change.path}",
            )
            continue
        opaque = opaque_reason(change.path, data)
        if opaque is None:
            continue
        copied_by = _copied_by(change.path, ctx.repo.dockerfiles)
        image = f", and {copied_by} copies it into an image" if copied_by else ""
        yield Violation(
            f"{commit.describe()} adds {change.path}, {opaque}{image}: its content cannot be reviewed; fetch it from "
            "a verified source at build time instead",
            at=change.where(),
            severity=Severity.MEDIUM if copied_by else Severity.LOW,
            evidence=f"opaque:{change.path}",
        )
