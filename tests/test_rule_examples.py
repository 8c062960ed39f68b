"""Every rule's documented example is true: the bad example fires the rule, the good one does not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checks import ALL_RULES
from linter.rule import Rule, Target
from tests.conftest import findings
from tests.gitrepo import run_example

# Examples that describe a situation rather than a file the rule can read on its own.
NOT_RUNNABLE = {"PARSE005", "PARSE006"}


def as_files(rule: Rule, example: str) -> dict[str, str]:
    text = textwrap.dedent(example).strip("\n") + "\n"
    if text.startswith("# file: "):  # several files, each introduced by a `# file: <path>` line
        files: dict[str, str] = {}
        for chunk in text.split("# file: ")[1:]:
            path, _, content = chunk.partition("\n")
            files[path.strip()] = content
        return files
    if rule.example_path:
        return {rule.example_path: text}
    if rule.target is Target.DOCKERFILE or rule.example_lang == "dockerfile":
        return {"Dockerfile": text}
    if "apiVersion:" in text or rule.target is Target.FILE:
        return {"example.yaml": text}
    body = text if text.startswith("spec:") else "spec:\n" + textwrap.indent(text, "  ")
    return {"example.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: example\n" + body}


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.id not in NOT_RUNNABLE], ids=lambda r: r.id)
def test_examples(rule: Rule, tmp_path: Path) -> None:
    settings = dict(rule.example_config)
    if rule.target.needs_history:  # the examples are shell commands that make commits
        script = textwrap.dedent(rule.bad).strip()
        bad = run_example(script, tmp_path / "bad", rule.id, settings).findings
        good = run_example(textwrap.dedent(rule.good).strip(), tmp_path / "good", rule.id, settings).findings
        assert bad, f"{rule.id}: the bad example does not fire"
        assert good == [], f"{rule.id}: the good example fires: {[f.message for f in good]}"
        return
    bad = findings(tmp_path / "bad", as_files(rule, rule.bad), rule.id, **settings)
    good = findings(tmp_path / "good", as_files(rule, rule.good), rule.id, **settings)
    assert bad, f"{rule.id}: the bad example does not fire"
    assert good == [], f"{rule.id}: the good example fires: {[f.message for f in good]}"
