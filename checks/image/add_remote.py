"""IMG006 add-remote-without-checksum."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._sources import is_git, sources
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_CHECKSUM = re.compile(r"^sha256:[0-9a-fA-F]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


@Rule(
    id="IMG006",
    slug="add-remote-without-checksum",
    title="ADD downloads remote content without integrity pinning.",
    severity=Severity.HIGH,
    nist=("4.1.3", "4.1.5"),
    target=Target.DOCKERFILE,
    summary="""
        Reports an ADD of an `http://` or `https://` URL without `--checksum=sha256:<64 hex>`, and
        an ADD of a Git repository (`....git[#ref[:dir]]`, `git@host:...`) whose ref is missing or is
        not a full 40-hex commit and that has no `--checksum`.
        """,
    rationale="""
        Whatever the server returns at build time goes into the image: a compromised download site,
        a moved tag or a man-in-the-middle changes the image without any change in the repository.
        A checksum or a commit pin makes the build fail instead.
        """,
    fix="Add `--checksum=sha256:...` (or pin the Git source to a commit), or download in RUN and verify before use.",
    bad="""
        FROM alpine:3.20
        ADD https://example.com/tool-1.2.tar.gz /opt/
        ADD https://github.com/acme/config.git#v1.2 /etc/acme
        """,
    good="""
        FROM alpine:3.20
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
            https://example.com/tool-1.2.tar.gz /opt/
        ADD https://github.com/acme/config.git#0f3a9c2d4b5e6f708192a3b4c5d6e7f809aabbcc /etc/acme
        """,
    example_lang="dockerfile",
    notes="""
        hadolint DL3020 and Trivy DS005 only say to prefer COPY for local files and leave remote ADD
        alone; here remote ADD is accepted when its content is pinned. An `http://` URL with a
        checksum is not reported (the content is verified); plain-HTTP downloads in RUN are IMG008's.
        """,
    refs=("DL3020 (partial)", "DS005 (partial)", "CIS Docker 4.9"),
)
def add_remote_without_checksum(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            if instr.keyword != "ADD":
                continue
            checksum = instr.flags().get("checksum")
            for token in sources(instr):
                text = token.text
                where = FixedSpan(instr.locate(token.start, token.end))
                ref = text.partition("#")[2].partition(":")[0]
                if is_git(text) and checksum is None and not _COMMIT.match(ref):
                    yield Violation(
                        f"ADD of the Git source {text!r} is not pinned to a commit; use #<40-hex commit> or --checksum",
                        at=where,
                        evidence=f"ADD {text}",
                    )
                elif (
                    not is_git(text)
                    and text.lower().startswith(("http://", "https://"))
                    and (checksum is None or not _CHECKSUM.match(checksum))
                ):
                    yield Violation(
                        f"ADD downloads {text!r} without --checksum=sha256:...; add the checksum",
                        at=where,
                        evidence=f"ADD {text}",
                    )
