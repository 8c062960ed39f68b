"""ARGO020 server-access-too-broad."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

_SENSITIVE = ("applications", "clusters", "repositories", "*")


def _admin_roles(policy_csv: str) -> set[str]:
    """Roles whose policy lines allow `*` on applications, clusters or repositories."""
    roles: set[str] = set()
    for fields in csv.reader(policy_csv.splitlines(), skipinitialspace=True):
        if (
            len(fields) >= 5
            and fields[0].strip() == "p"
            and fields[2].strip() in _SENSITIVE
            and fields[3].strip() == "*"
            and (len(fields) < 6 or fields[5].strip() != "deny")
        ):
            roles.add(fields[1].strip())
    return roles | {"role:admin"}


@Rule(
    id="ARGO020",
    slug="server-access-too-broad",
    title="Argo CD grants admin to everyone, allows anonymous access, or relies on the local admin without SSO.",
    severity=Severity.HIGH,
    nist=("4.3.2", "4.3.1"),
    target=Target.OBJECT,
    kinds=frozenset({"ConfigMap"}),
    summary="""
        Reads `argocd-rbac-cm` and `argocd-cm` when they are in the repository: reports a `policy.default`
        of `role:admin` (or of a role whose `policy.csv` allows `*` on applications, clusters or
        repositories), `users.anonymous.enabled: "true"`, and — as medium — the local `admin` account left
        enabled (the default) while neither `oidc.config` nor `dex.config` configures SSO.
        """,
    rationale="""
        The default role applies to every authenticated user; anonymous access applies to everyone who
        can reach the API. Either way, anybody can sync or delete Applications that deploy with
        cluster-wide rights. A local admin without SSO has no MFA and no central offboarding.
        """,
    fix="Set policy.default to `role:readonly` (or empty), disable anonymous access, configure SSO and disable "
    "the local admin.",
    bad="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-rbac-cm
          namespace: argocd
        data:
          policy.default: role:admin
        """,
    good="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-rbac-cm
          namespace: argocd
        data:
          policy.default: role:readonly
        """,
    notes="Helm values of the argo-cd chart (configs.rbac, configs.cm) are judged once the chart is rendered.",
)
def server_access_too_broad(resource: Resource, ctx: Context) -> Iterator[Violation]:
    data = resource.root.map("data")
    if resource.group != "" or data is None:
        return
    if resource.name == "argocd-rbac-cm":
        default = data.scalar("policy.default")
        policy = data.text("policy.csv") or ""
        if isinstance(default, YScalar) and default.text.strip() in _admin_roles(policy):
            yield Violation(
                f"argocd-rbac-cm gives every authenticated user {default.text.strip()} (policy.default); "
                "use role:readonly or nothing",
                at=default,
            )
    elif resource.name == "argocd-cm":
        yield from _argocd_cm(data)


def _argocd_cm(data: YMap) -> Iterator[Violation]:
    anonymous = data.scalar("users.anonymous.enabled")
    if anonymous is not None and anonymous.text.strip().lower() == "true":
        yield Violation("argocd-cm lets anonymous users in (users.anonymous.enabled: true)", at=anonymous)
    admin = data.scalar("admin.enabled")
    sso = any(data.text(key) for key in ("oidc.config", "dex.config"))
    if not sso and (admin is None or admin.text.strip().lower() != "false"):
        yield Violation(
            "argocd-cm keeps the local admin account without SSO (no oidc.config or dex.config); "
            "configure SSO and set admin.enabled: false",
            at=admin if admin is not None else data,
            severity=Severity.MEDIUM,
            evidence="local-admin",
        )
