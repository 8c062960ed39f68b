"""GIT: per-commit and merge checks over a pull request's range."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
