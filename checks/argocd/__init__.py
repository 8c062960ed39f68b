"""ARGO: Argo CD Applications, ApplicationSets, AppProjects and Argo CD configuration."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
