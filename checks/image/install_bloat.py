"""IMG013 package-install-bloat."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._packages import APK, PIP, RPM, YARN, ZYPPER, PackageCommand, package_command
from checks.image._run import RunCommand, commands_by_run
from checks.image._settings import settings
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_RPM_CACHES = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf")


def _removes(run_list: list[RunCommand], prefixes: tuple[str, ...]) -> bool:
    return any(
        r.command.name == "rm" and any(w.text.startswith(prefixes) for w in r.command.operands()) for r in run_list
    )


def _cleans_zypper(run_list: list[RunCommand]) -> bool:
    """`zypper clean` or its alias `zypper cc`."""
    return _cleans(run_list, (ZYPPER,), "clean") or _cleans(run_list, (ZYPPER,), "cc")


def _cleans(run_list: list[RunCommand], managers: tuple[str, ...], *verbs: str) -> bool:
    for run in run_list:
        found = package_command(run.command)
        if (
            found is not None
            and found.manager in managers
            and found.action == verbs[0]
            and (len(verbs) == 1 or [w.text for w in found.operands[:1]] == list(verbs[1:]))
        ):
            return True
    return False


def _problems(found: PackageCommand, run_list: list[RunCommand], pip_no_cache: bool) -> list[str]:
    command = found.command
    problems: list[str] = []
    if found.tool == "apt-get" and found.installs:
        recommends = command.option_value("-o") or ""
        if not command.has("--no-install-recommends") and recommends.lower() not in (
            "apt::install-recommends=false",
            "apt::install-recommends=0",
        ):
            problems.append("add --no-install-recommends")
        if not _removes(run_list, ("/var/lib/apt/lists",)):
            problems.append("remove /var/lib/apt/lists/* in the same RUN")
    elif found.manager == APK and found.installs and not command.has("--no-cache", "--no-network"):
        problems.append("add --no-cache")
    elif found.manager == RPM and found.installs:
        if not _cleans(run_list, (RPM,), "clean", "all") and not _removes(run_list, _RPM_CACHES):
            problems.append(f"run '{found.tool} clean all' in the same RUN")
    elif found.manager == ZYPPER and found.installs and not _cleans_zypper(run_list):
        problems.append("run 'zypper clean' in the same RUN")
    elif found.manager == PIP and found.installs and not command.has("--no-cache-dir") and not pip_no_cache:
        problems.append("add --no-cache-dir")
    elif found.manager == YARN and found.action in ("install", "") and not _cleans(run_list, (YARN,), "cache", "clean"):
        problems.append("run 'yarn cache clean' in the same RUN")
    return problems


@Rule(
    id="IMG013",
    slug="package-install-bloat",
    title="Package installs pull in recommended packages or leave caches in the image.",
    severity=Severity.INFO,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports `apt-get install` without `--no-install-recommends`, and installs whose cache stays
        in the layer: apt-get without `rm -rf /var/lib/apt/lists/*`, `apk add` without
        `--no-cache`, yum/dnf/microdnf without `<mgr> clean all`, zypper without `zypper clean`,
        pip without `--no-cache-dir` (or `PIP_NO_CACHE_DIR`), `yarn install` without
        `yarn cache clean`, each in the same RUN. A RUN with a `--mount=type=cache` is exempt.
        Off by default.
        """,
    rationale="""
        Recommended packages and package caches add files nobody asked for: more software to
        patch and scan, and more tools for an attacker who gets into the container.
        """,
    fix="Add `--no-install-recommends` and clean the package cache in the same RUN (or use a cache mount).",
    bad="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y curl
        """,
    good="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        """,
    example_lang="dockerfile",
    notes="""
        One finding per install command, listing everything to change. Any cache mount exempts the
        RUN (the cache then lives outside the image). A yum/dnf `rm -rf /var/cache/yum` counts as
        cleaning, and `zypper cc` (the alias of `zypper clean`) cleans, as in hadolint. `apk add
        --no-network` downloads nothing, so it leaves no cache either (hadolint DL3019 still asks
        for `--no-cache`). Every stage
        is judged, as the catalogue says; hadolint DL3009 and DL3060 only report stages that end up
        in the image.
        """,
    refs=(
        "DL3009",
        "DL3015",
        "DL3019",
        "DL3032",
        "DL3036",
        "DL3040",
        "DL3042",
        "DL3060",
        "DS015",
        "DS019",
        "DS020",
        "DS025",
        "DS027",
        "DS029",
    ),
)
def package_install_bloat(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    pip_no_cache = any(s.name.upper() == "PIP_NO_CACHE_DIR" and s.how != "RUN" for s in settings(dockerfile))
    for run_list in commands_by_run(dockerfile):
        mounts = run_list[0].instr.flag_tokens()
        if any(name == "mount" and "type=cache" in value for name, value, _ in mounts):
            continue
        for run in run_list:
            found = package_command(run.command)
            if found is None or not run.script.shell:
                continue
            inline = any(name == "PIP_NO_CACHE_DIR" for name, _, _ in run.command.assignments())
            problems = _problems(found, run_list, pip_no_cache or inline)
            if problems:
                yield Violation(
                    f"{found.tool} {found.action or 'install'} leaves extra packages or caches in the image: "
                    + "; ".join(problems),
                    at=run.at(),
                    evidence=f"{found.tool} {found.action}: {', '.join(problems)}",
                )
