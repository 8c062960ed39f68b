"""ARGO006 project-source-integrity-missing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.argocd._argo import allowed, is_git_source, project_spec, texts
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode

_GIT_LIKE = re.compile(r"(\.git$|^git@|^ssh://|github\.com|gitlab\.com|bitbucket\.org)")


def _policies(spec: YMap) -> list[YMap] | None:
    git = spec.at("sourceIntegrity.git")
    if not isinstance(git, YMap):
        return None
    policies = git.seq("policies")
    return list(policies.maps()) if policies is not None else []


def _policy_urls(policy: YMap) -> list[str]:
    repos = policy.seq("repos")
    return [r.text("url") or "" for r in repos.maps()] if repos is not None else []


@Rule(
    id="ARGO006",
    slug="project-source-integrity-missing",
    title="An AppProject syncs Git sources without commit-signature verification.",
    severity=Severity.LOW,
    nist=("4.1.5", "4.3.1"),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    summary="""
        For each Git repository the project's Applications in this repository use (or, without any, its
        Git-looking `sourceRepos`), checks that exactly one `sourceIntegrity.git.policies[]` entry covers
        it with `gpg.mode` `head` or `strict` and keys. Reports uncovered repositories (medium for
        production projects), several matching policies (medium: Argo CD fails the sync), legacy
        `signatureKeys` next to `sourceIntegrity` (medium: Argo CD ignores them), and coverage only by
        legacy keys or by `mode: head` on a production project (low).
        """,
    rationale="""
        Without signature verification Argo CD deploys whatever commit the branch points at: anyone who
        can push (or a compromised CI token) can deploy to the cluster. Verification ties deploys to the
        people whose keys the project trusts.
        """,
    fix="Add sourceIntegrity git policies with mode `strict` and the team's signing keys for every source repo.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          sourceRepos: ["https://github.com/acme/web-gitops.git"]
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          sourceRepos: ["https://github.com/acme/web-gitops.git"]
          sourceIntegrity:
            git:
              policies:
                - repos: [{url: "https://github.com/acme/*"}]
                  gpg:
                    mode: strict
                    keys: ["4AEE18F83AFDEB23"]
        """,
)
def project_source_integrity_missing(project: Resource, ctx: Context) -> Iterator[Violation]:
    if project.group != "argoproj.io":
        return
    spec = project_spec(project)
    prod = ctx.gitops.is_prod(project)
    urls = sorted(
        {
            source.text("repoURL") or ""
            for app in ctx.gitops.argo_apps
            if app.project is not None and app.project.value == project.name
            for source in app.sources
            if is_git_source(source)
        }
        - {""}
    )
    if not urls:
        urls = [
            text
            for text, _ in texts(spec.get("sourceRepos"))
            if not text.startswith("!") and _GIT_LIKE.search(text) and "*" not in text
        ]
    policies = _policies(spec)
    legacy = spec.seq("signatureKeys")
    has_legacy = legacy is not None and len(legacy) > 0
    if policies is not None and has_legacy:
        yield Violation(
            f"{project.describe()} has both sourceIntegrity and legacy signatureKeys; Argo CD ignores signatureKeys",
            at=spec.get("signatureKeys") or spec,
            severity=Severity.MEDIUM,
            evidence="legacy-ignored",
        )
    uncovered: list[str] = []
    for url in urls:
        if policies is None:
            if has_legacy:
                yield Violation(
                    f"{project.describe()} verifies {url} only through legacy signatureKeys (mode head); "
                    "move to sourceIntegrity policies with mode strict",
                    at=spec,
                    evidence=f"legacy:{url}",
                )
            else:
                uncovered.append(url)
            continue
        matching = [p for p in policies if allowed(_policy_urls(p), url)]
        if len(matching) > 1:
            yield Violation(
                f"{project.describe()} has {len(matching)} sourceIntegrity policies for {url}; Argo CD "
                "fails such syncs",
                at=spec.get("sourceIntegrity") or spec,
                severity=Severity.MEDIUM,
                evidence=f"several:{url}",
            )
            continue
        policy = matching[0] if matching else None
        gpg = policy.map("gpg") if policy is not None else None
        mode = gpg.scalar("mode") if gpg is not None else None
        keys = gpg.seq("keys") if gpg is not None else None
        if mode is None or mode.value not in ("head", "strict") or not keys:
            uncovered.append(url)
        elif mode.value == "head" and prod:
            where: YNode = mode
            yield Violation(
                f"{project.describe()} verifies only the head commit of {url} for production; use mode strict",
                at=where,
                evidence=f"head:{url}",
            )
    if uncovered:
        yield Violation(
            f"{project.describe()} syncs {', '.join(uncovered)} without commit-signature verification; "
            "add sourceIntegrity git policies with keys",
            at=spec,
            severity=Severity.MEDIUM if prod else None,
            evidence="uncovered:" + ",".join(uncovered),
        )
