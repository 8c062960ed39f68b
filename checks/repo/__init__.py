"""REPO: the cross-file repository graph."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
