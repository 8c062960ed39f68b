"""IMG016 invalid-stage-reference."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction, Stage
from linter.location import FixedSpan, Span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


def stage_refs(instr: Instruction) -> Iterator[tuple[str, Span]]:
    """The `--from=` of COPY and the `from=` of every RUN `--mount`, with their positions."""
    for name, value, token in instr.flag_tokens():
        if instr.keyword == "COPY" and name == "from" and value:
            offset = instr.args.find(value, token.start)
            yield value, instr.locate(offset, offset + len(value))
        elif instr.keyword == "RUN" and name == "mount":
            for part in value.split(","):
                if part.startswith("from=") and len(part) > 5:
                    offset = instr.args.find(part, token.start)
                    yield part[5:], instr.locate(offset, offset + len(part))


def _declared(dockerfile: Dockerfile, ref: str) -> Stage | None:
    """The stage a reference names, as the builder resolves it (a name, else an index)."""
    lowered = ref.lower()
    for stage in dockerfile.stages:
        if stage.name == lowered:
            return stage
    if ref.isdigit():
        index = int(ref)
        return dockerfile.stages[index] if index < len(dockerfile.stages) else None
    return None


@Rule(
    id="IMG016",
    slug="invalid-stage-reference",
    title="Multi-stage build stages are named or referenced inconsistently.",
    severity=Severity.LOW,
    nist=(),
    target=Target.DOCKERFILE,
    summary="""
        Reports two FROM instructions that declare the same stage name (case-insensitive), and a
        `COPY --from=` or `RUN --mount=...,from=` that refers to the stage it is in or to a stage
        declared later in the file, by name or by index. A `--from` that names no stage is an
        image reference (REG rules).
        """,
    rationale="""
        The builder rejects a reference to the current stage and resolves a duplicate or forward
        name in ways that are easy to misread: the stage that gets copied is not the one the
        reviewer looked at.
        """,
    fix="Give every stage a unique name and copy only from earlier stages.",
    bad="""
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM alpine:3.20 AS build
        COPY --from=build /out/app /usr/local/bin/app
        """,
    good="""
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM alpine:3.20 AS runtime
        COPY --from=build /out/app /usr/local/bin/app
        """,
    example_lang="dockerfile",
    notes="""
        A forward reference by a name that is not yet declared is an image reference for the
        builder; it is reported because a stage of that name exists later in the file, which is
        what the author meant in practice. Stage names are compared case-insensitively, as the
        builder does; Checkov CKV_DOCKER_11 reads names only after a lowercase ` as ` and compares
        them as written.
        """,
    refs=("CKV_DOCKER_11", "DS006", "DS012", "DL3023", "DL3024"),
)
def invalid_stage_reference(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    seen: dict[str, Stage] = {}
    for stage in dockerfile.stages:
        if stage.name is None:
            continue
        if stage.name in seen:
            operands = stage.from_instr.operands()
            token = operands[2] if len(operands) >= 3 else None
            yield Violation(
                f"stage name {stage.name!r} is declared twice; give every stage a unique name",
                at=FixedSpan(stage.from_instr.locate(token.start, token.end))
                if token is not None
                else stage.from_instr,
                evidence=f"duplicate {stage.name}",
            )
        else:
            seen[stage.name] = stage
    for stage in dockerfile.stages:
        for instr in stage.instructions:
            for ref, span in stage_refs(instr):
                target = _declared(dockerfile, ref)
                if target is None or target.index < stage.index:
                    continue
                where = "the stage it is in" if target.index == stage.index else "a later stage"
                yield Violation(
                    f"{instr.keyword} refers to {where} ({ref!r}); copy only from earlier stages",
                    at=FixedSpan(span),
                    evidence=f"{instr.keyword} from {ref}",
                )
