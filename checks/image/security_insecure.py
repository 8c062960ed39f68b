"""IMG010 run-security-insecure."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="IMG010",
    slug="run-security-insecure",
    title="A build step runs with the BuildKit insecure (privileged) entitlement.",
    severity=Severity.MEDIUM,
    nist=("4.1.3", "4.4.3"),
    target=Target.DOCKERFILE,
    summary="Reports a RUN that carries `--security=insecure`, in any stage.",
    rationale="""
        BuildKit runs such a step as a privileged container with the build host's devices: a
        compromised dependency fetched in that step can take over the builder, and with it every
        image it builds.
        """,
    fix="Remove the flag; do privileged preparation outside the image build.",
    bad="""
        FROM debian:12.7-slim
        RUN --security=insecure mount -t tmpfs none /mnt && make install
        """,
    good="""
        FROM debian:12.7-slim
        RUN --mount=type=tmpfs,target=/mnt make install
        """,
    example_lang="dockerfile",
    notes="The build only honours the flag when the builder allows the `security.insecure` entitlement.",
)
def run_security_insecure(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for instr in dockerfile.instructions:
        if instr.keyword != "RUN":
            continue
        for name, value, token in instr.flag_tokens():
            if name == "security" and value.lower() == "insecure":
                yield Violation(
                    "RUN --security=insecure runs this step as a privileged container; remove the flag",
                    at=FixedSpan(instr.locate(token.start, token.end)),
                    evidence="RUN --security=insecure",
                )
