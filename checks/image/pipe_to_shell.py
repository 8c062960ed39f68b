"""IMG007 remote-script-piped-to-shell."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._run import commands_by_run
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import SHELLS, Command

DOWNLOADERS = frozenset({"curl", "wget", "fetch"})
_INTERPRETER = re.compile(r"^(?:sh|bash|zsh|dash|ash|ksh|python[0-9.]*|perl|ruby|node|php[0-9.]*)$")
# Options after which an interpreter does not read its program from standard input.
_PROGRAM_OPTIONS = ("-c", "-e", "-m", "-r", "-E", "--eval")
_SOURCERS = frozenset({"eval", ".", "source"})


def reads_program_from_stdin(command: Command) -> bool:
    """`sh`, `bash -s -- x`, `python3 -`: yes; `python3 -c '...'`, `sh script.sh`: no."""
    if not _INTERPRETER.match(command.name):
        return False
    if command.name in SHELLS and command.has("-s"):
        return True
    if any(w.text in _PROGRAM_OPTIONS or w.text.startswith("--eval") for w in command.arg_words):
        return False
    if command.name in SHELLS and command.find("-c") is not None:
        return False
    operands = command.operands()
    return not operands or operands[0].text == "-"


@Rule(
    id="IMG007",
    slug="remote-script-piped-to-shell",
    title="A RUN executes a downloaded script without verifying it.",
    severity=Severity.MEDIUM,
    nist=("4.1.3", "4.1.5"),
    target=Target.DOCKERFILE,
    summary="""
        Reports a RUN that pipes the output of `curl`, `wget` or `fetch` into an interpreter that
        reads its program from standard input (`sh`, `bash -s -- ...`, `sudo sh`, `python3 -`,
        `perl`, `ruby`, `node`, `php`), or that runs a download through substitution:
        `sh -c "$(curl ...)"`, `bash <(curl ...)`, `. <(wget -O- ...)`, `source <(curl ...)`,
        `eval "$(curl ...)"`. The shell is parsed, so `echo "curl | sh"` is not reported, and
        heredoc scripts and `sh -c '...'` strings are read too.
        """,
    rationale="""
        The script runs with the build's privileges the moment it arrives: whoever controls the
        server, the DNS or the network path controls what is built into the image, and nothing in
        the repository records what was executed.
        """,
    fix="Download to a file, verify it (`sha256sum -c`, `gpg --verify`, `cosign verify-blob`), then execute it.",
    bad="""
        FROM debian:12.7-slim
        RUN curl -fsSL https://get.example.com/install.sh | sh
        """,
    good="""
        FROM debian:12.7-slim
        RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\
            && echo "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c  /tmp/install.sh" \\
               | sha256sum -c - \\
            && sh /tmp/install.sh
        """,
    example_lang="dockerfile",
    notes="""
        An interpreter that gets its program elsewhere (`python3 -c '...'`, `python3 -m json.tool`,
        `sh script.sh`) only reads the download as data and is not reported.
        """,
    refs=("CIS Docker 4.11 (partial)",),
)
def remote_script_piped_to_shell(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for run_list in commands_by_run(dockerfile):
        for found in run_list:
            command = found.command
            if command.name not in DOWNLOADERS:
                continue
            if command.substitution and command.host is not None:
                host = command.host
                if host.name in _SOURCERS or _INTERPRETER.match(host.name):
                    yield Violation(
                        f"RUN executes the output of {command.name} through {host.name} without verifying it; "
                        "download to a file and check its checksum or signature first",
                        at=found.at_offset(command.opening, command.opening + 2),
                        evidence=f"{host.name} <- {command.name}",
                    )
                    continue
            for other in run_list:
                later = other.command
                same_pipe = later.pipeline == command.pipeline and later.position > command.position
                if same_pipe and other.script is found.script and reads_program_from_stdin(later):
                    pipe = later.pipe if later.pipe is not None else later.start
                    yield Violation(
                        f"RUN pipes {command.name} output into {later.name}; "
                        "download to a file and check its checksum or signature first",
                        at=found.at_offset(pipe, pipe + 1),
                        evidence=f"{command.name} | {later.name}",
                    )
                    break
