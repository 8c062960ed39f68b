"""ARGO010 insecure-repository-transport."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import apps_of, generators, secret_type, secret_values
from linter.context import Context
from linter.gitops.urls import is_loopback
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

_REPOSITORY_SECRETS = frozenset({"repository", "repo-creds", "repository-write", "repo-write-creds"})
_CREDENTIALS = ("password", "sshPrivateKey", "githubAppPrivateKey", "tlsClientCertKey", "bearerToken")
_INSECURE_FLAGS = ("insecure", "insecureIgnoreHostKey", "insecureOCIForceHttp")


def _plaintext(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "git://")) and not is_loopback(str(url))


@Rule(
    id="ARGO010",
    slug="insecure-repository-transport",
    title="Argo CD fetches a repository over plaintext or without TLS/host-key verification.",
    severity=Severity.HIGH,
    nist=("4.2.1",),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet", "Secret"}),
    summary="""
        Reports `repoURL`s of Application and ApplicationSet sources and ApplicationSet git generators,
        and repository Secrets' `url`, that start with `http://` or `git://` (loopback hosts exempt);
        and repository Secrets with `insecure`, `insecureIgnoreHostKey` or `insecureOCIForceHttp` set to
        "true" — critical when that Secret also holds credentials.
        """,
    rationale="""
        Without TLS or host-key verification anyone on the network path can serve Argo CD different
        manifests (which it then applies with cluster-wide rights) or collect the repository credentials
        it sends.
        """,
    fix="Use https:// or ssh:// with verified TLS certificates and known_hosts.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web
          source: {repoURL: http://git.internal.example/acme/gitops.git, path: apps/web, targetRevision: v1.0.0}
          destination: {server: https://kubernetes.default.svc, namespace: web}
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: argocd
        spec:
          project: web
          source: {repoURL: https://git.internal.example/acme/gitops.git, path: apps/web, targetRevision: v1.0.0}
          destination: {server: https://kubernetes.default.svc, namespace: web}
        """,
    refs=("argocd-lint AR013",),
)
def insecure_repository_transport(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.kind == "Secret":
        yield from _repository_secret(resource)
        return
    for app in apps_of(resource, ctx):
        for source in app.sources:
            url = source.scalar("repoURL")
            if url is not None and _plaintext(url.text):
                yield Violation(f"{app.describe()} fetches {url.text} without TLS; use https:// or ssh://", at=url)
    if resource.kind == "ApplicationSet":
        for kind, spec in generators(resource):
            url = spec.scalar("repoURL")
            if kind == "git" and url is not None and _plaintext(url.text):
                yield Violation(f"{resource.describe()} git generator reads {url.text} without TLS", at=url)


def _repository_secret(secret: Resource) -> Iterator[Violation]:
    if secret_type(secret) not in _REPOSITORY_SECRETS:
        return
    values = secret_values(secret)
    has_credentials = any(values.get(key, ("", None))[0] for key in _CREDENTIALS)
    severity = Severity.CRITICAL if has_credentials else None
    url = values.get("url")
    if url is not None and _plaintext(url[0]):
        yield Violation(f"repository {secret.describe()} points at {url[0]} without TLS", at=url[1], severity=severity)
    for flag in _INSECURE_FLAGS:
        value = values.get(flag)
        if value is not None and value[0].strip().lower() == "true":
            node: YScalar = value[1]
            what = "credentials are sent to an unverified server" if has_credentials else "the server is not verified"
            yield Violation(f"repository {secret.describe()} sets {flag}: true; {what}", at=node, severity=severity)
