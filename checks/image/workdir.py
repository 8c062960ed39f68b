"""IMG015 unsafe-workdir."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile, tokenize
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_SYSTEM = ("/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found")


def _system_dir(path: str) -> str | None:
    normal = "/" + "/".join(part for part in path.split("/") if part and part != ".")
    for system in _SYSTEM:
        if normal == system or normal.startswith(system + "/"):
            return system
    return None


@Rule(
    id="IMG015",
    slug="unsafe-workdir",
    title="WORKDIR is relative or points into a system directory.",
    severity=Severity.LOW,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    summary="""
        Reports a WORKDIR (quotes removed) that is relative (it starts neither with `/`, a Windows
        drive such as `C:\\`, nor a variable) or that is, or is under, `/proc`, `/sys`, `/dev`,
        `/boot`, `/initrd` or `/lost+found`.
        """,
    rationale="""
        A relative WORKDIR depends on every earlier WORKDIR, including the base image's, so the
        same Dockerfile lands files in a different place when the base changes. A working directory
        in a kernel or device filesystem makes the application write into host-backed interfaces.
        """,
    fix="Use an absolute application directory such as `/app`.",
    bad="""
        FROM alpine:3.20
        WORKDIR app
        """,
    good="""
        FROM alpine:3.20
        WORKDIR /app
        """,
    example_lang="dockerfile",
    notes="""
        Relative paths are judged like hadolint DL3000 and Checkov CKV_DOCKER_10 (a leading `$` or
        a Windows drive is absolute); system directories such as `/proc` are reported too, which
        those tools accept.
        """,
    refs=("CKV_DOCKER_10", "DS009", "DS030", "DL3000"),
)
def unsafe_workdir(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for instr in dockerfile.instructions:
        if instr.keyword != "WORKDIR":
            continue
        tokens = tokenize(instr.args)
        path = " ".join(t.text for t in tokens).strip()
        if not path:
            continue
        if not (path.startswith(("/", "$")) or _DRIVE.match(path)):
            yield Violation(
                f"WORKDIR {path!r} is relative; use an absolute path such as /app",
                at=instr,
                evidence=f"relative {path}",
            )
            continue
        system = _system_dir(path) if path.startswith("/") else None
        if system is not None:
            yield Violation(
                f"WORKDIR {path!r} is inside the system directory {system}; use an application directory",
                at=instr,
                evidence=f"system {path}",
            )
