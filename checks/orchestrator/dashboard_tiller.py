"""ORC028 dashboard-or-tiller-deployed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from checks.orchestrator._kinds import is_ingress, is_service, name_node, service_selector, service_selects
from linter.cmdline import argv
from linter.context import Context
from linter.gitops.namespaces import landing
from linter.imageref import parse_image
from linter.k8s import PodSpec, Resource
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

TILLER_IMAGES = ("/tiller",)
DASHBOARD_IMAGES = (
    "/kubernetesui/dashboard",
    "/kubernetesui/dashboard-api",
    "/kubernetesui/dashboard-web",
    "/kubernetesui/dashboard-auth",
    "/kubernetes-dashboard-amd64",
)
TILLER_LABELS = {"app": "helm", "name": "tiller"}
DASHBOARD_LABELS = (("k8s-app", "kubernetes-dashboard"), ("app.kubernetes.io/name", "kubernetes-dashboard"))
UNSAFE_DASHBOARD_ARGS = ("--enable-skip-login", "--disable-settings-authorizer")
RBAC = "rbac.authorization.k8s.io"


def _image_node(pod: PodSpec, suffixes: tuple[str, ...]) -> YNode | None:
    """The `image` key of the first container whose image repository ends with one of ``suffixes``."""
    for container in pod.containers():
        node = container.node.get("image")
        image = parse_image(node.value) if isinstance(node, YScalar) and isinstance(node.value, str) else None
        if image is not None and ("/" + image.repository).endswith(suffixes):
            return node
    return None


def _anchor(pod: PodSpec) -> YNode:
    for container in pod.containers():
        node = container.node.get("image")
        if node is not None:
            return node
    return name_node(pod.resource)


def _backend_services(ingress: Resource) -> set[str]:
    """Names of the Services an Ingress routes to (v1 and v1beta1 backends)."""
    spec = ingress.root.map("spec")
    backends: list[YNode | None] = []
    if spec is not None:
        backends += [spec.get("defaultBackend"), spec.get("backend")]
        rules = spec.seq("rules")
        for rule in rules.maps() if rules is not None else ():
            paths = rule.at("http.paths")
            backends += [p.get("backend") for p in paths.maps()] if isinstance(paths, YSeq) else []
    names = set()
    for backend in backends:
        if isinstance(backend, YMap):
            name = backend.text_at("service.name") or backend.text("serviceName")
            if name:
                names.add(name)
    return names


@dataclass(slots=True)
class _Exposure:
    """Per namespace: the Services (with type and selector) and what Ingresses route to."""

    services: dict[str, list[tuple[Resource, str, dict[str, str]]]]
    ingress_backends: dict[str, set[str]]
    cluster_admins: set[tuple[str | None, str]]  # (namespace, service account) bound to cluster-admin


def _exposure(ctx: Context) -> _Exposure:
    services: dict[str, list[tuple[Resource, str, dict[str, str]]]] = defaultdict(list)
    backends: dict[str, set[str]] = defaultdict(set)
    admins: set[tuple[str | None, str]] = set()
    for resource in ctx.repo.resources:
        place = landing(ctx, resource).place(resource)
        if is_service(resource):
            kind = resource.root.text_at("spec.type") or "ClusterIP"
            services[place].append((resource, kind, service_selector(resource)))
        elif is_ingress(resource):
            backends[place] |= _backend_services(resource)
        elif resource.group == RBAC and resource.kind in ("ClusterRoleBinding", "RoleBinding"):
            ref = resource.root.map("roleRef")
            if ref is None or ref.text("kind") != "ClusterRole" or ref.text("name") != "cluster-admin":
                continue
            subjects = resource.root.seq("subjects")
            for subject in subjects.maps() if subjects is not None else ():
                name = subject.text("name")
                if subject.text("kind") == "ServiceAccount" and name:
                    admins.add((subject.text("namespace") or landing(ctx, resource).namespace, name))
    return _Exposure(services, backends, admins)


def _dashboard_escalations(pod: PodSpec, ctx: Context) -> list[str]:
    """Why a dashboard is critical: unsafe args, a cluster-admin identity, exposure."""
    reasons = []
    for container in pod.containers():
        for item in argv(container):
            flag = item.text.split("=", 1)[0]
            if flag in UNSAFE_DASHBOARD_ARGS and not item.text.endswith("=false"):
                reasons.append(f"runs with {flag}")
    resource = pod.resource
    where = landing(ctx, resource)
    exposure = ctx.shared("orc.exposure", lambda: _exposure(ctx))
    account = pod.node.text("serviceAccountName") or pod.node.text("serviceAccount") or "default"
    if (where.namespace, account) in exposure.cluster_admins:
        reasons.append(f'its service account "{account}" is bound to cluster-admin')
    labels = pod.pod_labels()
    for service, kind, selector in exposure.services.get(where.place(resource), ()):
        if not service_selects(selector, labels):
            continue
        if kind in ("NodePort", "LoadBalancer"):
            reasons.append(f"{service.describe()} exposes it as {kind}")
        if service.name in exposure.ingress_backends.get(where.place(resource), set()):
            reasons.append(f"an Ingress routes to {service.describe()}")
    return reasons


def _is_tiller(pod: PodSpec) -> bool:
    labels = pod.pod_labels()
    return _image_node(pod, TILLER_IMAGES) is not None or all(labels.get(k) == v for k, v in TILLER_LABELS.items())


@Rule(
    id="ORC028",
    slug="dashboard-or-tiller-deployed",
    title="Kubernetes Dashboard or Helm v2 Tiller is deployed.",
    severity=Severity.HIGH,
    nist=("4.3.1", "4.3.2"),
    target=Target.REPO,
    summary="""
        Reports (critical) Helm v2 Tiller: a workload with a container image whose repository ends
        with `/tiller` or pod labels `app: helm` and `name: tiller`, and a Service selecting such pods.
        Reports the Kubernetes Dashboard: a workload with a `kubernetesui/dashboard` (or
        `dashboard-api`, `dashboard-web`, `dashboard-auth`) or `kubernetes-dashboard-amd64` image,
        or pod labels `k8s-app` / `app.kubernetes.io/name: kubernetes-dashboard`; critical when it
        runs with `--enable-skip-login` or `--disable-settings-authorizer`, when its service account
        is bound to cluster-admin, or when a NodePort/LoadBalancer Service or an Ingress exposes it.
        """,
    rationale="""
        Tiller accepts unauthenticated gRPC from any pod and deploys anything with cluster-admin
        rights. The Dashboard is a web front end to the API: with skip-login, a privileged service
        account or public exposure it hands the cluster to whoever reaches it.
        """,
    fix="Remove Tiller (use Helm 3); remove the dashboard or keep it internal with SSO and a read-only role.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tiller-deploy
          namespace: kube-system
        spec:
          selector:
            matchLabels: {app: helm, name: tiller}
          template:
            metadata:
              labels: {app: helm, name: tiller}
            spec:
              containers:
                - name: tiller
                  image: ghcr.io/helm/tiller:v2.17.0
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: ghcr.io/acme/api:1.0.0
        """,
    notes="""
        A workload found by its labels alone is reported at its first container's image. "Bound to
        cluster-admin" means a RoleBinding or ClusterRoleBinding in the repository whose roleRef is the
        ClusterRole cluster-admin and whose subjects name the pod's service account (`default` when
        unset). Exposure is judged within the namespace: Services that select the dashboard's pods,
        and Ingresses that route to such a Service. Unlike Checkov CKV_K8S_33, other `kubernetesui`
        images (such as the metrics scraper) are not the dashboard; unlike CKV_K8S_45, a Tiller that
        listens on localhost only is still reported: Tiller itself is what the catalogue forbids.
        """,
    refs=(
        "CKV_K8S_33",
        "CKV_K8S_34",
        "CKV_K8S_44",
        "CKV_K8S_45",
        "Kubescape C-0014",
        "KSV102",
        "Kyverno disallow-helm-tiller",
    ),
)
def dashboard_tiller(repo: Repository, ctx: Context) -> Iterator[Violation]:
    tiller_pods: dict[str, list[dict[str, str]]] = defaultdict(list)
    for pod in repo.pod_specs:
        resource = pod.resource
        if _is_tiller(pod):
            tiller_pods[landing(ctx, resource).place(resource)].append(pod.pod_labels())
            yield Violation(
                f"{resource.describe()} deploys Helm v2 Tiller, which installs anything for any pod that can reach "
                "it; remove it and use Helm 3",
                at=_image_node(pod, TILLER_IMAGES) or _anchor(pod),
                severity=Severity.CRITICAL,
                subject=resource,
            )
            continue
        labels = pod.pod_labels()
        image = _image_node(pod, DASHBOARD_IMAGES)
        if image is None and not any(labels.get(k) == v for k, v in DASHBOARD_LABELS):
            continue
        reasons = _dashboard_escalations(pod, ctx)
        detail = f" and {'; '.join(reasons)}" if reasons else ""
        yield Violation(
            f"{resource.describe()} deploys the Kubernetes Dashboard{detail}; remove it, or keep it internal behind "
            "SSO with a read-only service account",
            at=image or _anchor(pod),
            severity=Severity.CRITICAL if reasons else None,
            subject=resource,
        )
    for service in repo.resources:
        if not is_service(service):
            continue
        selector = service_selector(service)
        place = landing(ctx, service).place(service)
        selects_tiller_labels = all(selector.get(k) == v for k, v in TILLER_LABELS.items())
        if selects_tiller_labels or any(service_selects(selector, labels) for labels in tiller_pods.get(place, ())):
            yield Violation(
                f"{service.describe()} exposes Helm v2 Tiller; remove it together with Tiller",
                at=name_node(service),
                severity=Severity.CRITICAL,
                subject=service,
            )
