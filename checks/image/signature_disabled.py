"""IMG009 package-signature-check-disabled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.image._packages import APK, APT, RPM, ZYPPER, package_command
from checks.image._run import RunCommand, run_commands
from checks.image._settings import settings, written_texts
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Word

_FLAGS: dict[str, tuple[str, ...]] = {
    APK: ("--allow-untrusted",),
    APT: ("--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"),
    RPM: ("--nogpgcheck",),
    ZYPPER: ("--no-gpg-checks", "--no-gpg-check"),
}
_RPM_FLAGS = ("--nosignature", "--nodigest", "--noverify", "--nofiledigest")
_WRITTEN = (
    (re.compile(r"\[[^\]\n]*\b(?:trusted|allow-insecure)=yes\b[^\]\n]*\]"), "an apt source marked {0}"),
    (re.compile(r"\bgpgcheck\s*=\s*(?:0|false|no)\b", re.IGNORECASE), "a package repository with {0}"),
    (
        re.compile(
            r"\b(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)\s*=?\s*\"?(?:true|1|yes)\b",
            re.IGNORECASE,
        ),
        "an apt setting {0}",
    ),
)


def _flags(run: RunCommand) -> Iterator[Word]:
    command = run.command
    if command.name == "rpm":
        for word in command.arg_words:
            if word.text in _RPM_FLAGS:
                yield word
        return
    found = package_command(command)
    if found is None:
        return
    for word in command.arg_words:
        if word.text in _FLAGS.get(found.manager, ()):
            yield word


@Rule(
    id="IMG009",
    slug="package-signature-check-disabled",
    title="A package manager is told to skip signature verification.",
    severity=Severity.HIGH,
    nist=("4.1.3", "4.1.5"),
    target=Target.DOCKERFILE,
    summary="""
        Reports `apk --allow-untrusted`; apt/apt-get `--allow-unauthenticated`,
        `--allow-insecure-repositories`, `--force-yes` or `-o APT::Get::AllowUnauthenticated=true`;
        apt sources written with `[trusted=yes]` or `[allow-insecure=yes]`; yum/dnf/tdnf/microdnf
        `--nogpgcheck`; zypper `--no-gpg-checks`; `gpgcheck=0` passed with `--setopt` or written
        to a repository file; `rpm --nosignature`/`--nodigest`/`--noverify`/`--nofiledigest`; and
        `GOSUMDB=off` or `GONOSUMCHECK=1` set by ENV, ARG or inline.
        """,
    rationale="""
        Package signatures are what make a mirror, a proxy or the network path unable to slip a
        modified package into the image. Turning the check off accepts anything that arrives.
        """,
    fix="Remove the flag and import the repository's signing key instead.",
    bad="""
        FROM debian:12.7-slim
        RUN echo "deb [trusted=yes] https://apt.example.com stable main" > /etc/apt/sources.list.d/acme.list \\
            && apt-get update && apt-get install -y --allow-unauthenticated acme-agent
        """,
    good="""
        FROM debian:12.7-slim
        COPY acme-archive-keyring.gpg /usr/share/keyrings/acme.gpg
        RUN echo "deb [signed-by=/usr/share/keyrings/acme.gpg] https://apt.example.com stable main" \\
                > /etc/apt/sources.list.d/acme.list \\
            && apt-get update && apt-get install -y acme-agent
        """,
    example_lang="dockerfile",
    notes="""
        Flags count only on the package manager they belong to, and written settings are found in
        RUN arguments and heredoc bodies (RUN, COPY, ADD), so quoting a flag in `echo` is not a
        finding while writing `gpgcheck=0` into a `.repo` file is. apt.conf settings
        (`APT::Get::AllowUnauthenticated "true"`) written to a file are reported as well.
        `repo_gpgcheck=0` (metadata signatures, off by default) is not reported. `apt` counts like
        `apt-get` (Checkov CKV2_DOCKER_8 and CKV2_DOCKER_11 only match `apt-get`).
        """,
    refs=("CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11", "CIS Docker 4.11"),
)
def package_signature_check_disabled(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    for setting in settings(dockerfile):
        upper, value = setting.name.upper(), setting.value.strip().lower()
        if (upper == "GOSUMDB" and value == "off") or (upper == "GONOSUMCHECK" and value == "1"):
            yield Violation(
                f"{setting.describe()}={setting.value} turns off Go module checksum verification; remove it",
                at=setting.at,
                evidence=f"setting {upper}",
            )
    for run in run_commands(dockerfile):
        for word in _flags(run):
            yield Violation(
                f"{run.command.name} {word.text} skips package signature verification; "
                "remove it and import the repository's signing key",
                at=run.at(word),
                evidence=f"{run.command.name} {word.text}",
            )
    for written in written_texts(dockerfile):
        for pattern, what in _WRITTEN:
            for match in pattern.finditer(written.text):
                described = what.format(match.group(0))
                yield Violation(
                    f"the build writes {described}, which skips signature verification; "
                    "remove it and import the signing key",
                    at=written.at(match.start(), match.end()),
                    evidence=described,
                )
