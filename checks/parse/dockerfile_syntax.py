"""PARSE003 dockerfile-parse-error."""

from __future__ import annotations

from collections.abc import Iterator

from checks.parse._problems import violations
from linter import problems as P
from linter.context import Context
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile


@Rule(
    id="PARSE003",
    slug="dockerfile-parse-error",
    title="A Dockerfile cannot be parsed.",
    severity=Severity.HIGH,
    nist=(),
    target=Target.FILE,
    summary="""
        Reports Dockerfiles with an unknown instruction, a heredoc or line continuation that never
        ends, an exec-form array that is not valid JSON, an instruction other than ARG before the
        first FROM, or no FROM at all.
        """,
    rationale="""
        None of the image rules can judge a Dockerfile that does not parse, and the build fails on it
        anyway. A malformed exec form such as `CMD ['node', 'app.js']` (single quotes) is worse: the
        builder silently runs it as a shell command instead.
        """,
    fix="Fix the Dockerfile syntax at the reported line.",
    bad="""
        FROM node:22-alpine
        COPY . /app
        CMD ['node', '/app/server.js']
        """,
    good="""
        FROM node:22-alpine
        COPY . /app
        CMD ["node", "/app/server.js"]
        """,
    example_lang="dockerfile",
)
def dockerfile_parse_error(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    return violations(source, frozenset({P.DOCKERFILE_SYNTAX}))
