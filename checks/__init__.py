"""The rules, by family. This is the registry: the CLI and the docs read ALL_RULES."""

from __future__ import annotations

from checks import (
    argocd,
    aws,
    ci,
    container,
    flux,
    git,
    host,
    image,
    orchestrator,
    parse,
    registry,
    repo,
    schema,
    secrets,
    suppression,
)
from linter.rule import Rule

FAMILIES = (
    image,
    registry,
    secrets,
    orchestrator,
    container,
    host,
    argocd,
    flux,
    repo,
    git,
    ci,
    schema,
    parse,
    aws,
    suppression,
)

ALL_RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)
