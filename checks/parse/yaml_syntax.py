"""PARSE001 yaml-syntax-error."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="PARSE001",
    slug="yaml-syntax-error",
    title="A YAML/JSON file cannot be parsed.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports YAML and JSON files that do not parse: syntax errors, tabs used for indentation,
        invalid escapes, and language-specific tags such as `!!python/object` that a safe loader
        refuses. The finding points at the parser's error position.
        """,
    rationale="""
        Nothing in a file that cannot be parsed is checked, so a broken manifest would otherwise make
        a pull request look clean. The cluster tooling (kubectl, Argo CD, Flux) fails on the same
        file at deploy time.
        """,
    fix="Fix the YAML syntax at the reported position.",
    bad="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
        \tcontainers: []   # a tab indents this line
        """,
    good="""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers: []
        """,
    notes="""
        Files under a Helm chart's `templates/` directory are Go templates, not YAML, and are never
        parsed as YAML (see PARSE005). Custom application tags such as `!Ref` are accepted and read
        as plain values; only language-specific tags are refused.
        """,
    refs=("yamllint syntax",),
)
def yaml_syntax_error(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, frozenset({P.YAML_SYNTAX}))
