"""Why a render stopped: an error in the tree (PARSE006) or a feature we do not render (PARSE005)."""

from __future__ import annotations

from linter.yamlnodes import YNode


class RenderError(Exception):
    """The build failed like `kustomize build` would; ``node`` says where, when known."""

    def __init__(self, message: str, node: YNode | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


class NotRendered(RenderError):
    """The build needs something gitops-lint never does (network, plugins, ...)."""
