"""IMG012 package-update-alone."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._packages import APK, APT, RPM, ZYPPER, package_command
from checks.image._run import commands_by_run
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_REFRESH = {APT: {"update"}, APK: {"update"}, RPM: {"makecache"}, ZYPPER: {"refresh", "ref"}}
_INSTALL = {
    APT: {"install", "upgrade", "dist-upgrade", "full-upgrade"},
    APK: {"add", "upgrade"},
    RPM: {"install", "upgrade", "update", "groupinstall", "reinstall", "distro-sync", "localinstall"},
    ZYPPER: {"install", "in", "update", "up", "dist-upgrade", "dup", "patch"},
}


@Rule(
    id="IMG012",
    slug="package-update-alone",
    title="A RUN refreshes package indexes without installing in the same layer.",
    severity=Severity.LOW,
    nist=("4.1.1",),
    target=Target.DOCKERFILE,
    summary="""
        Reports a RUN that refreshes a package index (`apt-get update`, `apt update`, `apk update`,
        `yum`/`dnf makecache`, `zypper refresh`) without an install or upgrade by the same package
        manager in the same RUN (`install`, `add`, `upgrade`, `dist-upgrade`, yum/dnf `update`).
        """,
    rationale="""
        The refreshed index becomes a cached layer of its own. Later builds reuse it while the
        install step changes, so packages are installed from an index that can be months old,
        missing the security updates published since.
        """,
    fix="Combine update and install in one RUN (`apt-get update && apt-get install -y ...`).",
    bad="""
        FROM debian:12.7-slim
        RUN apt-get update
        RUN apt-get install -y --no-install-recommends curl
        """,
    good="""
        FROM debian:12.7-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        """,
    example_lang="dockerfile",
    notes="""
        `apt-get` and `apt` count as one package manager, as do yum, dnf, microdnf and tdnf. Each
        RUN is judged on its own: Checkov CKV_DOCKER_5 counts updates and installs over the whole
        file, so `RUN apt-get update` followed by `RUN apt-get install` passes there, although the
        cached index layer is exactly the problem.
        """,
    refs=("CKV_DOCKER_5", "DS017", "CIS Docker 4.7"),
)
def package_update_alone(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for run_list in commands_by_run(dockerfile):
        found = [(run, package_command(run.command)) for run in run_list]
        installs = {p.manager for _, p in found if p is not None and p.action in _INSTALL.get(p.manager, ())}
        for run, package in found:
            if package is None or package.verb is None or package.manager in installs:
                continue
            if package.action in _REFRESH.get(package.manager, ()):
                yield Violation(
                    f"RUN runs '{package.tool} {package.action}' without installing anything in the same RUN; "
                    "combine the refresh with the install",
                    at=run.at(package.verb),
                    evidence=f"{package.tool} {package.action}",
                )
