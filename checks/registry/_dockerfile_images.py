"""Every image a Dockerfile pulls: FROM, COPY --from=<image> and RUN --mount=...,from=<image>."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from linter.dockerfile import Dockerfile, Instruction, substitute
from linter.imageref import ImageRef, parse_image
from linter.location import Span


@dataclass(slots=True)
class ImageUse:
    image: ImageRef
    instruction: Instruction
    span: Span  # the image token

    def describe(self) -> str:
        return f"{self.instruction.keyword} image {self.image.raw!r}"


def image_uses(dockerfile: Dockerfile) -> Iterator[ImageUse]:
    """Image references that are not stage names, ``scratch`` or unresolved variables."""
    stage_names = {s.name for s in dockerfile.stages if s.name}
    for stage in dockerfile.stages:
        token = stage.image_token()
        if token is not None and stage.parent is None:
            image = _image(stage.image_resolved, stage_names, stage.index)
            if image is not None:
                yield ImageUse(image, stage.from_instr, stage.from_instr.locate(token.start, token.end))
        for instr in stage.instructions:
            yield from _option_images(instr, dockerfile, stage_names, stage.index)


def _option_images(
    instr: Instruction, dockerfile: Dockerfile, stage_names: set[str], stage_index: int
) -> Iterator[ImageUse]:
    for name, value, token in instr.flag_tokens():
        refs: list[str] = []
        if instr.keyword == "COPY" and name == "from":
            refs.append(value)
        elif instr.keyword == "RUN" and name == "mount":
            refs.extend(part[5:] for part in value.split(",") if part.startswith("from="))
        for ref in refs:
            resolved = substitute(ref, dockerfile.global_args)
            image = _image(resolved, stage_names, stage_index)
            if image is not None:
                offset = instr.args.find(ref, token.start)
                span = instr.locate(offset, offset + len(ref)) if offset >= 0 else instr.span()
                yield ImageUse(image, instr, span)


def _image(text: str, stage_names: set[str], stage_index: int) -> ImageRef | None:
    lowered = text.lower()
    if lowered == "scratch" or lowered in stage_names or (text.isdigit() and int(text) <= stage_index):
        return None
    return parse_image(text)
