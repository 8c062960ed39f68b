"""The Dockerfile model: instructions, positions, heredocs, stages and syntax problems."""

from __future__ import annotations

from linter import problems as P
from linter.dockerfile import parse_dockerfile, substitute


def test_continuations_join_and_positions_map_back() -> None:
    df = parse_dockerfile(
        "FROM alpine:3.20\nRUN apk add curl && \\\n    curl -fsSL https://x.test | sh\n", "Dockerfile"
    )
    run = df.instructions[1]
    assert (run.keyword, run.line, run.end_line) == ("RUN", 2, 3)
    assert "&&     curl" in run.args
    span = run.find("curl -fsSL")
    assert (span.line, span.col) == (3, 5)
    assert run.find("apk").line == 2


def test_comment_lines_inside_continuations_are_dropped() -> None:
    df = parse_dockerfile("FROM a:1\nRUN echo a \\\n# comment\n  && echo b\n", "Dockerfile")
    assert "comment" not in df.instructions[1].args
    assert df.instructions[1].find("echo b").line == 4


def test_escape_directive() -> None:
    df = parse_dockerfile("# escape=`\nFROM a:1\nRUN echo a `\n  b\n", "Dockerfile")
    assert df.escape == "`" and df.instructions[1].args.split() == ["echo", "a", "b"]


def test_heredoc_bodies_are_not_instructions() -> None:
    text = "FROM a:1\nRUN <<EOF\napt-get update\nFROM evil\nEOF\nUSER 10001\n"
    df = parse_dockerfile(text, "Dockerfile")
    assert [i.keyword for i in df.instructions] == ["FROM", "RUN", "USER"]
    assert df.instructions[1].heredocs[0].body == ["apt-get update", "FROM evil"]
    assert len(df.stages) == 1 and not df.problems


def test_unterminated_heredoc_and_continuation() -> None:
    assert parse_dockerfile("FROM a:1\nRUN <<EOF\necho\n", "D").problems[0].kind == P.DOCKERFILE_SYNTAX
    problems = parse_dockerfile("FROM a:1\nRUN echo \\\n", "D").problems
    assert [p.evidence for p in problems] == ["continuation-at-eof"]


def test_stages_names_parents_and_arg_substitution() -> None:
    text = "ARG BASE=golang:1.23\nFROM ${BASE} AS Build\nFROM build AS test\nFROM scratch\n"
    df = parse_dockerfile(text, "Dockerfile")
    assert [(s.name, s.image_resolved) for s in df.stages] == [
        ("build", "golang:1.23"),
        ("test", "build"),
        (None, "scratch"),
    ]
    assert df.stages[1].parent is df.stages[0]
    assert df.stage_named("BUILD") is df.stages[0] and df.stage_named("2") is df.stages[2]
    assert df.stage_at(3) is df.stages[1]


def test_syntax_problems() -> None:
    def kinds(text: str) -> list[str]:
        return [p.evidence.split(":")[0] for p in parse_dockerfile(text, "D").problems]

    assert kinds("FROM a:1\nFOO bar\n") == ["unknown"]
    assert kinds("RUN true\nFROM a:1\n") == ["before-from"]
    assert kinds("# just a comment\n") == ["no-from"]
    assert kinds("") == ["no-from"]
    assert kinds("FROM a:1\nCMD ['node', 'x.js']\n") == ["json"]
    assert kinds("FROM a:1\nRUN [ -f /x ] && echo ok\n") == []  # shell test brackets are fine
    assert kinds('FROM a:1\nCMD ["node", "x.js"]\n') == []


def test_substitute() -> None:
    values: dict[str, str | None] = {"A": "1", "EMPTY": ""}
    assert substitute("$A-${A}-${B:-dflt}-${EMPTY:-x}-${A:+alt}-$B", values) == "1-1-dflt-x-alt-$B"


def test_run_scripts_positions_heredocs_and_exec_form() -> None:
    text = (
        "FROM a:1\n"
        "RUN --mount=type=cache,target=/v apt-get update && \\\n"
        "    apt-get install -y curl\n"
        "RUN <<EOF\nset -e\ncurl -s https://x | sh\nEOF\n"
        "RUN <<EOF cat > /etc/apt/sources.list\ndeb [trusted=yes] http://x ./\nEOF\n"
        'RUN ["sh", "-c", "curl x | bash"]\n'
        "RUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\n"
    )
    df = parse_dockerfile(text, "Dockerfile")
    runs = [i for i in df.instructions if i.keyword == "RUN"]
    (line,) = runs[0].scripts()
    install = line.commands()[1]
    assert "--mount" not in line.text and line.locate(install.words[0].start).line == 3
    heredoc = runs[1].scripts()[1]
    sh = heredoc.commands()[-1]
    assert heredoc.shell and (sh.name, heredoc.locate(sh.words[0].start).line) == ("sh", 6)
    assert heredoc.locate(sh.words[0].start).col == 21
    data = runs[2].scripts()[1]
    assert not data.shell and data.commands() == [] and "[trusted=yes]" in data.text
    exec_form = runs[3].scripts()[0]
    assert [c.name for c in exec_form.commands()] == ["sh", "curl", "bash"]
    assert exec_form.locate(exec_form.commands()[1].words[0].start).col == 19
    assert runs[4].scripts()[1].shell is False
