"""IMG004 remote-access-service."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._packages import installs_package, package_command
from checks.image._run import final_image_stages, run_commands
from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Command, parse

_PACKAGES = frozenset(
    {
        "openssh-server",
        "openssh",
        "dropbear",
        "telnetd",
        "telnet-server",
        "inetutils-telnetd",
        "xinetd",
        "tigervnc-server",
        "tightvncserver",
        "x11vnc",
        "xrdp",
    }
)
_DAEMONS = frozenset({"sshd", "dropbear", "telnetd", "xinetd", "x11vnc", "Xvnc", "xrdp"})
_PORT = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$", re.IGNORECASE)


def remote_port(text: str) -> int | None:
    """The remote-shell port (22, 23, 3389, 5900-5909) an EXPOSE token opens, if any."""
    match = _PORT.match(text)
    if match is None:
        return None
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    ports: tuple[int, ...] = (22, 23, 3389, *range(5900, 5910))
    return next((port for port in ports if low <= port <= high), None)


def _starts_service(command: Command) -> bool:
    args = command.args
    if command.name == "service" and len(args) >= 2 and args[0] in ("ssh", "sshd") and args[1] == "start":
        return True
    return bool(command.words) and command.words[0].text == "/usr/sbin/sshd"


def _entrypoint_daemon(instr: Instruction) -> str | None:
    exec_form = instr.exec_form()
    if exec_form is not None:
        program = exec_form[0].rsplit("/", 1)[-1] if exec_form else ""
        return program if program in _DAEMONS else None
    commands = parse(instr.body)
    for command in commands:
        if command.name in _DAEMONS or _starts_service(command):
            return command.name
    return None


@Rule(
    id="IMG004",
    slug="remote-access-service",
    title="The image ships or exposes a remote shell service (SSH, telnet, VNC, RDP).",
    severity=Severity.HIGH,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    summary="""
        In the final image (the final stage and the stages it is built `FROM`), reports the install
        of an SSH, telnet, VNC or RDP server package (openssh-server, dropbear, telnetd, xinetd,
        tigervnc-server, x11vnc, xrdp...), a CMD or ENTRYPOINT that starts such a daemon, a RUN or
        CMD that runs `service ssh start` or `/usr/sbin/sshd`, and EXPOSE of ports 22, 23, 3389 or
        5900-5909.
        """,
    rationale="""
        A remote shell in a container is an extra, long-lived way in that bypasses the
        orchestrator's access control and audit: credentials for it end up in the image, and it is
        rarely patched with the application. Containers are debugged with `kubectl exec` or
        ephemeral debug containers instead.
        """,
    fix="Remove the remote shell; debug with `kubectl exec` or ephemeral debug containers.",
    bad="""
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
        EXPOSE 22
        CMD ["/usr/sbin/sshd", "-D"]
        """,
    good="""
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends openssh-client
        EXPOSE 8080
        CMD ["/app/server"]
        """,
    example_lang="dockerfile",
    notes="""
        Builder stages may install SSH tooling; only the final image is judged: the final stage and
        the earlier stages it is built `FROM` (their packages and EXPOSE settings are inherited;
        of CMD and ENTRYPOINT only the last of the chain, the one that runs, counts). An
        EXPOSE range is reported when it includes one of the ports, with any protocol suffix; Checkov
        CKV_DOCKER_1 only knows `22` and `22/tcp`. Installing only an SSH client is fine. hadolint
        DL3001 flags commands that make no sense in a container (`service`, `ssh`, `top`...), any
        service; here only remote-access servers count.
        """,
    refs=("CKV_DOCKER_1", "DS004", "DL3001 (partial)", "CIS Docker 5.7", "Kubescape C-0042"),
)
def remote_access_service(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for run in run_commands(dockerfile, final_only=True):
        found = package_command(run.command)
        for word in installs_package(found, _PACKAGES) if found is not None else []:
            yield Violation(
                f"the final stage installs the remote access server {word.text!r}; remove it and use kubectl exec",
                at=run.at(word),
                evidence=f"install {word.text}",
            )
        if _starts_service(run.command):
            yield Violation(
                "a RUN in the final stage starts an SSH server; remove it and use kubectl exec",
                at=run.at(),
                evidence="RUN starts sshd",
            )
    instructions = [i for stage in final_image_stages(dockerfile) for i in stage.instructions]
    # Only the last CMD and ENTRYPOINT of the chain are what the image runs.
    for keyword in ("CMD", "ENTRYPOINT"):
        last = next((i for i in reversed(instructions) if i.keyword == keyword), None)
        daemon = _entrypoint_daemon(last) if last is not None else None
        if last is not None and daemon is not None:
            yield Violation(
                f"{keyword} starts the remote access daemon {daemon!r}; run the application instead",
                at=last,
                evidence=f"{keyword} {daemon}",
            )
    for instr in instructions:
        if instr.keyword == "EXPOSE":
            for token in instr.tokens():
                port = remote_port(token.text)
                if port is not None:
                    yield Violation(
                        f"EXPOSE {token.text} publishes a remote access port ({port}); remove it",
                        at=FixedSpan(instr.locate(token.start, token.end)),
                        evidence=f"EXPOSE {token.text}",
                    )
