"""FLUX: Flux CD sources, reconcilers and image automation."""

from linter.rule import Rule

RULES: tuple[Rule, ...] = ()
