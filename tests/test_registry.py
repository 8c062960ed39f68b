"""The rule registry: unique, complete metadata that agrees with the shared catalogue."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import yaml

from checks import ALL_RULES
from linter.rule import Rule
from tests.conftest import SHARED

CATALOGUE = SHARED / "spec" / "rules.yaml"
# Families whose issue is done: every catalogued rule of theirs must be registered.
FINISHED_FAMILIES = {
    "PARSE",
    "AWS",
    "ARGO",
    "FLUX",
    "REPO",
    "CI",
    "CTR",
    "HOST",
    "SCHEMA",
    "SEC",
    "GIT",
    "IMG",
    "REG",
    "ORC",
}
# The tool's own rules, outside the catalogue (checks/suppression: rules about suppressions).
OWN_FAMILIES = {"SUP"}


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict[str, Any]]:
    if not CATALOGUE.exists():
        pytest.skip(f"shared catalogue not available at {CATALOGUE}")
    return {entry["id"]: entry for entry in yaml.safe_load(CATALOGUE.read_text())}


def test_ids_and_slugs_are_unique() -> None:
    ids = [r.id for r in ALL_RULES]
    slugs = [r.slug for r in ALL_RULES]
    assert len(ids) == len(set(ids)) and len(slugs) == len(set(slugs))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.check is not None
    for field in ("title", "summary", "rationale", "fix", "bad", "good"):
        assert textwrap.dedent(getattr(rule, field)).strip(), f"{rule.id} has no {field}"
    assert rule.bad != rule.good


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.family not in OWN_FAMILIES], ids=lambda r: r.id)
def test_metadata_matches_the_catalogue(rule: Rule, catalogue: dict[str, dict[str, Any]]) -> None:
    entry = catalogue.get(rule.id)
    assert entry is not None, f"{rule.id} is not in the catalogue"
    assert rule.slug == entry["slug"]
    assert rule.title == entry["title"]
    assert rule.severity.label == entry["severity"]
    assert rule.default == (entry["default"] == "on")
    assert list(rule.nist) == [s for s in entry["nist"] if s != "none"]


def test_finished_families_are_complete(catalogue: dict[str, dict[str, Any]]) -> None:
    registered = {r.id for r in ALL_RULES}
    missing = sorted(
        i for i, e in catalogue.items() if i.rstrip("0123456789") in FINISHED_FAMILIES and i not in registered
    )
    assert missing == []


def test_own_families_stay_out_of_the_catalogue(catalogue: dict[str, dict[str, Any]]) -> None:
    catalogue_families = {i.rstrip("0123456789") for i in catalogue}
    assert not OWN_FAMILIES & catalogue_families
    own = [r for r in ALL_RULES if r.family in OWN_FAMILIES]
    assert own and all(r.id not in catalogue for r in own)
