"""Kubernetes label selectors (``matchLabels`` and ``matchExpressions``) over located YAML nodes."""

from __future__ import annotations

from collections.abc import Mapping

from linter.yamlnodes import YMap, YScalar, YSeq


def _text(node: object) -> str | None:
    if isinstance(node, YScalar) and node.value is not None:
        return node.value if isinstance(node.value, str) else node.text
    return None


def _requirement_holds(expression: YMap, labels: Mapping[str, str]) -> bool:
    key, operator = expression.text("key"), expression.text("operator")
    values_node = expression.get("values")
    values = (
        {t for item in values_node.items if (t := _text(item)) is not None} if isinstance(values_node, YSeq) else set()
    )
    if key is None:
        return False
    if operator == "In":
        return labels.get(key) in values
    if operator == "NotIn":
        return labels.get(key) not in values
    if operator == "Exists":
        return key in labels
    if operator == "DoesNotExist":
        return key not in labels
    return False  # an operator the API server would reject selects nothing


def selector_matches(selector: YMap, labels: Mapping[str, str]) -> bool:
    """Whether ``labels`` satisfy every requirement of ``selector``. An empty selector matches
    everything, as the API server's ``LabelSelectorAsSelector`` does; a malformed one nothing."""
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, YMap):
        for key, value in match_labels.items.items():
            if labels.get(key) != _text(value):
                return False
    elif match_labels is not None and not (isinstance(match_labels, YScalar) and match_labels.value is None):
        return False
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, YSeq):
        if any(not isinstance(item, YMap) for item in expressions.items):
            return False
        return all(_requirement_holds(item, labels) for item in expressions.maps())
    return expressions is None or (isinstance(expressions, YScalar) and expressions.value is None)
