"""AWS: Amazon EKS specifics."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
