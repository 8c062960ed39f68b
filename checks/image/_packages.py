"""Package-manager commands read the way the package managers read them.

`apt-get -y install curl` and `apt-get install -y curl` are the same command: options are skipped
(with the value of those that take one), the first operand is the verb, the rest are packages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.shell import Command, Word

APT, APK, RPM, ZYPPER, PIP, NPM, YARN, GEM, GO = "apt", "apk", "rpm", "zypper", "pip", "npm", "yarn", "gem", "go"

MANAGERS = {
    "apt-get": APT,
    "apt": APT,
    "aptitude": APT,
    "apk": APK,
    "yum": RPM,
    "dnf": RPM,
    "microdnf": RPM,
    "tdnf": RPM,
    "zypper": ZYPPER,
    "npm": NPM,
    "yarn": YARN,
    "gem": GEM,
    "go": GO,
}
OS_MANAGERS = frozenset({APT, APK, RPM, ZYPPER})

# Options that take a separate value, per manager (`--opt=value` needs no entry).
_VALUED: dict[str, frozenset[str]] = {
    APT: frozenset({"-o", "--option", "-t", "--target-release", "-c", "--config-file", "-a", "--host-architecture"}),
    APK: frozenset(
        {"-X", "--repository", "-p", "--root", "-t", "--virtual", "--repositories-file", "--keys-dir", "--arch"}
        | {"--cache-dir", "--cache-max-age"}
    ),
    RPM: frozenset(
        {"-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo", "--setopt", "-x"}
        | {"--exclude", "--repo", "--repoid", "-d", "--debuglevel", "-e", "--errorlevel", "--forcearch"}
        | {"--downloaddir", "--destdir"}
    ),
    ZYPPER: frozenset({"-R", "--root", "-r", "--repo", "-c", "--config", "--from", "-t", "--type"}),
    PIP: frozenset(
        {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "--trusted-host"}
        | {"-t", "--target", "--prefix", "--root", "-f", "--find-links", "--platform", "--python-version"}
        | {"--implementation", "--abi", "--cache-dir", "--src", "--upgrade-strategy", "--progress-bar", "--log"}
        | {"--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--only-binary"}
        | {"--no-binary", "-e", "--editable", "--config-settings", "-C", "--report", "--python"}
    ),
    NPM: frozenset({"--prefix", "--registry", "--cache", "--tag", "--userconfig", "-w", "--workspace", "--omit"}),
    YARN: frozenset({"--cwd", "--registry", "--cache-folder", "--modules-folder", "--network-timeout"}),
    GEM: frozenset({"-v", "--version", "-s", "--source", "-i", "--install-dir", "-n", "--bindir", "--platform"}),
    GO: frozenset({"-C", "-p", "-mod", "-modfile", "-tags", "-ldflags", "-gcflags", "-o", "-overlay", "-pkgdir"}),
}
INSTALL_VERBS: dict[str, frozenset[str]] = {
    APT: frozenset({"install"}),
    APK: frozenset({"add"}),
    RPM: frozenset({"install", "groupinstall", "localinstall", "reinstall"}),
    ZYPPER: frozenset({"install", "in"}),
    PIP: frozenset({"install"}),
    NPM: frozenset({"install", "i", "add", "isntall", "in", "ins", "inst", "insta", "instal", "isnt", "isnta"}),
    YARN: frozenset({"add"}),
    GEM: frozenset({"install"}),
    GO: frozenset({"install"}),
}
_PYTHON = re.compile(r"^python[0-9.]*$")
_PIP = re.compile(r"^pip[0-9.]*$")


@dataclass(slots=True)
class PackageCommand:
    manager: str  # apt, apk, rpm, zypper, pip, npm, yarn, gem, go
    tool: str  # the program as named: apt-get, dnf, pip3...
    command: Command
    verb: Word | None
    operands: list[Word]  # after the verb

    @property
    def action(self) -> str:
        return self.verb.text if self.verb is not None else ""

    @property
    def installs(self) -> bool:
        return self.action in INSTALL_VERBS.get(self.manager, frozenset())

    def packages(self) -> list[Word]:
        """Operands that name packages: not variables, local paths, URLs or archive files."""
        return [w for w in self.operands if is_package_word(w.text)]


def is_package_word(text: str) -> bool:
    if not text or "$" in text or "://" in text or text.startswith(("/", "./", "../", "~", ".", "@/")):
        return False
    lowered = text.lower()
    return not lowered.endswith((".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".tgz", ".zip", ".gem", ".txt"))


def package_command(command: Command) -> PackageCommand | None:
    """The package-manager reading of ``command``, or None when it is not a package manager."""
    words = command.words
    name = command.name
    if _PYTHON.match(name) and len(words) > 2 and words[1].text == "-m" and _PIP.match(words[2].text):
        words, name = words[2:], "pip"
    manager = PIP if _PIP.match(name) else MANAGERS.get(name)
    if manager is None:
        return None
    tool = Command(words)
    valued = _VALUED.get(manager, frozenset())
    operands = tool.operands(valued)
    if manager == YARN and operands and operands[0].text == "global":
        operands = operands[1:]
    verb = operands[0] if operands else None
    if manager == YARN and verb is None:
        return PackageCommand(manager, name, command, None, [])  # bare `yarn` installs
    return PackageCommand(manager, name, command, verb, operands[1:])


def package_name(manager: str, text: str) -> str:
    """The package name of an install operand, without version, release or architecture."""
    if manager in (APT, ZYPPER):
        text = re.split(r"[=<>]", text, maxsplit=1)[0].split(":", 1)[0]
    elif manager == APK:
        text = re.split(r"[=~<>]", text, maxsplit=1)[0]
    elif manager == RPM:
        match = re.match(r"^(.+?)-\d", text)
        text = match.group(1) if match else text
        text = text.rsplit(".", 1)[0] if text.endswith((".x86_64", ".noarch", ".aarch64")) else text
    return text.lower()


def installs_package(found: PackageCommand, names: frozenset[str]) -> list[Word]:
    """The operands of an OS package install that name one of ``names``."""
    if found.manager not in OS_MANAGERS or not found.installs:
        return []
    return [w for w in found.packages() if package_name(found.manager, w.text) in names]


REMOVE_VERBS: dict[str, frozenset[str]] = {
    APT: frozenset({"remove", "purge", "autoremove"}),
    APK: frozenset({"del"}),
    RPM: frozenset({"remove", "erase", "autoremove"}),
    ZYPPER: frozenset({"remove", "rm"}),
}


def removed_packages(found: PackageCommand) -> set[str]:
    """The package names (and apk `--virtual` group names) an OS package command removes."""
    if found.action not in REMOVE_VERBS.get(found.manager, frozenset()):
        return set()
    return {package_name(found.manager, w.text) for w in found.operands if not w.text.startswith("-")}


def virtual_group(found: PackageCommand) -> str | None:
    """The name of the `apk add --virtual <name>` group the packages of ``found`` join."""
    if found.manager != APK or not found.installs:
        return None
    option = found.command.option_word("--virtual") or found.command.option_word("-t")
    return option[0].lower() if option is not None else None
