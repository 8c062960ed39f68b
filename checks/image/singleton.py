"""IMG018 repeated-singleton-instruction."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SINGLETONS = ("CMD", "ENTRYPOINT", "HEALTHCHECK")


@Rule(
    id="IMG018",
    slug="repeated-singleton-instruction",
    title="A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK; only the last takes effect.",
    severity=Severity.LOW,
    nist=(),
    target=Target.DOCKERFILE,
    summary="""
        Reports, within one stage, every CMD, ENTRYPOINT or HEALTHCHECK that is followed by another
        of the same kind: only the last one takes effect.
        """,
    rationale="""
        The earlier instructions are silently ignored, so the command a reviewer reads at the top
        of the stage may not be the one the image runs.
        """,
    fix="Keep a single CMD, ENTRYPOINT and HEALTHCHECK per stage.",
    bad="""
        FROM node:22.11-alpine
        CMD ["node", "server.js"]
        CMD ["node", "worker.js"]
        """,
    good="""
        FROM node:22.11-alpine
        CMD ["node", "server.js"]
        """,
    example_lang="dockerfile",
    notes="ONBUILD triggers are not counted: they run in images built from this one.",
    refs=("DL4003", "DL4004", "DL3012", "DS007", "DS016", "DS023"),
)
def repeated_singleton_instruction(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for keyword in _SINGLETONS:
            found = [instr for instr in stage.instructions if instr.keyword == keyword]
            for index, instr in enumerate(found[:-1]):
                yield Violation(
                    f"stage {stage.label!r} has {len(found)} {keyword} instructions and only the last takes "
                    f"effect; remove this one",
                    at=instr,
                    evidence=f"{keyword} #{index + 1}: {instr.body}",
                )
