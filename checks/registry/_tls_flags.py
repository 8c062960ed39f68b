"""Command lines that turn registry TLS off (REG012): helm, kaniko, buildah/podman/skopeo, crane,
cosign, oras and buildx flags, and `docker login http://...`."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._hosts import host_of, is_loopback
from linter.imageref import DOCKER_HUB, parse_image
from linter.shell import Command, Word

_FALSE = ("false", "0")
_TRUE = ("true", "1")
# Tool -> flags that switch TLS verification or TLS itself off when given (or set to true).
_ON_FLAGS: dict[str, tuple[str, ...]] = {
    "helm": ("--insecure-skip-tls-verify", "--plain-http"),
    "kaniko": ("--insecure", "--insecure-pull", "--skip-tls-verify", "--skip-tls-verify-pull"),
    "crane": ("--insecure",),
    "cosign": ("--allow-insecure-registry", "--allow-http-registry"),
    "oras": ("--insecure", "--plain-http"),
}
_KANIKO_PER_REGISTRY = ("--insecure-registry", "--skip-tls-verify-registry")
# Flags that keep TLS verification on unless set to false.
_VERIFY_FLAGS = ("--tls-verify", "--src-tls-verify", "--dest-tls-verify")
_VERIFYING_TOOLS = frozenset({"buildah", "podman", "skopeo"})


def tool_of(command: Command) -> str:
    name = command.name
    if name in ("executor", "kaniko") or (command.words and command.words[0].text.endswith("/kaniko/executor")):
        return "kaniko"
    return name


def flag_bypasses(command: Command) -> Iterator[tuple[Word, str]]:
    """(word, what it does) for every TLS bypass on this command line, loopback targets exempt."""
    tool = tool_of(command)
    found = list(_bypasses(command, tool))
    if found and not _only_loopback(command):
        yield from found
    if tool == "kaniko":
        yield from _per_registry(command)


def _per_registry(command: Command) -> Iterator[tuple[Word, str]]:
    """kaniko's `--insecure-registry` / `--skip-tls-verify-registry` name the registry they open."""
    words = command.arg_words
    for index, word in enumerate(words):
        flag, has_value, value = word.text.partition("=")
        if flag not in _KANIKO_PER_REGISTRY:
            continue
        if not has_value:
            value = words[index + 1].text if index + 1 < len(words) else ""
        if value and not is_loopback(value):
            yield word, f"kaniko {flag} {value}"


def _bypasses(command: Command, tool: str) -> Iterator[tuple[Word, str]]:
    for word in command.arg_words:
        flag, has_value, value = word.text.partition("=")
        if flag in _ON_FLAGS.get(tool, ()) and (not has_value or value.lower() in _TRUE):
            yield word, f"{tool} {flag}"
        elif tool in _VERIFYING_TOOLS and flag in _VERIFY_FLAGS and has_value and value.lower() in _FALSE:
            yield word, f"{tool} {word.text}"
        elif tool == "docker" and "registry.insecure=true" in word.text:
            yield word, "buildx registry.insecure=true"
    if tool == "docker" and command.args[:1] == ["login"]:
        for word in command.operands({"-u", "--username", "-p", "--password"}):
            if word.text.lower().startswith("http://"):
                yield word, f"docker login {word.text}"


def _only_loopback(command: Command) -> bool:
    """Whether every registry the command names is a loopback one (and it names at least one)."""
    hosts: list[str] = []
    for word in command.arg_words:
        text = word.text.partition("=")[2] if word.text.startswith("-") else word.text
        for item in text.split(","):
            part = item.partition("=")[2] if item.startswith(("name=", "ref=")) else item
            if "://" in part:
                hosts.append(host_of(part))
                continue
            image = parse_image(part) if "/" in part or ":" in part else None
            if image is not None and image.registry != DOCKER_HUB:
                hosts.append(image.registry)
    return bool(hosts) and all(is_loopback(host) for host in hosts)
