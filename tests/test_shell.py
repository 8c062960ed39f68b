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
