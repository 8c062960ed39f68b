"""Argo CD semantics shared by the ARGO rules: project glob allow/deny lists, source kinds."""

from __future__ import annotations

import base64
import binascii
import contextlib
import fnmatch
from collections.abc import Iterator

from linter.context import Context
from linter.gitops.model import ArgoApp
from linter.k8s import Resource
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


def glob(pattern: str, value: str) -> bool:
    """Argo CD's globs: `*` and `?` match any characters, `/` included; `[...]` classes."""
    return fnmatch.fnmatchcase(value, pattern)


def allowed(patterns: list[str], value: str) -> bool:
    """Argo CD allow/deny lists: some pattern without `!` matches and no `!pattern` does."""
    positive = [p for p in patterns if not p.startswith("!")]
    negative = [p[1:] for p in patterns if p.startswith("!")]
    return any(glob(p, value) for p in positive) and not any(glob(p, value) for p in negative)


def texts(node: YNode | None) -> list[tuple[str, YScalar]]:
    if not isinstance(node, YSeq):
        return []
    return [
        (i.text if not isinstance(i.value, str) else i.value, i)
        for i in node.items
        if isinstance(i, YScalar) and i.value is not None
    ]


def apps_of(resource: Resource, ctx: Context) -> Iterator[ArgoApp]:
    """The Application (or ApplicationSet template) views of ``resource``."""
    for app in ctx.gitops.argo_apps:
        if app.resource is resource:
            yield app


def is_git_source(source: YMap) -> bool:
    return "chart" not in source


def maps(node: YNode | None) -> list[YMap]:
    """The mapping items of a sequence (empty when absent or not a sequence)."""
    return list(node.maps()) if isinstance(node, YSeq) else []


def project_spec(project: Resource) -> YMap:
    return project.root.map("spec") or YMap(project.src, 1, 1, 1, 1)


def generators(appset: Resource) -> Iterator[tuple[str, YMap]]:
    """(type, spec) of every generator of an ApplicationSet, nested matrix/merge generators included."""
    stack = [appset.root.at("spec.generators")]
    while stack:
        node = stack.pop()
        if not isinstance(node, YSeq):
            continue
        for entry in node.maps():
            for kind, spec in entry.items.items():
                if not isinstance(spec, YMap):
                    continue
                if kind in ("matrix", "merge"):
                    stack.append(spec.get("generators"))
                yield kind, spec


def secret_type(resource: Resource) -> str | None:
    return resource.labels().get("argocd.argoproj.io/secret-type") if resource.kind == "Secret" else None


def secret_values(resource: Resource) -> dict[str, tuple[str, YScalar]]:
    """A Secret's values as text (`data` decoded from base64), each with the node it is written at."""
    out: dict[str, tuple[str, YScalar]] = {}
    for field, encoded in (("data", True), ("stringData", False)):
        section = resource.root.map(field)
        for key, node in section.items.items() if section is not None else ():
            if not isinstance(node, YScalar) or node.value is None:
                continue
            text = node.text if not isinstance(node.value, str) else node.value
            if encoded:
                with contextlib.suppress(binascii.Error, ValueError):
                    text = base64.b64decode(text, validate=True).decode("utf-8")
            out[key] = (text, node)
    return out
