"""ARGO003 project-destination-wildcard."""

from __future__ import annotations

from collections.abc import Iterator

from checks.argocd._argo import glob, project_spec
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

# A server pattern that matches these matches any cluster.
_SAMPLE_SERVERS = ("https://kubernetes.default.svc", "https://10.0.0.1:6443", "https://a.example.com")


@Rule(
    id="ARGO003",
    slug="project-destination-wildcard",
    title="An AppProject allows deployment to any cluster or namespace, or to control-plane namespaces.",
    severity=Severity.HIGH,
    nist=("4.3.4", "4.3.1"),
    target=Target.OBJECT,
    kinds=frozenset({"AppProject"}),
    summary="""
        Reports `destinations[]` entries (without `!`) whose `server` matches every cluster (`*`,
        `https://*`) or whose `name` is `*`, whose `namespace` is `*`, or whose namespace glob matches
        `kube-system` or the Argo CD namespace while the project has no `!kube-system` / `!<argocd
        namespace>` entry.
        """,
    rationale="""
        Destinations are the project's tenancy boundary. A wildcard lets the project's Applications
        deploy into any cluster Argo CD knows, or into kube-system and argocd, where a workload can take
        over the control plane.
        """,
    fix="Enumerate the destination clusters and namespaces; deny control-plane namespaces explicitly.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          destinations:
            - server: "*"
              namespace: "*"
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: web-team
          namespace: argocd
        spec:
          destinations:
            - server: https://kubernetes.default.svc
              namespace: web-*
        """,
    refs=("argocd-lint AR012",),
)
def project_destination_wildcard(project: Resource, ctx: Context) -> Iterator[Violation]:
    if project.group != "argoproj.io":
        return
    destinations = project_spec(project).seq("destinations")
    entries = list(destinations.maps()) if destinations is not None else []
    protected = ("kube-system", ctx.config.argocd_namespace)
    denied = {(e.text("namespace") or "")[1:] for e in entries if (e.text("namespace") or "").startswith("!")}
    for entry in entries:
        server, name, namespace = entry.scalar("server"), entry.scalar("name"), entry.scalar("namespace")
        if (
            server is not None
            and isinstance(server.value, str)
            and not server.value.startswith("!")
            and all(glob(server.value, s) for s in _SAMPLE_SERVERS)
        ):
            yield Violation(f"{project.describe()} allows any destination cluster (server {server.value!r})", at=server)
        if name is not None and name.value == "*":
            yield Violation(f"{project.describe()} allows any destination cluster (name '*')", at=name)
        if (
            not isinstance(namespace, YScalar)
            or not isinstance(namespace.value, str)
            or namespace.value.startswith("!")
        ):
            continue
        if namespace.value == "*":
            yield Violation(
                f"{project.describe()} allows deployment into any namespace, control plane included", at=namespace
            )
            continue
        exposed = [ns for ns in protected if glob(namespace.value, ns) and not any(glob(d, ns) for d in denied)]
        if exposed:
            yield Violation(
                f"{project.describe()} namespace pattern {namespace.value!r} allows "
                f"{', '.join(exposed)}; deny control-plane namespaces explicitly",
                at=namespace,
            )
