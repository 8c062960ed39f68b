"""IMG005 add-local-source."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._sources import is_remote, sources
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

ARCHIVES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst")


@Rule(
    id="IMG005",
    slug="add-local-source",
    title="ADD is used to copy plain local files instead of COPY.",
    severity=Severity.LOW,
    nist=("4.1.3",),
    target=Target.DOCKERFILE,
    summary="""
        Reports an ADD whose sources are all local paths (no http(s) or Git URL) and none of which
        is a local tar archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz2`, `.tar.xz`, `.txz`,
        `.tar.zst`), in any stage.
        """,
    rationale="""
        ADD also fetches URLs and unpacks archives, so a reviewer cannot tell from the line alone
        what ends up in the image, and a later change of the source (a file renamed to `.tar`)
        silently changes the result. COPY does only what it says.
        """,
    fix="Replace ADD with COPY.",
    bad="""
        FROM alpine:3.20
        ADD config/ /etc/app/
        """,
    good="""
        FROM alpine:3.20
        COPY config/ /etc/app/
        ADD rootfs.tar.gz /
        """,
    example_lang="dockerfile",
    notes="""
        Follows hadolint DL3020 and Trivy DS005: local archives are exempt because extraction is
        what ADD is for. Checkov CKV_DOCKER_4 flags every ADD; remote sources are IMG006's job.
        ADD with a heredoc source is local content and reported too.
        """,
    refs=("CKV_DOCKER_4", "DS005", "DL3020", "CIS Docker 4.9"),
)
def add_local_source(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            if instr.keyword != "ADD":
                continue
            found = sources(instr)
            if not found or any(is_remote(t.text) or t.text.lower().endswith(ARCHIVES) for t in found):
                continue
            yield Violation(
                f"ADD copies local files ({', '.join(t.text for t in found)}); use COPY",
                at=instr,
                evidence="ADD " + " ".join(t.text for t in found),
            )
