"""The images workload containers run, parsed once per container (templated values skipped)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from linter.imageref import ImageRef, parse_image
from linter.k8s import Container, PodSpec
from linter.yamlnodes import YScalar


@dataclass(slots=True)
class ContainerImage:
    container: Container
    node: YScalar  # the `image` value
    image: ImageRef

    @property
    def about(self) -> str:
        """What the container rules of this family agree a finding is about (for precedence)."""
        return f"container:{self.container.list_name}:{self.container.name}"

    def describe(self) -> str:
        return f"{self.container.describe()} image {self.image.raw!r}"


def container_images(pod: PodSpec) -> Iterator[ContainerImage]:
    for container in pod.containers():
        node = container.node.get("image")
        if not isinstance(node, YScalar) or not isinstance(node.value, str):
            continue
        image = parse_image(node.value)
        if image is not None:
            yield ContainerImage(container, node, image)
