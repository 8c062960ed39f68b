"""Kubernetes label selectors (``matchLabels`` and ``matchExpressions``) over located YAML nodes.

One evaluation for every selector the rules read: NetworkPolicy pod selectors (and Cilium's, whose
keys carry a source prefix: ``rename``), ClusterRole aggregation selectors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from linter.k8s import seq_texts
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

Requirement = tuple[str, str, set[str]]  # key, operator, values


def _is_null(node: YNode | None) -> bool:
    return node is None or (isinstance(node, YScalar) and node.value is None)


def requirements(selector: YMap, rename: Callable[[str], str] | None = None) -> Iterator[Requirement | None]:
    """(key, operator, values) of every requirement; None for one that cannot be read."""
    name = rename or (lambda key: key)
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, YMap):
        for key, value in match_labels.items.items():
            text = value.text if isinstance(value, YScalar) and value.value is not None else None
            yield (name(key), "In", {text}) if text is not None else None
    elif not _is_null(match_labels):
        yield None
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, YSeq):
        for item in expressions.items:
            label = item.text("key") if isinstance(item, YMap) else None
            operator = item.text("operator") if isinstance(item, YMap) else None
            if label is None or operator is None or not isinstance(item, YMap):
                yield None
                continue
            yield name(label), operator, {text for text, _ in seq_texts(item.get("values"))}
    elif not _is_null(expressions):
        yield None


def is_empty_selector(selector: YNode | None) -> bool:
    """`{}`, absent or null: selects everything."""
    if _is_null(selector):
        return True
    return isinstance(selector, YMap) and not any(True for _ in requirements(selector))


def _holds(requirement: Requirement, labels: Mapping[str, str]) -> bool:
    key, operator, values = requirement
    present = key in labels
    if operator == "In":
        return present and labels[key] in values
    if operator == "NotIn":
        return not present or labels[key] not in values
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    return False  # an operator the API server would reject selects nothing


def selector_matches(
    selector: YNode | None, labels: Mapping[str, str], rename: Callable[[str], str] | None = None
) -> bool:
    """Whether ``labels`` satisfy every requirement of ``selector``. An empty selector matches
    everything, as the API server's ``LabelSelectorAsSelector`` does; one that cannot be read
    matches nothing (the API server would reject it)."""
    if is_empty_selector(selector):
        return True
    if not isinstance(selector, YMap):
        return False
    return all(r is not None and _holds(r, labels) for r in requirements(selector, rename))
