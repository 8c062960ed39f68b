"""SCHEMA: Kubernetes schema validation."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
