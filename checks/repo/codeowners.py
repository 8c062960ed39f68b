"""REPO010 codeowners-missing-for-sensitive-paths."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from linter.context import Context
from linter.location import FixedSpan, Span
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind

_LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
_LINTER_FILES = (".gitops-lint.yaml", ".gitops-lint.yml", ".gitops-lint-baseline.json")


def _owned(path: str, rules: list[tuple[str, bool]]) -> bool:
    """CODEOWNERS semantics: the last matching pattern decides; a pattern with no owner un-owns."""
    result = False
    for pattern, has_owner in rules:
        anchored = pattern.startswith("/")
        body = pattern.strip("/")
        candidates = [path] if anchored or "/" in body else [path, *path.split("/")]
        glob = body + ("/**" if pattern.endswith("/") else "")
        if any(
            fnmatch.fnmatchcase(c, glob) or fnmatch.fnmatchcase(c, body) or c.startswith(body + "/") for c in candidates
        ):
            result = has_owner
    return result


@Rule(
    id="REPO010",
    slug="codeowners-missing-for-sensitive-paths",
    title="Sensitive repository paths have no code owner.",
    severity=Severity.MEDIUM,
    nist=("4.3.1", "4.4.5"),
    target=Target.REPO,
    summary="""
        Reports a repository without CODEOWNERS (`.github/`, root, `docs/` or `.gitlab/`), or whose
        patterns (the last match wins) leave without an owner: Argo CD Application/ApplicationSet/
        AppProject files, Flux `flux-system/` directories and Kustomization files, CI workflows and
        `.gitlab-ci.yml`, Dockerfiles, CODEOWNERS itself, and gitops-lint's configuration and baseline.
        """,
    rationale="""
        In GitOps the merge is the deploy. Without required owner review, anyone with write access can
        change what production runs, widen a project or turn a check off, with a second pair of eyes only
        by chance.
        """,
    notes="""
        A tree with none of these paths (no entry points, CI, Dockerfiles or linter configuration) needs
        no CODEOWNERS and is not reported.
        """,
    fix="Add CODEOWNERS entries for deploy entry points, CI, Dockerfiles and security configuration, and "
    "require owner review.",
    bad="""
        # file: .github/CODEOWNERS
        /apps/ @acme/web
        # file: .github/workflows/build.yml
        on: push
        """,
    good="""
        # file: .github/CODEOWNERS
        * @acme/platform
        /apps/ @acme/web
        # file: .github/workflows/build.yml
        on: push
        """,
)
def codeowners_missing_for_sensitive_paths(repo: Repository, ctx: Context) -> Iterator[Violation]:
    owners = next((repo.file(p) for p in _LOCATIONS if repo.file(p) is not None), None)
    if owners is None:
        if not _sensitive(repo, ""):
            return  # nothing that needs an owner: no entry points, CI, Dockerfiles or linter config
        first = repo.files[0].path if repo.files else "."
        yield Violation(
            "no CODEOWNERS file: deploy entry points, CI and Dockerfiles have no required reviewer",
            at=FixedSpan(Span.at_line(first, 1)),
            evidence="no-codeowners",
        )
        return
    rules: list[tuple[str, bool]] = []
    for line in (owners.text or "").splitlines():
        parts = line.split("#", 1)[0].split()
        if parts:
            rules.append((parts[0], len(parts) > 1))
    unowned = sorted(p for p in _sensitive(repo, owners.path) if not _owned(p, rules))
    if unowned:
        shown = ", ".join(unowned[:5]) + (f" and {len(unowned) - 5} more" if len(unowned) > 5 else "")
        yield Violation(
            f"CODEOWNERS leaves sensitive paths without an owner: {shown}",
            at=FixedSpan(Span.at_line(owners.path, 1, owners.line_text(1))),
            evidence="unowned:" + ",".join(unowned),
        )


def _sensitive(repo: Repository, codeowners: str) -> set[str]:
    paths = {codeowners} if codeowners else set()
    for source in repo.files:
        path = source.path
        if (
            source.kind == FileKind.DOCKERFILE
            or path.startswith(".github/workflows/")
            or path == ".gitlab-ci.yml"
            or "/flux-system/" in f"/{path}"
            or path.rpartition("/")[2] in _LINTER_FILES
        ):
            paths.add(path)
    for resource in repo.resources:
        if resource.render_root is None and (
            (resource.group == "argoproj.io" and resource.kind in ("Application", "ApplicationSet", "AppProject"))
            or (resource.group == "kustomize.toolkit.fluxcd.io" and resource.kind == "Kustomization")
        ):
            paths.add(resource.src)
    return paths
