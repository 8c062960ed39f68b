"""REG012 registry-tls-disabled."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._hosts import hide_credentials
from checks.registry._tls_configs import config_bypasses
from checks.registry._tls_flags import flag_bypasses
from linter.context import Context
from linter.location import FixedSpan, Span
from linter.pipelines import Step, pipelines, script_span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import parse
from linter.sourcefile import SourceFile

_FIX = "serve the registry over TLS with a trusted CA and remove the bypass"


@Rule(
    id="REG012",
    slug="registry-tls-disabled",
    title="A registry or chart repository is configured without TLS verification or over plain HTTP.",
    severity=Severity.HIGH,
    nist=("4.2.1",),
    target=Target.FILE,
    summary="""
        Reports registry client configuration and command lines that turn TLS off or skip its
        verification: daemon.json `insecure-registries`; containerd `insecure_skip_verify` and
        certs.d `hosts.toml` `skip_verify` or `http://` hosts; registries.conf `insecure = true`;
        k3s/rke2 registries.yaml `insecure_skip_verify` or `http://` mirror endpoints;
        buildkitd.toml `http`/`insecure`; Chart.yaml dependencies over `http://`; and helm,
        kaniko, buildah/podman/skopeo, crane, cosign, oras and buildx flags or `docker login
        http://` in CI workflows, GitLab CI, Makefiles, shell scripts and Dockerfile `RUN`s.
        Loopback registries (`localhost`, 127.0.0.0/8, `::1`) are exempt.
        """,
    rationale="""
        Without verified TLS anyone on the network path can serve a different image or chart, or
        read the registry credentials sent with the pull. Content trust then rests on nothing
        but the network.
        """,
    fix="Serve the registry over TLS with a trusted CA and remove the bypass.",
    bad="""
        {
          "insecure-registries": ["registry.acme.internal:5000"]
        }
        """,
    good="""
        {
          "insecure-registries": ["localhost:5000"]
        }
        """,
    notes="""
        Files are recognised by name: daemon.json, hosts.toml, buildkitd.toml, registries.conf
        (and registries.conf.d/*.conf), registries.yaml, Chart.yaml, and a config.toml that
        mentions containerd. daemon.json findings point at each non-loopback entry of
        `insecure-registries` rather than at the key. kaniko's `--insecure-registry` and
        `--skip-tls-verify-registry` are reported too, judged by the registry they name. Any
        other command-line bypass is exempt only when every registry the
        command names is a loopback one. Commands are read with the shell analyser, so a flag
        inside an `echo` string is not a bypass. A command is located at the flag; in folded
        (`>`) YAML scripts, at the first line that holds it.
        """,
    example_path="etc/docker/daemon.json",
)
def registry_tls_disabled(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if source.fatal:
        return
    for bypass in config_bypasses(source):
        yield Violation(hide_credentials(f"{bypass.message}; {_FIX}"), at=bypass.at)
    for span, what in _command_bypasses(source, ctx):
        message = f"{what} disables registry TLS verification or TLS; {_FIX}"
        yield Violation(hide_credentials(message), at=FixedSpan(span))


def _command_bypasses(source: SourceFile, ctx: Context) -> Iterator[tuple[Span, str]]:
    name = source.path.rpartition("/")[2]
    if source.dockerfile is not None:
        for instr in source.dockerfile.instructions:
            for script in instr.scripts() if instr.keyword == "RUN" else ():
                for command in script.commands():
                    for word, what in flag_bypasses(command):
                        yield script.locate(word.start, word.end), what
    elif source.kind.is_yaml:
        for step in ctx.shared("registry.script-steps", lambda: _script_steps(ctx)).get(source.path, ()):
            yield from _step_bypasses(step, source)
    elif name in ("Makefile", "makefile", "GNUmakefile") or name.endswith(".mk"):
        for number, line in enumerate(source.lines, start=1):
            if line.startswith("\t"):
                body = line[1:].lstrip("@-+ ")
                offset = len(line) - len(body)
                yield from _script_bypasses(body, source.path, number, offset)
    elif name.endswith((".sh", ".bash")) and source.text:
        yield from _script_bypasses(source.text, source.path, 1, 0)


def _script_steps(ctx: Context) -> dict[str, list[Step]]:
    """CI script steps by the file their script is written in (GitLab includes have their own)."""
    found: dict[str, list[Step]] = {}
    for pipeline in pipelines(ctx.repo.files):
        for _, step in pipeline.steps():
            if step.run is not None:
                found.setdefault(step.run.src, []).append(step)
    return found


def _step_bypasses(step: Step, source: SourceFile) -> Iterator[tuple[Span, str]]:
    assert step.run is not None
    for command in step.commands():
        for word, what in flag_bypasses(command):
            yield script_span(step.run, word.start, word.end, source.lines), what


def _script_bypasses(text: str, path: str, first_line: int, first_col: int) -> Iterator[tuple[Span, str]]:
    """Bypasses in a shell script whose offset 0 is at (first_line, first_col + 1)."""
    for command in parse(text, inline=True):
        for word, what in flag_bypasses(command):
            line = first_line + text.count("\n", 0, word.start)
            line_start = text.rfind("\n", 0, word.start) + 1
            col = word.start - line_start + 1 + (first_col if line == first_line else 0)
            yield Span(path, line, col, line, col + word.end - word.start), what
