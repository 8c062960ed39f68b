"""CI: pipeline gates in GitHub Actions and GitLab CI."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
