"""Control-plane flags (kube-apiserver, kubelet) and what makes them insecure (ORC027).

Flags come from a static pod's `command`/`args` items (`--name=value`, `--name value`, or a bare
boolean `--name`) or from kubeadm's `apiServer.extraArgs` (a map, or a list of name/value pairs in
v1beta4). When a flag is given twice, the last one wins, as in the binaries' flag parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from linter.cmdline import ArgvItem
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


@dataclass(slots=True)
class Flag:
    value: str
    node: YNode  # the argv item, or the extraArgs entry


@dataclass(slots=True)
class Weakness:
    message: str
    node: YNode
    severity: Severity | None = None


def argv_flags(items: list[ArgvItem]) -> dict[str, Flag]:
    found: dict[str, Flag] = {}
    for index, item in enumerate(items):
        if not item.text.startswith("--"):
            continue
        name, equals, value = item.text[2:].partition("=")
        if not equals:
            following = items[index + 1].text if index + 1 < len(items) else ""
            value = following if following and not following.startswith("-") else "true"
        found[name] = Flag(value.strip(), item.node)
    return found


def extra_args(node: YNode | None) -> dict[str, Flag]:
    found: dict[str, Flag] = {}
    if isinstance(node, YMap):
        for name, value in node.items.items():
            if isinstance(value, YScalar) and value.value is not None:
                found[name] = Flag(value.text if not isinstance(value.value, str) else value.value, value)
    elif isinstance(node, YSeq):
        for entry in node.maps():
            key, item = entry.text("name"), entry.get("value")
            if key and isinstance(item, YScalar) and item.value is not None:
                found[key] = Flag(item.text if not isinstance(item.value, str) else item.value, entry)
    return found


def _listed(value: str) -> list[str]:
    return [part.strip() for part in value.split(",")]


def _is_true(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "t")


def apiserver_weaknesses(flags: dict[str, Flag], anchor: YNode) -> Iterator[Weakness]:
    """``anchor``: where to point for a missing flag (the program's argv item, the extraArgs key)."""
    if (flag := flags.get("anonymous-auth")) is not None and _is_true(flag.value):
        yield Weakness("--anonymous-auth=true lets unauthenticated requests in", flag.node, Severity.CRITICAL)
    if (flag := flags.get("authorization-mode")) is not None and "AlwaysAllow" in _listed(flag.value):
        yield Weakness(
            "--authorization-mode includes AlwaysAllow: every request is authorized", flag.node, Severity.CRITICAL
        )
    if (flag := flags.get("insecure-port")) is not None and flag.value.strip() not in ("0", ""):
        yield Weakness(
            f"--insecure-port={flag.value} serves the API without authentication or TLS", flag.node, Severity.CRITICAL
        )
    if (flag := flags.get("insecure-bind-address")) is not None:
        yield Weakness("--insecure-bind-address exposes the unauthenticated insecure port", flag.node)
    for name in ("token-auth-file", "basic-auth-file"):
        if (flag := flags.get(name)) is not None:
            yield Weakness(f"--{name} uses static, never-expiring credentials", flag.node)
    if (flag := flags.get("kubelet-https")) is not None and flag.value.strip().lower() in ("false", "0", "f"):
        yield Weakness("--kubelet-https=false talks to kubelets over plain HTTP", flag.node)
    if (flag := flags.get("enable-admission-plugins")) is not None and "AlwaysAdmit" in _listed(flag.value):
        yield Weakness("--enable-admission-plugins includes AlwaysAdmit: admission control is bypassed", flag.node)
    if "encryption-provider-config" not in flags:
        yield Weakness(
            "no --encryption-provider-config: Secrets are stored unencrypted in etcd", anchor, Severity.MEDIUM
        )


def kubelet_weaknesses(flags: dict[str, Flag], anchor: YNode) -> Iterator[Weakness]:
    if (flag := flags.get("anonymous-auth")) is not None and _is_true(flag.value):
        yield Weakness("kubelet --anonymous-auth=true lets anyone use the kubelet API", flag.node, Severity.CRITICAL)
    if (flag := flags.get("authorization-mode")) is not None and flag.value.strip() == "AlwaysAllow":
        yield Weakness(
            "kubelet --authorization-mode=AlwaysAllow authorizes every request", flag.node, Severity.CRITICAL
        )
    if (flag := flags.get("read-only-port")) is not None and flag.value.strip() not in ("0", ""):
        yield Weakness(f"kubelet --read-only-port={flag.value} serves pod data without authentication", flag.node)
