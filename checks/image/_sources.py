"""The sources of COPY and ADD: every operand but the destination (heredoc markers included)."""

from __future__ import annotations

import re

from linter.dockerfile import Instruction, Token

_GIT = re.compile(r"^(?:git@[^:]+:.+|(?:https?|ssh|git)://.+?\.git(?:#.*)?$)", re.IGNORECASE)


def sources(instr: Instruction) -> list[Token]:
    exec_form = instr.exec_form()
    operands = instr.operands()
    if exec_form is not None:
        operands = [Token(text, instr.args.find(text), instr.args.find(text) + len(text)) for text in exec_form]
    return operands[:-1] if len(operands) > 1 else []


def is_git(text: str) -> bool:
    return _GIT.match(text) is not None


def is_remote(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) or is_git(text)
