"""ORC025 namespace-without-pod-security-admission."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.k8s import Resource, seq_texts
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar

ENFORCE = "pod-security.kubernetes.io/enforce"
ENFORCING_LEVELS = ("baseline", "restricted")


def _declared_namespaces(ctx: Context) -> frozenset[str]:
    def build() -> frozenset[str]:
        return frozenset(
            r.name for r in ctx.repo.resources if r.kind == "Namespace" and r.group == "" and r.name is not None
        )

    return ctx.shared("orc.declared-namespaces", build)


def _judge(labels: YNode | None, fallback: YNode, what: str) -> Iterator[Violation]:
    """The enforce label of a label map (``labels``), or its absence."""
    label = labels.get(ENFORCE) if isinstance(labels, YMap) else None
    if label is None:
        yield Violation(
            f"{what} has no {ENFORCE} label: any pod, privileged ones included, is admitted; label it "
            f"`{ENFORCE}: restricted` (or baseline)",
            at=labels if isinstance(labels, YMap) else fallback,
        )
        return
    value = label.value if isinstance(label, YScalar) else None
    if value not in ENFORCING_LEVELS:
        shown = value if isinstance(value, str) else "not a level"
        yield Violation(
            f"{what} sets {ENFORCE}: {shown}, which enforces no restriction; use restricted (or baseline)",
            at=label,
        )


def _creates_namespace(spec: YMap) -> YNode | None:
    """The `CreateNamespace=true` sync option of an Argo CD application spec."""
    options = spec.at("syncPolicy.syncOptions")
    for text, node in seq_texts(options):
        if text.replace(" ", "") == "CreateNamespace=true":
            return node
    return None


def _argo_spec(resource: Resource) -> YMap | None:
    if resource.group != "argoproj.io":
        return None
    node = resource.root.at("spec" if resource.kind == "Application" else "spec.template.spec")
    return node if isinstance(node, YMap) else None


@Rule(
    id="ORC025",
    slug="namespace-without-pod-security-admission",
    title="A namespace does not enforce a Pod Security Standard.",
    severity=Severity.MEDIUM,
    nist=("4.4.3", "4.1.2", "4.4.5"),
    target=Target.OBJECT,
    kinds=frozenset({"Namespace", "Application", "ApplicationSet"}),
    summary="""
        Reports a v1 Namespace outside config `psa_exempt_namespaces` whose labels lack
        `pod-security.kubernetes.io/enforce` or set it to something other than `baseline` or
        `restricted` (e.g. `privileged`). For a namespace an Argo CD Application (or ApplicationSet
        template) creates with the `CreateNamespace=true` sync option, the labels are those of
        `spec.syncPolicy.managedNamespaceMetadata`. Namespaces not declared in the repository are
        not evaluated.
        """,
    rationale="""
        Pod Security Admission is the built-in control that stops privileged, host-namespace and
        root pods from being created; a namespace without an enforce level admits them all, so a
        single bad manifest or a compromised deploy credential can take over a node.
        """,
    fix="Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline`).",
    bad="""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/warn: restricted
        """,
    good="""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: restricted
        """,
    notes="""
        No exemption is made for Kyverno or Gatekeeper policies (the catalogue's stricter choice;
        suppress with a reason). `warn` and `audit` labels do not count: they block nothing. An
        Argo CD Application that creates a namespace which the repository also declares as a
        Namespace object is not judged: the declared object is. ApplicationSet templates whose
        destination namespace is templated are judged by their labels alone.
        """,
    refs=("PSS/PSA namespace labels", "Kubescape C-0192", "NSA/CISA pod security"),
)
def pod_security_admission(resource: Resource, ctx: Context) -> Iterator[Violation]:
    exempt = ctx.config.psa_exempt_namespaces
    if resource.kind == "Namespace":
        if resource.group != "" or resource.name is None or resource.name in exempt:
            return
        metadata = resource.metadata
        if metadata is None:
            return
        where = metadata.get("name") or resource.kind_node()
        yield from _judge(metadata.get("labels"), where, f'Namespace "{resource.name}"')
        return
    spec = _argo_spec(resource)
    option = _creates_namespace(spec) if spec is not None else None
    if spec is None or option is None:
        return
    namespace = spec.text_at("destination.namespace")
    if not namespace or namespace in exempt or namespace in _declared_namespaces(ctx):
        return
    managed = spec.at("syncPolicy.managedNamespaceMetadata")
    labels = managed.get("labels") if isinstance(managed, YMap) else None
    fallback = managed if isinstance(managed, YMap) else option
    what = f'the namespace "{namespace}" that {resource.describe()} creates (managedNamespaceMetadata)'
    yield from _judge(labels, fallback, what)
