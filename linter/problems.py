"""Problems found while reading a file: the raw material of the PARSE rules.

The reading layer records *what happened* (a kind from the list below, a message and a place); the
PARSE rules in ``checks/parse`` turn these into findings. A fatal problem means the file's content
was not checked by any other rule.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of problem. They describe events, not rules, so the reader stays rule-agnostic.
YAML_SYNTAX = "yaml-syntax"
DUPLICATE_KEY = "duplicate-key"
DOCKERFILE_SYNTAX = "dockerfile-syntax"
NOT_TEXT = "not-text"
TOO_LARGE = "too-large"
ALIAS_BOMB = "alias-bomb"
TOO_DEEP = "too-deep"
NOT_RENDERED = "not-rendered"
RENDER_FAILED = "render-failed"
UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    message: str
    line: int = 1
    col: int = 1
    end_line: int = 0
    end_col: int = 0
    fatal: bool = False
    evidence: str = ""
