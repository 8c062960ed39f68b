"""IMG011 unpinned-packages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._packages import APK, APT, GEM, GO, NPM, PIP, RPM, ZYPPER, PackageCommand, package_command
from checks.image._run import run_commands
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_RPM_VERSION = re.compile(r".-\d")


def pinned(manager: str, text: str) -> bool:
    if manager == APT:
        return "=" in text
    if manager == APK:
        return "=" in text or "~" in text
    if manager == RPM:
        return _RPM_VERSION.search(text) is not None
    if manager == ZYPPER:
        return any(ch in text for ch in "=<>")
    if manager == PIP:
        return "==" in text
    if manager == NPM:
        return "@" in text[1:]
    if manager == GEM:
        return ":" in text
    if manager == GO:
        version = text.rpartition("@")[2] if "@" in text else ""
        return bool(version) and version != "latest"
    return True


def unpinned(found: PackageCommand) -> list[str]:
    """The package operands of an install that carry no version."""
    if not found.installs:
        return []
    command = found.command
    if found.manager == GEM and (command.has("-v") or command.has("--version")):
        return []
    words = found.packages()
    if found.manager == RPM:
        words = [w for w in words if not w.text.startswith("@")]
    if found.manager == NPM:
        words = [w for w in words if ":" not in w.text]
    if found.manager == GO:
        words = [w for w in found.operands if "$" not in w.text and not w.text.startswith(".")]
    return [w.text for w in words if not pinned(found.manager, w.text)]


@Rule(
    id="IMG011",
    slug="unpinned-packages",
    title="Packages are installed without pinned versions.",
    severity=Severity.LOW,
    nist=("4.1.1",),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports package arguments without a version: apt/apt-get install without `=ver`; apk add
        without `=ver`/`~ver`; yum/dnf/microdnf/tdnf install without `-ver`; zypper install without
        `=ver`/`>=ver`; pip install without `==`; `npm install` with package arguments lacking
        `@ver` (bare `npm install` and `npm ci` use the lockfile); `gem install` without `-v` or
        `:ver`; `go install` without `@ver` or with `@latest`. Flags, variables, local paths, URLs,
        archives and `-r`/`-c` requirement files are not packages. Off by default.
        """,
    rationale="""
        An unpinned install takes whatever version the index serves on the day of the build, so
        rebuilding the same commit can produce a different, possibly vulnerable, image, and the
        scanned image is not the one that gets rebuilt.
        """,
    fix="Pin versions (or rely on lockfiles and digest-pinned bases refreshed by Renovate/Dependabot).",
    bad="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*
        """,
    good="""
        FROM debian:12.7-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\
            && rm -rf /var/lib/apt/lists/*
        """,
    example_lang="dockerfile",
    notes="""
        Off by default: version pins on OS packages break builds when the distribution drops old
        versions; digest-pinned bases plus an update bot are the preferred control. Each unpinned
        package is its own finding (hadolint reports one per RUN). A quoted `'pkg>=1.0'` is a range,
        not a pin: pip needs `==`/`===` (hadolint DL3013 accepts any version operator); an unquoted
        `pkg>=1.0` is a shell redirect, so the package really is unpinned.
        """,
    refs=("DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"),
)
def unpinned_packages(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for run in run_commands(dockerfile):
        found = package_command(run.command)
        if found is None:
            continue
        names = set(unpinned(found))
        for word in found.operands:
            if word.text in names:
                yield Violation(
                    f"{found.tool} installs {word.text!r} without a version; pin it (or use a lockfile)",
                    at=run.at(word),
                    evidence=f"{found.tool} {word.text}",
                )
