"""A container's command line: argv items, `sh -c` scripts and the commands they run."""

from __future__ import annotations

from linter.cmdline import invocations
from linter.k8s import Container, pod_spec_of, resource_from
from linter.yamlload import parse_yaml


def container(spec: str) -> Container:
    text = f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - {spec}\n"
    resource = resource_from(parse_yaml(text, "p.yaml").docs[0].root, "p.yaml", 0)
    assert resource is not None
    pod = pod_spec_of(resource)
    assert pod is not None
    return pod.containers()[0]


def commands(spec: str) -> list[tuple[str, list[str], bool, bool, int]]:
    return [
        (i.command.name, i.command.args, i.command.sudo, i.in_script, i.node.col) for i in invocations(container(spec))
    ]


def test_argv_is_one_command_whatever_the_items_contain() -> None:
    found = commands('{name: a, command: ["/bin/echo", "a && b", "$(id)"]}')
    assert found == [("echo", ["a && b", "$(id)"], False, False, 27)]


def test_wrappers_and_the_item_that_names_the_program() -> None:
    found = commands('{name: a, command: ["sudo", "-u", "root"], args: ["nsenter", "-t", "1"]}')
    assert found == [("nsenter", ["-t", "1"], True, False, 57)]


def test_shell_scripts_from_command_and_args() -> None:
    found = commands('{name: a, command: ["/usr/bin/env", "bash", "-euc"], args: ["cd /x; sudo ls | wc -l"]}')
    assert [(name, sudo, in_script) for name, _, sudo, in_script, _ in found] == [
        ("bash", False, False),  # `/usr/bin/env` is a wrapper like `env`: the program it runs is bash
        ("cd", False, True),
        ("ls", True, True),
        ("wc", False, True),
    ]


def test_no_script_without_a_shell_and_c() -> None:
    assert [name for name, *_ in commands('{name: a, command: ["python", "-c", "import os"]}')] == ["python"]
    assert [name for name, *_ in commands('{name: a, args: ["sh", "-x", "run.sh"]}')] == ["sh"]
    assert commands("{name: a, image: x:1}") == []
