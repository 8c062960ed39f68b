"""Suppression annotations on Kubernetes objects. Unlike comments they survive rendering
(Kustomize, Helm), so they are read from the objects as rendered:

    metadata:
      annotations:
        gitops-lint.io/ignore: "CTR001,HOST001"          # every finding about this object
        gitops-lint.io/ignore.node-exporter: "CTR002"    # only those inside container node-exporter
        gitops-lint.io/ignore-reason: "node exporter reads host metrics"
        gitops-lint.io/ignore-until: "2027-03-31"

Annotations on a pod template count as annotations of its object (Helm charts often let users
set only the pod's annotations). The reason and the expiry date apply to every ignore annotation
of the same metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from linter.k8s import Resource
from linter.suppress.directive import Directive, Scope, name_rules, parse_until, split_selectors
from linter.yamlnodes import YMap, YNode, YScalar, walk

if TYPE_CHECKING:
    from linter.finding import Finding
    from linter.rule import Rule

PREFIX = "gitops-lint.io/"
IGNORE = PREFIX + "ignore"
REASON = PREFIX + "ignore-reason"
UNTIL = PREFIX + "ignore-until"
_KNOWN = f"{IGNORE}, {IGNORE}.<container-name>, {REASON}, {UNTIL}"


def annotation_directives(resources: Iterable[Resource], registry: Sequence[Rule]) -> list[Directive]:
    """One directive per ignore annotation as written. An object rendered by several overlays is
    one directive whose matcher covers every rendered copy."""
    by_place: dict[tuple[object, ...], Directive] = {}
    for resource in resources:
        for metadata in _metadatas(resource):
            for directive in _from_metadata(resource, metadata, registry):
                key = (directive.span, directive.text, directive.reason, directive.until, directive.container)
                known = by_place.get(key)
                if known is None:
                    by_place[key] = directive
                elif isinstance(known.matcher, _ObjectMatcher) and isinstance(directive.matcher, _ObjectMatcher):
                    known.matcher.merge(directive.matcher)
    return list(by_place.values())


def _metadatas(resource: Resource) -> Iterator[YMap]:
    """The object's metadata, then its pod template's (once for a bare Pod)."""
    if not _has_ours(resource.annotations()) and not (resource.pod and _has_ours(resource.pod.pod_annotations())):
        return
    seen: set[int] = set()
    for metadata in (resource.metadata, resource.pod.template_metadata if resource.pod else None):
        if metadata is not None and id(metadata) not in seen:
            seen.add(id(metadata))
            yield metadata


def _has_ours(annotations: dict[str, str]) -> bool:
    return any(key.startswith(PREFIX) for key in annotations)


def _from_metadata(resource: Resource, metadata: YMap, registry: Sequence[Rule]) -> Iterator[Directive]:
    annotations = metadata.map("annotations")
    if annotations is None:
        return
    ours = {key: node for key, node in annotations.items.items() if key.startswith(PREFIX)}
    reason_node, until_node = ours.get(REASON), ours.get(UNTIL)
    reason = _text(reason_node)
    for key, node in ours.items():
        if key in (REASON, UNTIL):
            continue
        directive = Directive("annotation", Scope.OBJECT, node.span(), f"{key}: {_text(node) or ''}")
        if key == IGNORE:
            _attach(directive, _ObjectMatcher([resource]))
        elif key.startswith(IGNORE + ".") and len(key) > len(IGNORE) + 1:
            _for_container(directive, resource, key[len(IGNORE) + 1 :])
        else:
            directive.problems.append(f"is not a gitops-lint annotation (allowed: {_KNOWN})")
            directive.broken = True
            yield directive
            continue
        directive.reason = reason.strip() if reason and reason.strip() else None
        if until_node is not None:
            try:
                directive.until = parse_until(_text(until_node) or "")
            except ValueError as exc:
                directive.problems.append(f"has {UNTIL} {_text(until_node)!r}: {exc}")
                directive.broken = True
        directive.selectors = tuple(split_selectors(_text(node) or ""))
        name_rules(directive, registry, "CTR001,host-pid")
        yield directive


def _for_container(directive: Directive, resource: Resource, name: str) -> None:
    directive.scope = Scope.CONTAINER
    directive.container = name
    containers = [c for c in resource.pod.containers() if c.name == name] if resource.pod else []
    if not containers:
        lacks = "has no such container" if resource.pod else "has no pod template"
        directive.problems.append(f"names container {name!r}, but {resource.describe()} {lacks}")
        directive.broken = True
        return
    _attach(directive, _ObjectMatcher([resource], containers[0].node))


def _attach(directive: Directive, matcher: _ObjectMatcher) -> None:
    directive.matcher = matcher
    directive.objects = matcher.resources  # the same set: merging rendered copies updates both


class _ObjectMatcher:
    """Findings about one object (any rendered copy of it), optionally only inside a container."""

    __slots__ = ("container", "nodes", "resources")

    def __init__(self, resources: list[Resource], container: YMap | None = None) -> None:
        self.resources = {id(r) for r in resources}
        self.container = container
        self.nodes: set[int] | None = None

    def merge(self, other: _ObjectMatcher) -> None:
        self.resources |= other.resources
        if self.container is not None and other.container is not None:
            self.nodes = self._nodes() | other._nodes()

    def _nodes(self) -> set[int]:
        if self.nodes is None:
            self.nodes = {id(node) for node in walk(self.container)} if self.container is not None else set()
        return self.nodes

    def __call__(self, finding: Finding) -> bool:
        if id(finding.subject) not in self.resources:
            return False
        if self.container is None:
            return True
        node = finding.node
        if id(node) in self._nodes():
            return True
        # A location that is not a node of the tree: judge by position in the container's file.
        span = finding.span
        box = self.container
        return not isinstance(node, YNode) and span.path == box.src and box.line <= span.line <= box.end_line


def _text(node: YNode | None) -> str | None:
    if isinstance(node, YScalar) and node.value is not None:
        return node.value if isinstance(node.value, str) else node.text
    return None
