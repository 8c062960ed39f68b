"""Registry client configuration files that turn TLS off (REG012): Docker's daemon.json,
containerd's config.toml and certs.d hosts.toml, containers' registries.conf, k3s/rke2
registries.yaml, buildkitd.toml, and Helm chart dependencies."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass

from checks.registry._hosts import is_loopback
from linter.location import FixedSpan, Located, Span
from linter.sourcefile import FileKind, SourceFile
from linter.tomllines import TomlEntry, entries
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar, YSeq


@dataclass(slots=True)
class Bypass:
    at: Located
    message: str


def config_bypasses(source: SourceFile) -> Iterator[Bypass]:
    name = source.path.rpartition("/")[2]
    if name == "daemon.json":
        yield from _daemon_json(source)
    elif name in ("registries.yaml", "registries.yml"):
        yield from _k3s_registries(source)
    elif source.kind == FileKind.HELM_CHART or name == "Chart.yaml":
        yield from _chart_dependencies(source)
    elif name == "hosts.toml":
        yield from _hosts_toml(source)
    elif name == "buildkitd.toml":
        yield from _buildkitd(source)
    elif name == "registries.conf" or fnmatch.fnmatch(source.path, "*registries.conf.d/*.conf"):
        yield from _registries_conf(source)
    elif name in ("config.toml", "config.toml.tmpl", "config-v3.toml.tmpl") and "containerd" in (source.text or ""):
        yield from _containerd(source)


def _roots(source: SourceFile) -> Iterator[YMap]:
    docs = source.docs
    if not docs and source.kind == FileKind.JSON and source.text:
        # Only JSON manifests are parsed by the loader; a client configuration is read here.
        docs = parse_yaml(source.text, source.path).docs
    for doc in docs:
        if isinstance(doc.root, YMap):
            yield doc.root


def _strings(node: YNode | None) -> Iterator[YScalar]:
    for item in node.items if isinstance(node, YSeq) else ():
        if isinstance(item, YScalar) and isinstance(item.value, str):
            yield item


def _daemon_json(source: SourceFile) -> Iterator[Bypass]:
    for root in _roots(source):
        for item in _strings(root.get("insecure-registries")):
            if not is_loopback(item.value):
                yield Bypass(item, f"daemon.json lists {item.value!r} in insecure-registries (TLS not verified)")


def _k3s_registries(source: SourceFile) -> Iterator[Bypass]:
    for root in _roots(source):
        configs = root.map("configs")
        for host, config in configs.items.items() if configs is not None else ():
            skip = config.at("tls.insecure_skip_verify") if isinstance(config, YMap) else None
            if isinstance(skip, YScalar) and skip.value is True and not is_loopback(host):
                yield Bypass(skip, f"registries.yaml sets tls.insecure_skip_verify for {host!r}")
        mirrors = root.map("mirrors")
        for host, mirror in mirrors.items.items() if mirrors is not None else ():
            for endpoint in _strings(mirror.get("endpoint") if isinstance(mirror, YMap) else None):
                if endpoint.value.lower().startswith("http://") and not is_loopback(endpoint.value):
                    yield Bypass(
                        endpoint, f"registries.yaml mirror of {host!r} uses plain-HTTP endpoint {endpoint.value!r}"
                    )


def _chart_dependencies(source: SourceFile) -> Iterator[Bypass]:
    for root in _roots(source):
        dependencies = root.get("dependencies")
        for dependency in dependencies.maps() if isinstance(dependencies, YSeq) else ():
            repository = dependency.scalar("repository")
            url = repository.value if repository is not None and isinstance(repository.value, str) else ""
            if repository is not None and url.lower().startswith("http://") and not is_loopback(url):
                name = dependency.text("name") or "?"
                yield Bypass(repository, f"chart dependency {name!r} is fetched over plain HTTP from {url!r}")


def _toml(source: SourceFile) -> list[TomlEntry]:
    return entries(source.text or "", source.path)


def _hosts_toml(source: SourceFile) -> Iterator[Bypass]:
    namespace = source.path.rpartition("/")[0].rpartition("/")[2]  # certs.d/<namespace>/hosts.toml
    http_hosts: set[int] = set()
    for entry in _toml(source):
        in_host = entry.table[:1] == ("host",) and len(entry.table) > 1
        host = entry.table[1] if in_host else namespace
        if entry.key == ("skip_verify",) and entry.value is True and not is_loopback(host):
            yield Bypass(entry, f"hosts.toml sets skip_verify = true for {host!r}")
        elif entry.key == ("server",) and _plain_http(entry.value):
            yield Bypass(entry, f"hosts.toml server {entry.value!r} uses plain HTTP")
        if in_host and _plain_http(host) and entry.table_line not in http_hosts:
            http_hosts.add(entry.table_line)
            header = source.line_text(entry.table_line)
            at = FixedSpan(Span(source.path, entry.table_line, 1, entry.table_line, len(header) + 1))
            yield Bypass(at, f"hosts.toml host {host!r} uses plain HTTP")


def _plain_http(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith("http://") and not is_loopback(value)


def _containerd(source: SourceFile) -> Iterator[Bypass]:
    for entry in _toml(source):
        if entry.key[-1:] == ("insecure_skip_verify",) and entry.value is True:
            path = entry.dotted
            host = path[path.index("configs") + 1] if "configs" in path[:-1] else ""
            if not is_loopback(host):
                yield Bypass(
                    entry,
                    f"containerd registry config{f' for {host!r}' if host else ''} sets insecure_skip_verify = true",
                )


def _registries_conf(source: SourceFile) -> Iterator[Bypass]:
    found = _toml(source)
    locations = {e.block: e.value for e in found if e.key == ("location",) and isinstance(e.value, str)}
    for entry in found:
        if entry.key == ("insecure",) and entry.value is True:
            location = locations.get(entry.block, "")
            if not is_loopback(location):
                yield Bypass(entry, f"registries.conf marks {location or 'a registry'!r} insecure = true")
        elif entry.dotted == ("registries", "insecure", "registries") and _any_remote(entry.value):
            yield Bypass(entry, "registries.conf lists insecure registries (TLS not verified)")


def _any_remote(value: object) -> bool:
    return isinstance(value, list) and any(isinstance(v, str) and not is_loopback(v) for v in value)


def _buildkitd(source: SourceFile) -> Iterator[Bypass]:
    for entry in _toml(source):
        path = entry.dotted
        if (
            len(path) == 3
            and path[0] == "registry"
            and path[2] in ("http", "insecure")
            and entry.value is True
            and not is_loopback(path[1])
        ):
            yield Bypass(entry, f"buildkitd.toml sets {path[2]} = true for registry {path[1]!r}")
