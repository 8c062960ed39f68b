"""Label selectors as the API server evaluates them (matchLabels AND matchExpressions)."""

from __future__ import annotations

from linter.labelselector import selector_matches
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap


def selector(text: str) -> YMap:
    root = parse_yaml(text, "s.yaml").docs[0].root
    assert isinstance(root, YMap)
    return root


def test_match_labels_and_expressions_must_all_hold() -> None:
    both = selector(
        "matchLabels: {app: web}\n"
        "matchExpressions:\n"
        "  - {key: tier, operator: In, values: [front, edge]}\n"
        "  - {key: legacy, operator: DoesNotExist}\n"
    )
    assert selector_matches(both, {"app": "web", "tier": "edge"})
    assert not selector_matches(both, {"app": "web", "tier": "back"})
    assert not selector_matches(both, {"app": "web", "tier": "edge", "legacy": "yes"})
    assert not selector_matches(both, {"tier": "edge"})


def test_not_in_and_exists() -> None:
    expressions = selector(
        "matchExpressions:\n  - {key: env, operator: NotIn, values: [prod]}\n  - {key: team, operator: Exists}\n"
    )
    assert selector_matches(expressions, {"team": "a"})  # NotIn holds when the key is absent
    assert not selector_matches(expressions, {"team": "a", "env": "prod"})
    assert not selector_matches(expressions, {"env": "dev"})


def test_empty_selects_everything_and_malformed_nothing() -> None:
    assert selector_matches(selector("{}"), {"any": "thing"})
    assert selector_matches(selector("matchLabels: null\nmatchExpressions: null\n"), {})
    for bad in (
        "matchLabels: [a]",
        "matchExpressions: {key: a}",
        "matchExpressions: [1]",
        "matchExpressions: [{key: a, operator: Like, values: [b]}]",
        "matchExpressions: [{operator: Exists}]",
    ):
        assert not selector_matches(selector(bad), {"a": "b"}), bad
    # Numbers are compared as written, as label values are strings.
    assert selector_matches(selector("matchLabels: {version: 2}"), {"version": "2"})
