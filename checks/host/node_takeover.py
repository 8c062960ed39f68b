"""HOST012 node-takeover-pattern."""

from __future__ import annotations

from collections.abc import Iterator

from checks.host._hostpath import HostPath
from linter.cmdline import argv, invocations
from linter.context import Context
from linter.k8s import Container, PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Command


def _targets_pid_1(command: Command) -> bool:
    """`nsenter -t 1`, `-t1`, `--target 1`, `--target=1` (also at the end of a flag cluster, `-at 1`)."""
    args = command.args
    for index, arg in enumerate(args):
        following = args[index + 1] if index + 1 < len(args) else None
        if arg == "--target" or (arg.startswith("-") and not arg.startswith("--") and arg.endswith("t")):
            if following == "1":
                return True
        elif arg in ("--target=1", "-t1"):
            return True
    return False


def _chroot_root(command: Command) -> str | None:
    """The new root directory of `chroot [OPTION] NEWROOT [COMMAND]`."""
    return next((arg for arg in command.args if not arg.startswith("-")), None)


def _host_root_mounts(container: Container) -> set[str]:
    """Where this container mounts a hostPath volume of the node's `/`."""
    roots = {
        name
        for volume in container.pod.volumes()
        if (name := volume.text("name"))
        and (path := volume.text_at("hostPath.path"))
        and HostPath.parse(path) == HostPath("/", False)
    }
    mounts = container.node.seq("volumeMounts")
    return {
        HostPath.parse(mount_path).path
        for mount in (mounts.maps() if mounts is not None else ())
        if mount.text("name") in roots and (mount_path := mount.text("mountPath"))
    }


@Rule(
    id="HOST012",
    slug="node-takeover-pattern",
    title="The pod combines settings that give a shell on the node.",
    severity=Severity.CRITICAL,
    nist=("4.5.4", "4.5.5"),
    target=Target.POD_SPEC,
    summary="""
        Reports `hostPID: true` together with a privileged container, and containers whose command
        runs `nsenter` into PID 1 (`-t 1`, `--target 1`, `--target=1`) or `chroot` into the mount
        path of a hostPath volume of the node's `/`, directly or in a `sh -c` script. One composite
        finding, in addition to the individual rules.
        """,
    rationale="""
        These are the recipes of "node shell" tools: a privileged container in the host PID
        namespace enters PID 1's namespaces and is root on the node; chroot into the host's root
        filesystem does the same. A workload shipped this way is a standing backdoor into the
        node, whatever the individual settings' findings say.
        """,
    fix="Remove the node-shell pattern; administer nodes through audited node-management tooling.",
    bad="""
        spec:
          hostPID: true
          containers:
            - name: shell
              image: ghcr.io/acme/toolbox:1.0.0
              command: ["nsenter", "-t", "1", "-m", "-u", "-i", "-n", "--", "sh"]
              securityContext:
                privileged: true
        """,
    good="""
        spec:
          containers:
            - name: shell
              image: ghcr.io/acme/toolbox:1.0.0
              command: ["sleep", "infinity"]
        """,
    notes="""
        `nsenter` and `chroot` are found as the container's program (also behind `sudo`/`env`) or
        as commands of a `sh -c` script; a finding points at the command item or the script. The
        chroot target and mount paths are compared normalised.
        """,
)
def node_takeover_pattern(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    host_pid = pod.node.get("hostPID")
    if is_true(host_pid):
        privileged = [c.describe() for c in pod.containers() if is_true(c.sc_field("privileged"))]
        if privileged:
            yield Violation(
                f"{pod.describe()} shares the host PID namespace and runs {', '.join(privileged)} privileged: "
                "together they give a root shell on the node (nsenter -t 1); remove hostPID or privileged",
                at=host_pid,
            )
    for container in pod.containers():
        # Parsing every command line is costly; most never mention either program.
        if not any("nsenter" in item.text or "chroot" in item.text for item in argv(container)):
            continue
        host_roots: set[str] | None = None
        reported: set[tuple[int, str]] = set()
        for invocation in invocations(container):
            command = invocation.command
            if command.name == "nsenter" and _targets_pid_1(command):
                what = "nsenter"
                message = "enters the namespaces of the node's PID 1 with nsenter"
            elif command.name == "chroot":
                root = _chroot_root(command)
                host_roots = host_roots if host_roots is not None else _host_root_mounts(container)
                if root is None or HostPath.parse(root).path not in host_roots:
                    continue
                what = "chroot"
                message = f"chroots into {root!r}, where the node's root filesystem is mounted"
            else:
                continue
            if (id(invocation.node), what) in reported:
                continue
            reported.add((id(invocation.node), what))
            yield Violation(
                f"{container.describe()} {message}: a root shell on the node; remove it",
                at=invocation.node,
            )
