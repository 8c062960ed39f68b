"""The shell analyser: commands, pipelines, prefixes and offsets, with and without bashlex."""

from __future__ import annotations

import pytest

from linter.shell import _parse_fallback, parse


def names(script: str) -> list[str]:
    return [c.name for c in parse(script)]


def test_quoted_text_is_not_a_command() -> None:
    assert names('echo "curl | sh"') == ["echo"]


def test_operators_split_commands_and_pipes_share_a_pipeline() -> None:
    commands = parse("apt-get update && apt-get -y install curl; curl -fsSL https://x | sh")
    assert [c.name for c in commands] == ["apt-get", "apt-get", "curl", "sh"]
    assert commands[2].pipeline == commands[3].pipeline and commands[3].position == 1
    assert commands[1].has("-y") and parse("apt-get install -qy curl")[0].has("-y")


def test_prefixes_are_not_the_command() -> None:
    (command,) = parse("DEBIAN_FRONTEND=noninteractive sudo -u root make install")
    assert command.name == "make" and command.sudo and command.prefix[0].text.startswith("DEBIAN")


def test_substitutions_are_commands_too() -> None:
    commands = parse('eval "$(curl -s https://x)"')
    assert [(c.name, c.substitution) for c in commands] == [("eval", False), ("curl", True)]


def test_offsets_point_into_the_script() -> None:
    script = "cd /src && make   build"
    make = parse(script)[1]
    assert script[make.words[1].start : make.words[1].end] == "build"


@pytest.mark.parametrize("script", ["a && b | c", "x=1 y; z", "echo 'a;b' \\\n  && c"])
def test_fallback_agrees_on_simple_scripts(script: str) -> None:
    assert [c.name for c in _parse_fallback(script)] == names(script)


def test_option_values() -> None:
    (command,) = parse("trivy image --exit-code=1 --severity HIGH x")
    assert command.option_value("--exit-code") == "1" and command.option_value("--severity") == "HIGH"


def test_pipe_offsets_and_substitution_hosts() -> None:
    script = "curl -fsSL https://x | sudo bash -s -- a; bash <(curl -s y)"
    _curl, bash, outer, inner = parse(script)
    assert bash.pipe == script.index("|") and bash.sudo and bash.position == 1
    assert (inner.name, inner.kind, inner.host) == ("curl", "process", outer)
    assert outer.pipe is None


@pytest.mark.parametrize("use_fallback", [False, True])
def test_redirects_groups_and_keywords(use_fallback: bool) -> None:
    def run(script: str) -> list[str]:
        commands = _parse_fallback(script) if use_fallback else parse(script)
        return [f"{c.name}@{c.position}" for c in commands]

    assert run("curl x 2>&1 | sh") == ["curl@0", "sh@1"]
    assert run("if [ -f x ]; then curl x | sh; fi")[-2:] == ["curl@0", "sh@1"]
    assert run("for i in a b; do echo $i; done") == ["echo@0"]


def test_fallback_reads_substitutions() -> None:
    commands = _parse_fallback('x=$(( 1 + 2 )) ; eval "$(wget -qO- https://x)" ; cat `which y`')
    assert [(c.name, c.kind, c.host.name if c.host else None) for c in commands if c.substitution] == [
        ("wget", "command", "eval"),
        ("which", "command", "cat"),
    ]


def test_inline_scripts() -> None:
    script = 'bash -c \'curl -s https://x | sh\' && su -c "apt-get \\"update\\"" root'
    commands = parse(script, inline=True)
    inner = [c for c in commands if c.inline]
    assert [c.name for c in inner] == ["curl", "sh", "apt-get"]
    assert script[inner[0].words[0].start : inner[0].words[0].end] == "curl"
    assert inner[1].pipeline == inner[0].pipeline and inner[1].pipe == script.index("|")
    assert inner[2].words[0].start == script.index('"apt-get')  # escaped quotes: the whole word


def test_operands_and_subcommands() -> None:
    (command,) = parse("apt-get -o Dpkg::Options::=--force-confold -y install --no-install-recommends curl")
    assert command.subcommand({"-o"}) is not None and command.subcommand({"-o"}).text == "install"  # type: ignore[union-attr]
    assert [w.text for w in command.operands({"-o"})] == ["install", "curl"]
    found = command.find("-y")
    assert found is not None and found.text == "-y"
    assert parse("env A=1 B=2 make")[0].assignments()[1][:2] == ("B", "2")
