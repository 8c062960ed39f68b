"""IMG019 deprecated-maintainer."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="IMG019",
    slug="deprecated-maintainer",
    title="The deprecated MAINTAINER instruction is used.",
    severity=Severity.INFO,
    nist=(),
    target=Target.DOCKERFILE,
    summary="Reports every MAINTAINER instruction.",
    rationale="""
        MAINTAINER is deprecated and not shown by tooling that reads OCI annotations; the author of
        an image belongs in the `org.opencontainers.image.authors` label, where registries and
        scanners find it.
        """,
    fix="Use `LABEL org.opencontainers.image.authors=...` instead.",
    bad="""
        FROM alpine:3.20
        MAINTAINER Platform Team <platform@example.com>
        """,
    good="""
        FROM alpine:3.20
        LABEL org.opencontainers.image.authors="Platform Team <platform@example.com>"
        """,
    example_lang="dockerfile",
    refs=("CKV_DOCKER_6", "DS022", "DL4000"),
)
def deprecated_maintainer(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for instr in dockerfile.instructions:
        if instr.keyword == "MAINTAINER":
            yield Violation(
                "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors instead",
                at=instr,
                evidence=f"MAINTAINER {instr.body}",
            )
