"""What a container runs: its `command` + `args` items, and the commands inside a `sh -c` script.

Kubernetes does not run `command`/`args` through a shell, so each item is one argv word; only the
script handed to a shell with `-c` is shell code, and it is parsed with `linter.shell`. Each
invocation remembers the item to point at: the argv item that names the program, or the script.
"""

from __future__ import annotations

import shlex
from bisect import bisect_right
from dataclasses import dataclass

from linter.k8s import Container
from linter.shell import Command, parse
from linter.yamlnodes import YScalar

SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_ENV = "env"


@dataclass(slots=True)
class ArgvItem:
    text: str
    node: YScalar


@dataclass(slots=True)
class Invocation:
    command: Command
    node: YScalar  # the argv item naming the program, or the whole `-c` script
    in_script: bool


def argv(container: Container) -> list[ArgvItem]:
    """`command` then `args`, as the kubelet joins them (non-scalar items are skipped)."""
    items: list[ArgvItem] = []
    for key in ("command", "args"):
        seq = container.node.seq(key)
        for item in seq.items if seq is not None else ():
            if isinstance(item, YScalar) and item.value is not None:
                items.append(ArgvItem(item.value if isinstance(item.value, str) else item.text, item))
    return items


def shell_script(items: list[ArgvItem]) -> ArgvItem | None:
    """The script of `sh -c SCRIPT` (also `/bin/bash -ec`, `env bash -c`), or None."""
    index = 0
    while index < len(items) and (items[index].text.rsplit("/", 1)[-1] == _ENV or "=" in items[index].text):
        index += 1
    if index >= len(items) or items[index].text.rsplit("/", 1)[-1] not in SHELLS:
        return None
    for position in range(index + 1, len(items) - 1):
        option = items[position].text
        if option.startswith("-") and not option.startswith("--") and "c" in option[1:]:
            return items[position + 1]
    return None


def invocations(container: Container) -> list[Invocation]:
    """The program the container starts, and every command of its `-c` script."""
    items = argv(container)
    if not items:
        return []
    # Quoting each item keeps it one word whatever it contains; the shell parser then applies the
    # same wrapper handling (`sudo`, `env X=1`, `exec`) to argv as to scripts.
    starts: list[int] = []
    joined = ""
    for item in items:
        if joined:
            joined += " "
        starts.append(len(joined))
        joined += shlex.quote(item.text)
    found: list[Invocation] = []
    for command in parse(joined):
        first = command.words[0] if command.words else (command.prefix[0] if command.prefix else None)
        if first is not None:
            found.append(Invocation(command, items[bisect_right(starts, first.start) - 1].node, False))
    script = shell_script(items)
    if script is not None:
        found.extend(Invocation(command, script.node, True) for command in parse(script.text))
    return found
