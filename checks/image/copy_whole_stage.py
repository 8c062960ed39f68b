"""IMG017 copy-entire-stage-filesystem."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._run import final_image_stages
from checks.image._sources import sources
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_ROOTS = frozenset({"/", "/.", "/./"})


@Rule(
    id="IMG017",
    slug="copy-entire-stage-filesystem",
    title="The final image copies the whole filesystem of another stage.",
    severity=Severity.LOW,
    nist=("4.1.4", "4.1.2"),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports a `COPY --from=<stage or image>` in the final image (the final stage or a stage it
        is built `FROM`) whose source is `/` (or `/.`): everything in that stage, build tools,
        caches and any secret files included, lands in the image. Off by default.
        """,
    rationale="""
        Multi-stage builds exist to leave the build environment behind. Copying the root of a
        build stage brings it all back: compilers, package caches, credentials used during the
        build, and every file the scanner of the runtime image was not expecting.
        """,
    fix="Copy only the needed artefacts (binaries, assets) from the build stage.",
    bad="""
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build / /
        """,
    good="""
        FROM golang:1.23 AS build
        RUN go build -o /out/app ./cmd/app
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /out/app /app
        """,
    example_lang="dockerfile",
    notes="""
        Off by default: squashing a sanitised stage this way is a legitimate pattern. Only the
        final image is judged (the final stage and the stages it is built `FROM`), whatever the
        destination; hadolint DL3067 judges every stage but
        only `COPY --from=... / /`.
        """,
    refs=("DL3067",),
)
def copy_entire_stage_filesystem(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for instr in (i for stage in final_image_stages(dockerfile) for i in stage.instructions):
        origin = instr.flags().get("from") if instr.keyword == "COPY" else None
        if not origin:
            continue
        if any(token.text in _ROOTS for token in sources(instr)):
            yield Violation(
                f"COPY --from={origin} copies the whole filesystem of {origin!r} into the final image; "
                "copy only the artefacts you need",
                at=instr,
                evidence=f"COPY --from={origin} /",
            )
