"""FLUX013 post-build-substitution-hazard."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.location import FixedSpan, Span
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap

# ${VAR}, ${VAR:=default}, ${VAR:-default}; `$${` escapes a literal.
_VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=][^}]*)?\}")
_DISABLED = "kustomize.toolkit.fluxcd.io/substitute"


def _variables_from(repo: Repository, spec: YMap, namespace: str | None) -> tuple[set[str], set[str], bool]:
    """(defined names, names that come from Secrets, every non-optional source is in the repository)."""
    post_build = spec.map("postBuild")
    defined: set[str] = set()
    secret: set[str] = set()
    complete = True
    if post_build is None:
        return defined, secret, complete
    inline = post_build.map("substitute")
    defined.update(inline.items if inline is not None else ())
    sources = post_build.seq("substituteFrom")
    for ref in sources.maps() if sources is not None else ():
        kind, name = ref.text("kind"), ref.text("name")
        holder = next(
            (
                r
                for r in repo.resources
                if r.kind == kind and r.name == name and r.group == "" and (r.namespace or namespace) == namespace
            ),
            None,
        )
        if holder is None:
            complete &= ref.value("optional") is True
            continue
        names: set[str] = set()
        for field in ("data", "stringData"):
            section = holder.root.map(field)
            names.update(section.items if section is not None else ())
        defined |= names
        if kind == "Secret":
            secret |= names
    return defined, secret, complete


@Rule(
    id="FLUX013",
    slug="post-build-substitution-hazard",
    title="Flux post-build substitution can blank values or copy secrets into plain objects.",
    severity=Severity.MEDIUM,
    nist=("4.1.4",),
    target=Target.REPO,
    summary="""
        For Kustomizations with `spec.postBuild`, reads the manifests under `spec.path` in this
        repository: reports, as low, `${VAR}` references (not escaped as `$${`) with no default whose
        variable neither `substitute` nor a `substituteFrom` source in the repository defines (judged only
        when every non-optional source is in the repository; objects annotated
        `kustomize.toolkit.fluxcd.io/substitute: disabled` are skipped) — Flux replaces them with an
        empty string; and variables that come from a Secret used in a non-Secret object, which copies the
        secret into clear text.
        """,
    rationale="""
        An unset variable silently becomes an empty string — an empty image tag, namespace or CIDR — and
        a Secret-sourced variable substituted into a ConfigMap or annotation leaves the secret readable
        to everyone who can read that object.
        """,
    fix="Escape literal `$` as `$${`, annotate objects that must not be substituted, and reference Secrets "
    "instead of substituting them.",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          postBuild:
            substitute: {cluster: prod}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: apps}
        data:
          region: ${region}
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          path: ./
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          postBuild:
            substitute: {cluster: prod}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: apps}
        data:
          region: ${region:=eu-west-1}
        """,
)
def post_build_substitution_hazard(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for kustomization in ctx.gitops.flux_objects("Kustomization"):
        spec = spec_of(kustomization)
        path = spec.text("path")
        if not is_flux(kustomization) or spec.map("postBuild") is None or path is None or "$" in path:
            continue
        directory = posixpath.normpath(path.lstrip("/")).removeprefix("./")
        directory = "" if directory == "." else directory
        defined, secret, complete = _variables_from(repo, spec, kustomization.namespace)
        for resource in repo.resources:
            if directory and not resource.src.startswith(directory + "/"):
                continue
            if resource.annotations().get(_DISABLED) == "disabled" or resource is kustomization:
                continue
            yield from _references(resource, repo, defined, secret, complete)


def _references(
    resource: Resource, repo: Repository, defined: set[str], secret: set[str], complete: bool
) -> Iterator[Violation]:
    source = repo.file(resource.src)
    if source is None or source.text is None:
        return
    root = resource.root
    for number in range(root.line, root.end_line + 1):
        line = source.line_text(number)
        for match in _VARIABLE.finditer(line):
            name, default = match.group(1), match.group(2)
            span = FixedSpan(Span(resource.src, number, match.start() + 1, number, match.end() + 1))
            if name in secret and resource.kind != "Secret":
                yield Violation(
                    f"{resource.describe()} receives Secret-sourced variable ${{{name}}} in clear text",
                    at=span,
                    subject=resource,
                    evidence=f"secret:{name}",
                )
            elif complete and default is None and name not in defined:
                yield Violation(
                    f"{resource.describe()} uses ${{{name}}}, which no postBuild source defines: Flux "
                    "substitutes an empty string",
                    at=span,
                    subject=resource,
                    severity=Severity.LOW,
                    evidence=f"undefined:{name}",
                )
