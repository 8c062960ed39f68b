"""CTR021 sudo-in-container-command."""

from __future__ import annotations

from collections.abc import Iterator

from linter.cmdline import argv, shell_script
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import parse

_FIX = "remove sudo and run the process with the UID and capabilities it needs"


def _is_sudo(word: str) -> bool:
    return word == "sudo" or word.endswith("/sudo")


@Rule(
    id="CTR021",
    slug="sudo-in-container-command",
    title="A container command invokes sudo.",
    severity=Severity.MEDIUM,
    nist=("4.4.3", "4.1.2"),
    target=Target.POD_SPEC,
    summary="""
        Reports `command` and `args` items that are `sudo` (or a path ending in `/sudo`), and the
        script of `sh -c` / `bash -c` / `ash -c` when it runs sudo as a command.
        """,
    rationale="""
        sudo in a container means the image ships a setuid binary and a sudoers policy that lets the
        process become root: the container is meant to escalate privileges at runtime, which defeats
        running as a non-root user.
        """,
    fix="Remove sudo; run the process with the right UID and capabilities.",
    bad="""
        containers:
          - name: worker
            image: ghcr.io/acme/worker:1.8.0
            command: ["sh", "-c"]
            args: ["sudo chown app /data && exec worker"]
        """,
    good="""
        containers:
          - name: worker
            image: ghcr.io/acme/worker:1.8.0
            command: ["sh", "-c"]
            args: ["exec worker"]
        """,
    notes="""
        Shell scripts are parsed with the project's shell analyser, so `sudo` inside quotes or as an
        argument (`echo sudo`) is not a command; `dash -c` and `zsh -c` scripts are read too. The
        item is reported, not the word inside the script.
        """,
    refs=("Kubescape C-0062",),
)
def sudo_in_container_command(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for container in pod.containers():
        items = argv(container)
        for item in items:
            if _is_sudo(item.text):
                yield Violation(f"{container.describe()} runs {item.text!r}; {_FIX}", at=item.node)
        script = shell_script(items)
        if script is None or _is_sudo(script.text):
            continue
        if any(command.sudo or _is_sudo(command.name) for command in parse(script.text)):
            yield Violation(f"{container.describe()} runs sudo in its shell script; {_FIX}", at=script.node)
