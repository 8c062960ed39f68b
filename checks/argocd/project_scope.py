"""ARGO013 application-outside-project-scope."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import allowed, apps_of, glob, maps, project_spec, texts
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap


def _destination_allowed(project: YMap, destination: YMap) -> bool:
    server, name = destination.text("server"), destination.text("name")
    namespace = destination.text("namespace") or ""
    entries = maps(project.get("destinations"))
    cluster_ok = [
        e
        for e in entries
        if (server and glob(e.text("server") or "", server)) or (name and glob(e.text("name") or "", name))
    ]
    positive = [e for e in cluster_ok if not (e.text("namespace") or "").startswith("!")]
    negative = [e for e in cluster_ok if (e.text("namespace") or "").startswith("!")]
    return any(glob(e.text("namespace") or "", namespace) for e in positive) and not any(
        glob((e.text("namespace") or "")[1:], namespace) for e in negative
    )


@Rule(
    id="ARGO013",
    slug="application-outside-project-scope",
    title="An Application is not permitted by its AppProject, or project namespaces are open to any namespace.",
    severity=Severity.HIGH,
    nist=("4.3.2", "4.3.4"),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet", "AppProject"}),
    summary="""
        For an Application whose AppProject is in the repository: its destination is not allowed by the
        project's `destinations`, or a source `repoURL` by its `sourceRepos` (both medium: the sync
        fails); or the Application lives outside the Argo CD namespace and its namespace is not in the
        project's `sourceNamespaces` (high). Also any AppProject whose `sourceNamespaces` contains `*`
        (high): whoever can write an Application in any namespace then acts inside the project.
        """,
    rationale="""
        The project is the security boundary of an Application. A mismatch either breaks deploys
        silently at sync time or, for source namespaces, hands the project's rights to anyone who can
        create Applications in an allowed namespace.
        """,
    fix="Align the Application with its project, and list explicit sourceNamespaces.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web
          namespace: argocd
        spec:
          sourceNamespaces: ["*"]
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web
          namespace: argocd
        spec:
          sourceNamespaces: ["web-apps"]
        """,
    refs=("argocd-lint AR014", "argocd-source-lint project-scope-violation"),
)
def application_outside_project_scope(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.group != "argoproj.io":
        return
    if resource.kind == "AppProject":
        for text, node in texts(project_spec(resource).get("sourceNamespaces")):
            if text == "*":
                yield Violation(
                    f"{resource.describe()} accepts Applications from every namespace "
                    "(sourceNamespaces '*'); list explicit namespaces",
                    at=node,
                )
        return
    for app in apps_of(resource, ctx):
        name = app.project.text if app.project is not None else "default"
        project = ctx.gitops.projects.get(name)
        if project is None:
            continue
        spec = project_spec(project)
        destination = app.destination
        if (
            destination is not None
            and "{{" not in str(destination.to_python())
            and not _destination_allowed(spec, destination)
        ):
            yield Violation(
                f"{app.describe()} deploys to a destination project {name!r} does not allow; the sync fails",
                at=destination,
                severity=Severity.MEDIUM,
                evidence="destination",
            )
        repos = [t for t, _ in texts(spec.get("sourceRepos"))]
        for source in app.sources:
            url = source.scalar("repoURL")
            if url is not None and "{{" not in url.text and not allowed(repos, url.text):
                yield Violation(
                    f"{app.describe()} uses {url.text}, which project {name!r} does not allow in sourceRepos",
                    at=url,
                    severity=Severity.MEDIUM,
                )
        namespace = resource.namespace
        if not app.template and namespace and namespace != ctx.config.argocd_namespace:
            source_namespaces = [t for t, _ in texts(spec.get("sourceNamespaces"))]
            if not allowed(source_namespaces, namespace):
                where = resource.metadata.get("namespace") if resource.metadata is not None else None
                yield Violation(
                    f"{app.describe()} lives in namespace {namespace!r}, which project {name!r} does not "
                    "list in sourceNamespaces",
                    at=where or resource.kind_node(),
                )
