"""ARGO007 project-role-too-broad."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from checks.argocd._argo import project_spec, texts
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar


@Rule(
    id="ARGO007",
    slug="project-role-too-broad",
    title="An AppProject role grants wildcard permissions or non-expiring tokens.",
    severity=Severity.MEDIUM,
    nist=("4.3.2", "4.3.1"),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    summary="""
        Reports project role policy lines (`p, proj:<project>:<role>, <resource>, <action>, <object>,
        <effect>`) that allow action `*` or object `*` / `<project>/*`, and role JWT tokens without an
        expiry (`exp` absent or 0).
        """,
    rationale="""
        Project roles are typically handed to CI systems as JWT tokens. A wildcard lets the token delete
        or override any Application of the project, and a token that never expires stays valid after the
        system that held it is retired or compromised.
        """,
    fix="Grant specific actions on specific applications and issue tokens with an expiry.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          roles:
            - name: ci
              policies:
                - p, proj:web-team:ci, applications, *, web-team/*, allow
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          roles:
            - name: ci
              policies:
                - p, proj:web-team:ci, applications, sync, web-team/web, allow
        """,
)
def project_role_too_broad(project: Resource, ctx: Context) -> Iterator[Violation]:
    if project.group != "argoproj.io":
        return
    roles = project_spec(project).seq("roles")
    for role in roles.maps() if roles is not None else ():
        for line, node in texts(role.get("policies")):
            fields = next(csv.reader([line], skipinitialspace=True), [])
            if len(fields) < 6 or fields[0] != "p" or fields[5].strip() != "allow":
                continue
            action, target = fields[3].strip(), fields[4].strip()
            if action == "*" or target in ("*", f"{project.name}/*"):
                yield Violation(
                    f"{project.describe()} role {role.text('name')!r} allows action {action!r} on "
                    f"{target!r}; grant specific actions on specific applications",
                    at=node,
                )
        tokens = role.seq("jwtTokens")
        for token in tokens.maps() if tokens is not None else ():
            expiry = token.get("exp")
            if not isinstance(expiry, YScalar) or expiry.value in (None, 0, "0"):
                yield Violation(
                    f"{project.describe()} role {role.text('name')!r} has a token that never expires; issue "
                    "tokens with an expiry",
                    at=token,
                    evidence=f"token:{token.text('iat')}",
                )
