"""The README's copy-pasteable snippets, as the tests run them."""

from __future__ import annotations

import re
import shlex

from tests.conftest import PROJECT


def readme_snippet(name: str) -> str:
    """The fenced block that follows ``<!-- snippet: NAME -->`` in the README."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- snippet: {re.escape(name)} -->\n```[a-z]*\n(.*?)```", readme, re.DOTALL)
    assert match is not None, f"README has no snippet {name!r}"
    return match.group(1)


def commands(snippet: str) -> list[list[str]]:
    """The command lines of a shell snippet, without their comments."""
    return [shlex.split(line, comments=True) for line in snippet.splitlines() if line.split("#", 1)[0].strip()]
