"""ORC rules about namespaces, network policies, exposure and cluster configuration
(ORC013-ORC022, ORC025-ORC028); the RBAC rules are in test_orchestrator.py."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where

REPO = "https://github.com/acme/gitops"


def deployment(
    name: str = "api", namespace: str | None = None, labels: str = "app: api", extra: str = "", image: str = ""
) -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{ns}
spec:
  selector:
    matchLabels: {{{labels}}}
  template:
    metadata:
      labels: {{{labels}}}
    spec:{extra}
      containers:
        - name: {name}
          image: {image or f"ghcr.io/acme/{name}:1.0.0"}
"""


def argo_app(path: str, namespace: str) -> str:
    return f"""apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app
  namespace: argocd
spec:
  project: default
  source:
    repoURL: {REPO}
    path: {path}
    targetRevision: v1
  destination:
    server: https://kubernetes.default.svc
    namespace: {namespace}
"""


# -- ORC013 ------------------------------------------------------------------------------------


def test_orc013_default_namespace_at_the_namespace_key(lint: Any) -> None:
    found = lint({"d.yaml": deployment(namespace="default")}, "ORC013")
    assert where(found) == [("ORC013", "d.yaml", 5, 3)]
    assert "default namespace" in found[0].message


def test_orc013_no_namespace_at_all_lands_in_default(lint: Any) -> None:
    # Checkov CKV_K8S_21 (checkov/kubernetes/checks/resource/k8s/DefaultNamespace.py) and kube-linter
    # use-namespace fail a manifest without metadata.namespace as well: same verdict.
    found = lint({"d.yaml": deployment()}, "ORC013")
    assert where(found) == [("ORC013", "d.yaml", 4, 3)]
    assert "sets no namespace" in found[0].message


def test_orc013_dedicated_namespace_passes(lint: Any) -> None:
    # Checkov CKV_K8S_21 passes an object with a namespace other than default: same verdict.
    assert lint({"d.yaml": deployment(namespace="shop")}, "ORC013") == []


def test_orc013_kustomization_namespace_is_used(lint: Any) -> None:
    files = {
        "app/d.yaml": deployment(),
        "app/kustomization.yaml": "namespace: shop\nresources: [d.yaml]\n",
    }
    assert lint(files, "ORC013") == []
    files["app/kustomization.yaml"] = "namespace: default\nresources: [d.yaml]\n"
    # The rendered namespace points back at the kustomization line that set it.
    assert where(lint(files, "ORC013")) == [("ORC013", "app/kustomization.yaml", 1, 1)]


def test_orc013_argo_destination_fills_a_missing_namespace(lint: Any) -> None:
    files = {"app/d.yaml": deployment(), "argo/app.yaml": argo_app("app", "shop")}
    assert lint(files, "ORC013", this_repo_urls=[REPO]) == []
    files["argo/app.yaml"] = argo_app("app", "default")
    found = lint(files, "ORC013", this_repo_urls=[REPO])
    assert where(found) == [("ORC013", "app/d.yaml", 4, 3)]
    assert "Argo CD Application's destination namespace" in found[0].message


def test_orc013_argo_kustomize_namespace_overrides_the_build(lint: Any) -> None:
    app = argo_app("app", "shop").replace(
        "    targetRevision: v1\n", "    targetRevision: v1\n    kustomize:\n      namespace: default\n"
    )
    files = {
        "app/d.yaml": deployment(namespace="shop"),
        "app/kustomization.yaml": "resources: [d.yaml]\n",
        "argo/app.yaml": app,
    }
    found = lint(files, "ORC013", this_repo_urls=[REPO])
    assert where(found) == [("ORC013", "app/d.yaml", 5, 3)]
    assert "Argo CD kustomize namespace" in found[0].message
    # Raw manifests (no kustomize build) keep their own namespace.
    del files["app/kustomization.yaml"]
    assert lint(files, "ORC013", this_repo_urls=[REPO]) == []


def test_orc013_flux_target_namespace_overrides(lint: Any) -> None:
    flux = f"""apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  url: {REPO}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: app
  namespace: flux-system
spec:
  path: ./app
  targetNamespace: kube-system
  sourceRef:
    kind: GitRepository
    name: flux-system
"""
    files = {"app/d.yaml": deployment(namespace="shop"), "clusters/prod/app.yaml": flux}
    found = lint(files, "ORC013", this_repo_urls=[REPO])
    assert where(found) == [("ORC013", "app/d.yaml", 5, 3)]
    assert '"kube-system"' in found[0].message and "targetNamespace" in found[0].message


def test_orc013_system_namespace_and_allowlist(lint: Any) -> None:
    files = {"d.yaml": deployment(name="coredns-helper", namespace="kube-system")}
    assert where(lint(files, "ORC013")) == [("ORC013", "d.yaml", 5, 3)]
    assert lint(files, "ORC013", system_workload_allowlist=["kube-system/coredns-*"]) == []


def test_orc013_services_ingresses_and_other_kinds(lint: Any) -> None:
    text = """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
  namespace: default
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: default
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
"""
    found = lint({"all.yaml": text}, "ORC013")
    assert where(found) == [("ORC013", "all.yaml", 17, 3), ("ORC013", "all.yaml", 32, 3)]


# -- network policies (ORC014-ORC017) ----------------------------------------------------------


def policy(name: str, namespace: str, spec: str) -> str:
    return f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: {namespace}
spec:
{spec.strip(chr(10))}
"""


def namespace(name: str, labels: str = "") -> str:
    extra = f"\n  labels:\n{labels.strip(chr(10))}" if labels else ""
    return f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}{extra}\n"


API_ONLY = "  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Ingress]\n"
DENY_ALL = "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"


def test_orc014_reports_the_workload_no_policy_selects(lint: Any) -> None:
    files = {
        "np.yaml": policy("api", "shop", API_ONLY),
        "api.yaml": deployment("api", "shop"),
        "worker.yaml": deployment("worker", "shop", "app: worker"),
    }
    found = lint(files, "ORC014")
    assert where(found) == [("ORC014", "worker.yaml", 4, 3)]
    assert "app=worker" in found[0].message


def test_orc014_match_expressions(lint: Any) -> None:
    def spec(expressions: str) -> str:
        return f"  podSelector:\n    matchExpressions:\n{expressions}  policyTypes: [Ingress]\n"

    worker = deployment("worker", "shop", "app: worker, tier: back")
    cases = {
        "      - {key: tier, operator: In, values: [back, batch]}\n": [],
        "      - {key: app, operator: NotIn, values: [api]}\n": [],
        "      - {key: tier, operator: Exists}\n": [],
        "      - {key: debug, operator: DoesNotExist}\n": [],
        "      - {key: app, operator: NotIn, values: [worker]}\n": ["worker.yaml"],
        "      - {key: debug, operator: Exists}\n": ["worker.yaml"],
        "      - {key: tier, operator: Matches, values: [back]}\n": ["worker.yaml"],  # unknown operator
    }
    for expressions, expected in cases.items():
        files = {"np.yaml": policy("p", "shop", spec(expressions)), "worker.yaml": worker}
        assert [f.span.path for f in lint(files, "ORC014")] == expected, expressions


def test_orc014_namespaces_without_policies_are_left_to_orc015(lint: Any) -> None:
    # kube-linter non-isolated-pod (docs/generated/checks.md: "Alert on deployment-like objects that
    # are not selected by any NetworkPolicy") reports this workload; we deliberately report the
    # namespace once instead (ORC015), as the rule's notes say.
    files = {"worker.yaml": deployment("worker", "shop", "app: worker"), "ns.yaml": namespace("shop")}
    assert lint(files, "ORC014") == []
    assert where(lint(files, "ORC015")) == [("ORC015", "ns.yaml", 4, 3)]


def test_orc014_same_verdict_as_kube_linter_when_the_namespace_has_policies(lint: Any) -> None:
    # kube-linter non-isolated-pod and Checkov CKV2_K8S_6 ("pods which lack an associated
    # NetworkPolicy", a label match): a deployment that no NetworkPolicy selects is reported, one that
    # a policy selects is not.
    files = {"np.yaml": policy("api", "shop", API_ONLY), "api.yaml": deployment("api", "shop")}
    assert lint(files, "ORC014") == []
    files["other.yaml"] = deployment("other", "shop", "app: other")
    assert where(lint(files, "ORC014")) == [("ORC014", "other.yaml", 4, 3)]


def test_orc014_skips_host_network_pods_and_other_namespaces(lint: Any) -> None:
    files = {
        "np.yaml": policy("api", "shop", API_ONLY),
        "host.yaml": deployment("agent", "shop", "app: agent", extra="\n      hostNetwork: true"),
        "np2.yaml": policy("api", "other", "  podSelector: {}\n"),
        "api.yaml": deployment("api", "other"),
    }
    assert lint(files, "ORC014") == []


def test_orc014_cilium_and_calico_policies_cover(lint: Any) -> None:
    worker = deployment("worker", "shop", "app: worker")
    cilium = """apiVersion: cilium.io/v2
kind: {kind}
metadata:
  name: c
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      {labels}
  ingress: [{{}}]
"""
    base = {"np.yaml": policy("api", "shop", API_ONLY), "worker.yaml": worker}
    assert len(lint(base, "ORC014")) == 1
    cnp = cilium.format(kind="CiliumNetworkPolicy", labels="k8s:app: worker")
    # Checkov CKV2_K8S_6 knows only networking.k8s.io policies and still reports this workload.
    assert lint({**base, "c.yaml": cnp}, "ORC014") == []
    ccnp = cilium.format(kind="CiliumClusterwideNetworkPolicy", labels="k8s:io.kubernetes.pod.namespace: shop")
    assert lint({**base, "c.yaml": ccnp}, "ORC014") == []
    elsewhere = cilium.format(kind="CiliumClusterwideNetworkPolicy", labels="k8s:io.kubernetes.pod.namespace: web")
    assert len(lint({**base, "c.yaml": elsewhere}, "ORC014")) == 1
    calico = "apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata:\n  name: c\n  namespace: shop\n"
    calico += "spec:\n  selector: app == 'nothing'\n"
    assert lint({**base, "c.yaml": calico}, "ORC014") == []


def test_orc014_policies_of_another_cluster_do_not_cover(lint: Any) -> None:
    files = {
        "clusters/a/np.yaml": policy("all", "shop", "  podSelector: {}\n"),
        "clusters/b/np.yaml": policy("api", "shop", API_ONLY),
        "clusters/b/worker.yaml": deployment("worker", "shop", "app: worker"),
    }
    assert where(lint(files, "ORC014")) == [("ORC014", "clusters/b/worker.yaml", 4, 3)]
    files["clusters/b/np.yaml"] = policy("all", "shop", "  podSelector: {}\n")
    assert lint(files, "ORC014") == []


def test_orc014_unnamespaced_objects_match_the_policies_beside_them(lint: Any) -> None:
    cron = """apiVersion: v1
kind: ConfigMap
metadata:
  name: c
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: report
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0.0
"""
    np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n" + API_ONLY
    files = {"report/cron.yaml": cron, "report/np.yaml": np}
    found = lint(files, "ORC014")
    assert where(found) == [("ORC014", "report/cron.yaml", 14, 3)]
    assert "namespace is not set" in found[0].message
    files["elsewhere/np.yaml"] = files.pop("report/np.yaml")
    assert lint(files, "ORC014") == []  # nothing deployed beside it: left to ORC015


def test_orc015_namespace_without_default_deny(lint: Any) -> None:
    files = {"ns.yaml": namespace("shop"), "np.yaml": policy("api", "shop", API_ONLY)}
    found = lint(files, "ORC015")
    assert where(found) == [("ORC015", "ns.yaml", 4, 3)]
    assert 'namespace "shop"' in found[0].message
    files["deny.yaml"] = policy("deny", "shop", "  podSelector: {}\n")  # policyTypes absent: Ingress
    assert lint(files, "ORC015") == []


def test_orc015_allow_all_rules_do_not_isolate(lint: Any) -> None:
    allow_all = [
        "  ingress:\n    - {}\n",
        "  ingress:\n    - from: []\n",
        "  ingress:\n    - from:\n        - namespaceSelector: {}\n",
        "  ingress:\n    - from:\n        - namespaceSelector: {}\n          podSelector: {}\n",
        "  ingress:\n    - from:\n        - ipBlock: {cidr: 0.0.0.0/0}\n",
        "  ingress:\n    - from:\n        - ipBlock: {cidr: '::/0'}\n",
    ]
    for rules in allow_all:
        files = {"ns.yaml": namespace("shop"), "np.yaml": policy("p", "shop", DENY_ALL + rules)}
        assert len(lint(files, "ORC015")) == 1, rules
    restricted = [
        "  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: web}}\n",
        "  ingress:\n    - from:\n        - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}\n",
        "  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: a}}\n",
    ]
    for rules in restricted:
        files = {"ns.yaml": namespace("shop"), "np.yaml": policy("p", "shop", DENY_ALL + rules)}
        assert lint(files, "ORC015") == [], rules


def test_orc015_egress_only_policy_does_not_isolate_ingress(lint: Any) -> None:
    files = {
        "ns.yaml": namespace("shop"),
        "np.yaml": policy("p", "shop", "  podSelector: {}\n  policyTypes: [Egress]\n"),
    }
    assert len(lint(files, "ORC015")) == 1


def test_orc015_workload_namespace_reported_at_first_workload(lint: Any) -> None:
    files = {
        "a.yaml": deployment("b", "shop"),
        "b.yaml": deployment("a", "shop"),
        "k.yaml": deployment("k", "kube-system"),
    }
    assert where(lint(files, "ORC015")) == [("ORC015", "a.yaml", 4, 3)]
    assert lint(files, "ORC015", netpol_exempt_namespaces=["shop", "kube-system"]) == []


def test_orc015_cilium_default_deny(lint: Any) -> None:
    cnp = """apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny
  namespace: shop
spec:
  endpointSelector: {}
  ingressDeny:
    - fromEntities: [world]
"""
    assert lint({"ns.yaml": namespace("shop"), "c.yaml": cnp}, "ORC015") == []
    ccnp = """apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: deny
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: shop
  ingress: [{}]
"""
    assert lint({"ns.yaml": namespace("shop"), "c.yaml": ccnp}, "ORC015") == []
    assert len(lint({"ns.yaml": namespace("web"), "c.yaml": ccnp}, "ORC015")) == 1


def test_orc015_in_cluster_argo_destination_is_the_cluster_of_the_application(lint: Any) -> None:
    # The Application lives in the production cluster tree, so its in-cluster destination is that
    # cluster: the default-deny deployed there protects the namespace.
    files = {
        "apps/shop/d.yaml": deployment("api", "shop"),
        "clusters/prod/argocd/app.yaml": argo_app("apps/shop", "shop"),
        "clusters/prod/platform/deny.yaml": policy("deny", "shop", DENY_ALL),
        "clusters/staging/platform/deny.yaml": policy("deny", "web", DENY_ALL),
    }
    assert lint(files, "ORC015", this_repo_urls=[REPO]) == []


def test_orc016_namespace_without_egress_isolation(lint: Any) -> None:
    files = {
        "ns.yaml": namespace("shop"),
        "np.yaml": policy("deny", "shop", "  podSelector: {}\n  policyTypes: [Ingress]\n"),
    }
    found = lint(files, "ORC016")
    assert where(found) == [("ORC016", "ns.yaml", 4, 3)]
    files["np.yaml"] = policy("deny", "shop", DENY_ALL)
    assert lint(files, "ORC016") == []
    # An egress rule that allows everything undoes the isolation.
    files["np.yaml"] = policy("deny", "shop", DENY_ALL + "  egress:\n    - to: []\n")
    assert where(lint(files, "ORC016")) == [("ORC016", "np.yaml", 10, 7), ("ORC016", "ns.yaml", 4, 3)]


def test_orc016_part_a_is_superseded_by_orc015(tmp_path: Any) -> None:
    from tests.conftest import audit_tree

    files = {"ns.yaml": namespace("shop")}
    audit = audit_tree(tmp_path / "both", files, select=["ORC015", "ORC016"])
    assert [f.rule_id for f in audit.result.findings] == ["ORC015"]
    audit = audit_tree(tmp_path / "alone", files, select=["ORC016"])
    assert [f.rule_id for f in audit.result.findings] == ["ORC016"]


def test_orc016_egress_rules_reaching_the_metadata_address(lint: Any) -> None:
    def rule(text: str) -> dict[str, str]:
        spec = DENY_ALL + "  egress:\n" + text
        return {"np.yaml": policy("p", "shop", spec), "ns.yaml": namespace("shop")}

    broad = "    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [10.0.0.0/8]\n"
    found = lint(rule(broad), "ORC016")
    assert where(found) == [("ORC016", "np.yaml", 10, 7)]
    assert "169.254.169.254" in found[0].message
    fixed = broad.replace("[10.0.0.0/8]", "[10.0.0.0/8, 169.254.0.0/16]")
    assert lint(rule(fixed), "ORC016") == []
    link_local = "    - to:\n        - ipBlock: {cidr: 169.254.169.254/32}\n"
    assert len(lint(rule(link_local), "ORC016")) == 1
    ipv6 = "    - to:\n        - ipBlock: {cidr: 'fd00:ec2::/64'}\n"
    assert len(lint(rule(ipv6), "ORC016")) == 1
    pods_only = "    - to:\n        - podSelector: {}\n"
    assert lint(rule(pods_only), "ORC016") == []
    # No `to`, but neither the metadata port nor everything: the usual DNS exception.
    dns = "    - ports:\n        - {port: 53, protocol: UDP}\n"
    assert lint(rule(dns), "ORC016") == []
    http_range = "    - ports:\n        - {port: 1, endPort: 1024}\n"
    assert len(lint(rule(http_range), "ORC016")) == 1
    anything = "    - to: []\n"
    assert len(lint(rule(anything), "ORC016")) == 2  # (a) allows everything, and (b)


def test_orc017_dangling_selector(lint: Any) -> None:
    typo = "  podSelector:\n    matchLabels: {app: apii}\n  policyTypes: [Ingress]\n"
    files = {"np.yaml": policy("api", "shop", typo), "api.yaml": deployment("api", "shop")}
    # kube-linter dangling-networkpolicy ("Indicates when networkpolicies do not have any associated
    # deployments"): reported, as here.
    found = lint(files, "ORC017")
    assert where(found) == [("ORC017", "np.yaml", 7, 3)]
    files["np.yaml"] = policy("api", "shop", API_ONLY)
    assert lint(files, "ORC017") == []
    files["np.yaml"] = policy("all", "shop", "  podSelector: {}\n")
    assert lint(files, "ORC017") == []
    # The selected workload lives in another namespace: dangling.
    files["np.yaml"] = policy("api", "web", API_ONLY)
    assert len(lint(files, "ORC017")) == 1


def test_orc017_bad_shapes_do_not_raise(lint: Any) -> None:
    shapes = [
        "  podSelector: oops\n",
        "  podSelector:\n    matchLabels: [a, b]\n",
        "  podSelector:\n    matchExpressions: {key: a}\n",
        "  podSelector:\n    matchExpressions:\n      - just-a-string\n",
        "  ingress: nope\n  egress: [1, 2]\n  policyTypes: Ingress\n",
    ]
    for shape in shapes:
        files = {"np.yaml": policy("p", "shop", shape), "api.yaml": deployment("api", "shop")}
        for rule in ("ORC014", "ORC015", "ORC016", "ORC017"):
            lint(files, rule)


# -- ORC025 ------------------------------------------------------------------------------------


def test_orc025_missing_and_weak_enforce_labels(lint: Any) -> None:
    files = {
        "ns.yaml": namespace("a")
        + "---\n"
        + namespace("b", "    pod-security.kubernetes.io/warn: restricted\n")
        + "---\n"
        + namespace("c", "    pod-security.kubernetes.io/enforce: privileged\n")
        + "---\n"
        + namespace("d", "    pod-security.kubernetes.io/enforce: baseline\n")
        + "---\n"
        + namespace("e", "    pod-security.kubernetes.io/enforce: restricted\n")
        + "---\n"
        + namespace("kube-system")
    }
    found = lint(files, "ORC025")
    # a: at metadata.name; b: at metadata.labels; c: at the label itself.
    assert where(found) == [("ORC025", "ns.yaml", 4, 3), ("ORC025", "ns.yaml", 10, 3), ("ORC025", "ns.yaml", 18, 5)]
    assert "privileged" in found[2].message
    assert lint(files, "ORC025", psa_exempt_namespaces=["a", "b", "c", "kube-system"]) == []


def test_orc025_argo_created_namespaces(lint: Any) -> None:
    app = argo_app("apps/shop", "shop") + "  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n"
    found = lint({"app.yaml": app}, "ORC025")
    assert where(found) == [("ORC025", "app.yaml", 16, 19)]
    assert 'namespace "shop"' in found[0].message
    managed = (
        app + "    managedNamespaceMetadata:\n      labels:\n        pod-security.kubernetes.io/enforce: {level}\n"
    )
    assert where(lint({"app.yaml": managed.format(level="privileged")}, "ORC025")) == [("ORC025", "app.yaml", 19, 9)]
    assert lint({"app.yaml": managed.format(level="restricted")}, "ORC025") == []
    # Without CreateNamespace=true Argo CD creates nothing; a declared Namespace is judged on its own.
    assert lint({"app.yaml": argo_app("apps/shop", "shop")}, "ORC025") == []
    declared = {"app.yaml": app, "ns.yaml": namespace("shop", "    pod-security.kubernetes.io/enforce: baseline\n")}
    assert lint(declared, "ORC025") == []


def test_orc025_odd_shapes(lint: Any) -> None:
    odd = [
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: [x]\n",
        "apiVersion: v1\nkind: Namespace\nmetadata: 3\n",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n"
        "    pod-security.kubernetes.io/enforce: {x: 1}\n",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  syncPolicy: 1\n",
    ]
    assert [len(lint({"x.yaml": text}, "ORC025")) for text in odd] == [1, 0, 1, 0]


# -- Services and Ingresses (ORC018-ORC022) ------------------------------------------------------


def service(spec: str, annotations: str = "", name: str = "api") -> str:
    extra = f"\n  annotations:\n{annotations.rstrip(chr(10))}" if annotations else ""
    return f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: shop{extra}\nspec:\n{spec}"


PORTS = "  selector: {app: api}\n  ports:\n    - port: 80\n      targetPort: 8080\n"


def test_orc018_node_port_and_open_load_balancers(lint: Any) -> None:
    # kube-linter exposed-services (forbidden-service-types) reports NodePort and LoadBalancer
    # Services and passes ClusterIP: the same verdicts for these three.
    found = lint({"s.yaml": service("  type: NodePort\n" + PORTS)}, "ORC018")
    assert where(found) == [("ORC018", "s.yaml", 7, 3)]
    assert "NodePort" in found[0].message
    assert len(lint({"s.yaml": service("  type: LoadBalancer\n" + PORTS)}, "ORC018")) == 1
    assert lint({"s.yaml": service("  type: ClusterIP\n" + PORTS)}, "ORC018") == []
    assert lint({"s.yaml": service(PORTS)}, "ORC018") == []


def test_orc018_restricted_or_internal_load_balancers_pass(lint: Any) -> None:
    # Deliberately unlike kube-linter exposed-services, which reports every LoadBalancer.
    ranges = "  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]\n" + PORTS
    assert lint({"s.yaml": service(ranges)}, "ORC018") == []
    empty = "  type: LoadBalancer\n  loadBalancerSourceRanges: []\n" + PORTS
    assert len(lint({"s.yaml": service(empty)}, "ORC018")) == 1
    internal = [
        '    service.beta.kubernetes.io/aws-load-balancer-internal: "true"\n',
        "    service.beta.kubernetes.io/aws-load-balancer-scheme: internal\n",
        "    networking.gke.io/load-balancer-type: Internal\n",
        "    cloud.google.com/load-balancer-type: Internal\n",
        '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n',
        '    service.beta.kubernetes.io/oci-load-balancer-internal: "true"\n',
    ]
    for annotation in internal:
        assert lint({"s.yaml": service("  type: LoadBalancer\n" + PORTS, annotation)}, "ORC018") == [], annotation
    public = "    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n"
    assert len(lint({"s.yaml": service("  type: LoadBalancer\n" + PORTS, public)}, "ORC018")) == 1


def test_orc019_external_ips(lint: Any) -> None:
    found = lint({"s.yaml": service(PORTS + "  externalIPs:\n    - 203.0.113.10\n")}, "ORC019")
    assert where(found) == [("ORC019", "s.yaml", 11, 3)]
    assert "203.0.113.10" in found[0].message
    assert lint({"s.yaml": service(PORTS + "  externalIPs: []\n")}, "ORC019") == []
    assert lint({"s.yaml": service(PORTS + "  externalIPs: 1.2.3.4\n")}, "ORC019") == []


def ingress(spec: str, annotations: str = "", api: str = "networking.k8s.io/v1") -> str:
    extra = f"\n  annotations:\n{annotations.rstrip(chr(10))}" if annotations else ""
    return f"apiVersion: {api}\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop{extra}\nspec:\n{spec}"


RULES = "  rules:\n    - host: shop.example.com\n    - host: api.shop.example.com\n    - http: {}\n"


def test_orc020_no_tls_section(lint: Any) -> None:
    found = lint({"i.yaml": ingress(RULES)}, "ORC020")
    assert where(found) == [("ORC020", "i.yaml", 8, 7)]  # the first host: there is no tls key
    assert where(lint({"i.yaml": ingress("  tls: []\n" + RULES)}, "ORC020")) == [("ORC020", "i.yaml", 7, 3)]
    legacy = ingress(RULES, api="extensions/v1beta1")
    assert len(lint({"i.yaml": legacy}, "ORC020")) == 1
    other = ingress(RULES, api="example.com/v1")
    assert lint({"i.yaml": other}, "ORC020") == []


def test_orc020_uncovered_hosts_and_wildcards(lint: Any) -> None:
    tls = "  tls:\n    - hosts: [shop.example.com]\n      secretName: s\n"
    assert where(lint({"i.yaml": ingress(tls + RULES)}, "ORC020")) == [("ORC020", "i.yaml", 12, 7)]
    wildcard = "  tls:\n    - hosts: [shop.example.com, '*.shop.example.com']\n"
    assert lint({"i.yaml": ingress(wildcard + RULES)}, "ORC020") == []
    deep = RULES.replace("api.shop", "v1.api.shop")
    assert len(lint({"i.yaml": ingress(wildcard + deep)}, "ORC020")) == 1
    hostless_entry = "  tls:\n    - secretName: s\n"
    assert len(lint({"i.yaml": ingress(hostless_entry + RULES)}, "ORC020")) == 2


def test_orc020_certificate_from_annotations(lint: Any) -> None:
    acm = "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\n"
    assert lint({"i.yaml": ingress(RULES, acm)}, "ORC020") == []
    managed = "    networking.gke.io/managed-certificates: shop-cert\n"
    assert lint({"i.yaml": ingress(RULES, managed)}, "ORC020") == []


def test_orc021_snippets(lint: Any) -> None:
    snippets = (
        "    nginx.ingress.kubernetes.io/configuration-snippet: |\n"
        '      more_set_headers "X-Frame-Options: DENY";\n'
        "    nginx.ingress.kubernetes.io/server-snippet: |\n"
        "      location /x { alias /var/run/secrets/; }\n"
        "    nginx.ingress.kubernetes.io/auth-snippet: 'access_by_lua_block { os.execute(\"id\") }'\n"
        "    nginx.ingress.kubernetes.io/ssl-redirect: 'true'\n"
        "    nginx.org/server-snippets: 'add_header X-A b;'\n"
    )
    found = lint({"i.yaml": ingress(RULES, snippets)}, "ORC021")
    assert where(found) == [("ORC021", "i.yaml", 7, 5), ("ORC021", "i.yaml", 9, 5), ("ORC021", "i.yaml", 11, 5)]
    assert [f.severity for f in found] == [Severity.HIGH, Severity.CRITICAL, Severity.CRITICAL]
    assert "'alias'" in found[1].message and "'_by_lua'" in found[2].message


def test_orc021_same_verdicts_as_checkov(lint: Any) -> None:
    # Checkov CKV_K8S_153 (NginxIngressCVE202125742AllSnippets) fails an Ingress with any annotation key
    # containing "snippet" and passes one without; CKV_K8S_152/154 single out Lua and alias values,
    # our critical sub-case.
    lua = "    nginx.ingress.kubernetes.io/configuration-snippet: 'content_by_lua_block { ngx.say(1) }'\n"
    [finding] = lint({"i.yaml": ingress(RULES, lua)}, "ORC021")
    assert finding.severity == Severity.CRITICAL
    plain = "    nginx.ingress.kubernetes.io/rewrite-target: /\n"
    assert lint({"i.yaml": ingress(RULES, plain)}, "ORC021") == []


SSH_POD = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: jump
  namespace: shop
spec:
  selector:
    matchLabels: {app: jump}
  template:
    metadata:
      labels: {app: jump}
    spec:
      initContainers:
        - name: keys
          image: ghcr.io/acme/keys:1.0.0
      containers:
        - name: sshd
          image: ghcr.io/acme/sshd:1.0.0
          ports:
            - name: ssh
              containerPort: 22
            - name: http
              containerPort: 8080
"""


def test_orc022_container_and_service_ports(lint: Any) -> None:
    # kube-linter ssh-port reports a deployment exposing port 22 and passes one exposing 8080: same.
    svc = service(
        "  selector: {app: jump}\n  ports:\n    - name: a\n      port: 22\n      targetPort: 22\n"
        "    - name: b\n      port: 2222\n      targetPort: 22\n    - name: c\n      port: 8022\n"
        "      targetPort: ssh\n    - name: d\n      port: 80\n      targetPort: http\n",
        name="jump",
    )
    found = lint({"app/d.yaml": SSH_POD, "app/s.yaml": svc}, "ORC022")
    assert where(found) == [
        ("ORC022", "app/d.yaml", 21, 15),
        ("ORC022", "app/s.yaml", 10, 7),
        ("ORC022", "app/s.yaml", 14, 7),
        ("ORC022", "app/s.yaml", 17, 7),
    ]
    assert 'container "sshd"' in found[0].message and 'named port "ssh"' in found[3].message


def test_orc022_named_target_port_needs_a_selected_workload(lint: Any) -> None:
    svc = service("  selector: {app: other}\n  ports:\n    - port: 8022\n      targetPort: ssh\n", name="jump")
    found = lint({"app/d.yaml": SSH_POD, "app/s.yaml": svc}, "ORC022")
    assert [f.span.path for f in found] == ["app/d.yaml"]
    # Another render unit (directory) does not count either.
    svc = service("  selector: {app: jump}\n  ports:\n    - port: 8022\n      targetPort: ssh\n", name="jump")
    found = lint({"app/d.yaml": SSH_POD, "other/s.yaml": svc}, "ORC022")
    assert [f.span.path for f in found] == ["app/d.yaml"]
    assert lint({"d.yaml": SSH_POD.replace("containerPort: 22", "containerPort: 2200")}, "ORC022") == []


# -- ORC027 ------------------------------------------------------------------------------------


def apiserver(*flags: str) -> str:
    items = "".join(f"        - {flag}\n" for flag in flags)
    return f"""apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.33.0
      command:
        - kube-apiserver
{items}"""


ENCRYPTED = "--encryption-provider-config=/etc/kubernetes/enc/enc.yaml"


def test_orc027_apiserver_flags(lint: Any) -> None:
    text = apiserver(
        "--anonymous-auth=true",
        "--authorization-mode=Node,AlwaysAllow",
        "--insecure-port=8080",
        "--insecure-bind-address=0.0.0.0",
        "--token-auth-file=/etc/tokens.csv",
        "--basic-auth-file",
        "/etc/basic.csv",
        "--kubelet-https=false",
        "--enable-admission-plugins=NodeRestriction,AlwaysAdmit",
        ENCRYPTED,
    )
    found = lint({"p.yaml": text}, "ORC027")
    assert [f.span.line for f in found] == [12, 13, 14, 15, 16, 17, 19, 20]
    assert [f.severity for f in found][:3] == [Severity.CRITICAL] * 3
    assert {f.severity for f in found[3:]} == {Severity.HIGH}


def test_orc027_same_verdicts_as_checkov_for_apiserver_flags(lint: Any) -> None:
    # Checkov CKV_K8S_68/74/88/69/70/71/79 (checkov/kubernetes/checks/resource/k8s/ApiServer*.py) fail
    # these values and pass their secure forms; CKV_K8S_104 fails a kube-apiserver without
    # --encryption-provider-config.
    bad = {
        "--anonymous-auth=true": "--anonymous-auth=false",
        "--authorization-mode=AlwaysAllow": "--authorization-mode=Node,RBAC",
        "--insecure-port=8080": "--insecure-port=0",
        "--kubelet-https=false": "--kubelet-https=true",
        "--enable-admission-plugins=AlwaysAdmit": "--enable-admission-plugins=NodeRestriction",
    }
    for insecure, secure in bad.items():
        assert len(lint({"p.yaml": apiserver(insecure, ENCRYPTED)}, "ORC027")) == 1, insecure
        assert lint({"p.yaml": apiserver(secure, ENCRYPTED)}, "ORC027") == [], secure
    found = lint({"p.yaml": apiserver("--authorization-mode=Node,RBAC")}, "ORC027")
    assert where(found) == [("ORC027", "p.yaml", 11, 11)]
    assert found[0].severity == Severity.MEDIUM and "encryption-provider-config" in found[0].message


def test_orc027_kubeadm_extra_args_map_and_list(lint: Any) -> None:
    as_map = """apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    anonymous-auth: "true"
    encryption-provider-config: /etc/kubernetes/enc.yaml
"""
    assert where(lint({"k.yaml": as_map}, "ORC027")) == [("ORC027", "k.yaml", 5, 5)]
    as_list = """apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
    - name: authorization-mode
      value: AlwaysAllow
    - name: encryption-provider-config
      value: /etc/kubernetes/enc.yaml
"""
    assert where(lint({"k.yaml": as_list}, "ORC027")) == [("ORC027", "k.yaml", 5, 7)]
    bare = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nclusterName: prod\n"
    assert [f.severity for f in lint({"k.yaml": bare}, "ORC027")] == [Severity.MEDIUM]


def test_orc027_kubelet_configuration_and_flags(lint: Any) -> None:
    # Checkov CKV_K8S_138/139/141 (kubelet anonymous auth, AlwaysAllow, read-only port) fail these.
    config = """apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: true
authorization:
  mode: AlwaysAllow
readOnlyPort: 10255
"""
    found = lint({"kubelet.yaml": config}, "ORC027")
    assert [(f.span.line, f.severity) for f in found] == [
        (5, Severity.CRITICAL),
        (7, Severity.CRITICAL),
        (8, Severity.HIGH),
    ]
    flags = apiserver("--anonymous-auth=true", "--read-only-port", "10255", "--authorization-mode=Webhook")
    flags = flags.replace("        - kube-apiserver\n", "        - /usr/bin/kubelet\n")
    assert [f.span.line for f in lint({"p.yaml": flags}, "ORC027")] == [12, 13]


def test_orc027_kubeconfig_and_encryption(lint: Any) -> None:
    kubeconfig = """apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster:
      server: https://prod.example.com
      insecure-skip-tls-verify: true
  - name: dev
    cluster:
      server: https://dev.example.com
"""
    found = lint({"kube/prod.yaml": kubeconfig}, "ORC027")
    assert where(found) == [("ORC027", "kube/prod.yaml", 7, 7)]
    assert '"prod"' in found[0].message
    encryption = """apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [configmaps]
    providers:
      - aescbc: {{keys: [{{name: k, secret: c2VjcmV0}}]}}
  - resources: [{covered}]
    providers:
      - {first}
      - {second}
"""
    identity_first = encryption.format(covered="secrets", first="identity: {}", second="aescbc: {}")
    found = lint({"enc.yaml": identity_first}, "ORC027")
    assert where(found) == [("ORC027", "enc.yaml", 9, 9)] and found[0].severity == Severity.MEDIUM
    good = encryption.format(covered="secrets", first="kms: {name: k}", second="identity: {}")
    assert lint({"enc.yaml": good}, "ORC027") == []
    wildcard = encryption.format(covered="'*.*'", first="aescbc: {}", second="identity: {}")
    assert lint({"enc.yaml": wildcard}, "ORC027") == []
    uncovered = encryption.format(covered="events", first="aescbc: {}", second="identity: {}")
    assert where(lint({"enc.yaml": uncovered}, "ORC027")) == [("ORC027", "enc.yaml", 3, 1)]


def test_orc027_ordinary_pods_and_odd_shapes(lint: Any) -> None:
    assert lint({"p.yaml": SSH_POD}, "ORC027") == []
    odd = [
        "apiVersion: v1\nkind: Config\nclusters: 3\n",
        "apiVersion: v1\nkind: Config\nclusters: [a, {cluster: 1}]\n",
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs: [1, {name: 2}]\n",
        "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: {a: b}\n",
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication: []\n",
    ]
    for text in odd:
        lint({"x.yaml": text}, "ORC027")


# -- ORC026 ------------------------------------------------------------------------------------

QUOTA = "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: {ns}\nspec:\n  hard: {{pods: '10'}}\n"
LIMITS = "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\n  namespace: {ns}\nspec:\n  limits: []\n"


def test_orc026_quota_and_limit_range_per_namespace(lint: Any) -> None:
    files = {"ns.yaml": namespace("shop") + "---\n" + namespace("kube-system"), "q.yaml": QUOTA.format(ns="shop")}
    found = lint(files, "ORC026")
    assert where(found) == [("ORC026", "ns.yaml", 4, 3)]
    assert "no LimitRange" in found[0].message and "ResourceQuota" not in found[0].message.split(":")[0]
    files["l.yaml"] = LIMITS.format(ns="shop")
    assert lint(files, "ORC026") == []
    files["q.yaml"] = QUOTA.format(ns="web")
    assert "no ResourceQuota" in lint(files, "ORC026")[0].message


def test_orc026_kustomize_namespace_and_cluster_scope(lint: Any) -> None:
    unnamespaced = QUOTA.replace("  namespace: {ns}\n", "") + "---\n" + LIMITS.replace("  namespace: {ns}\n", "")
    files = {
        "clusters/a/ns.yaml": namespace("shop"),
        "clusters/a/quota/all.yaml": unnamespaced,
        "clusters/a/quota/kustomization.yaml": "namespace: shop\nresources: [all.yaml]\n",
    }
    assert lint(files, "ORC026") == []
    files["clusters/b/ns.yaml"] = namespace("shop")
    assert where(lint(files, "ORC026")) == [("ORC026", "clusters/b/ns.yaml", 4, 3)]


# -- ORC028 ------------------------------------------------------------------------------------


def workload(name: str, image: str, labels: str, extra: str = "") -> str:
    return deployment(name, "tools", labels, extra, image)


def test_orc028_tiller_by_image_labels_and_service(lint: Any) -> None:
    # Checkov CKV_K8S_34 (Tiller by image or app=helm/name=tiller labels) and CKV_K8S_44 (the Tiller
    # Service) fail these; CKV_K8S_45 would pass a Tiller listening on localhost only, which we still
    # report (notes: Tiller itself is the problem).
    by_image = workload("tiller-deploy", "gcr.io/kubernetes-helm/tiller:v2.16.1", "app: deployer")
    by_labels = workload("helm2", "ghcr.io/acme/helm2:1.0", "app: helm, name: tiller")
    svc = service("  selector: {app: helm, name: tiller}\n  ports:\n    - port: 44134\n", name="tiller-deploy")
    svc = svc.replace("namespace: shop", "namespace: tools")
    found = lint({"a.yaml": by_image, "b.yaml": by_labels, "s.yaml": svc}, "ORC028")
    assert where(found) == [("ORC028", "a.yaml", 15, 11), ("ORC028", "b.yaml", 15, 11), ("ORC028", "s.yaml", 4, 3)]
    assert {f.severity for f in found} == {Severity.CRITICAL}
    assert "Tiller" in found[2].message


def test_orc028_dashboard_and_its_critical_cases(lint: Any) -> None:
    # Checkov CKV_K8S_33 fails a kubernetesui/dashboard image and passes other images: same verdicts.
    dashboard = workload("dashboard", "docker.io/kubernetesui/dashboard:v2.7.0", "k8s-app: kubernetes-dashboard")
    [plain] = lint({"d.yaml": dashboard}, "ORC028")
    assert where([plain]) == [("ORC028", "d.yaml", 15, 11)] and plain.severity == Severity.HIGH
    assert lint({"d.yaml": workload("api", "ghcr.io/acme/api:1.0", "app: api")}, "ORC028") == []
    by_label = workload("ui", "ghcr.io/acme/ui:1.0", "app.kubernetes.io/name: kubernetes-dashboard")
    assert len(lint({"d.yaml": by_label}, "ORC028")) == 1
    skip = dashboard + "          args: [--enable-skip-login]\n"
    [finding] = lint({"d.yaml": skip}, "ORC028")
    assert finding.severity == Severity.CRITICAL and "--enable-skip-login" in finding.message
    nodeport = service("  type: NodePort\n  selector: {k8s-app: kubernetes-dashboard}\n  ports:\n    - port: 443\n")
    nodeport = nodeport.replace("namespace: shop", "namespace: tools")
    [finding] = lint({"d.yaml": dashboard, "s.yaml": nodeport}, "ORC028")
    assert finding.severity == Severity.CRITICAL and "NodePort" in finding.message
    internal = nodeport.replace("type: NodePort", "type: ClusterIP")
    assert lint({"d.yaml": dashboard, "s.yaml": internal}, "ORC028")[0].severity == Severity.HIGH
    routed = ingress(
        "  rules:\n    - http:\n        paths:\n          - backend:\n              service: {name: api}\n"
    )
    routed = routed.replace("namespace: shop", "namespace: tools")
    found = lint({"d.yaml": dashboard, "s.yaml": internal, "i.yaml": routed}, "ORC028")
    assert found[0].severity == Severity.CRITICAL and "Ingress" in found[0].message


def test_orc028_dashboard_bound_to_cluster_admin(lint: Any) -> None:
    dashboard = workload(
        "dashboard",
        "docker.io/kubernetesui/dashboard:v2.7.0",
        "k8s-app: kubernetes-dashboard",
        extra="\n      serviceAccountName: dashboard",
    )
    binding = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: dashboard
    namespace: {ns}
"""
    [finding] = lint({"d.yaml": dashboard, "b.yaml": binding.format(ns="tools")}, "ORC028")
    assert finding.severity == Severity.CRITICAL and "cluster-admin" in finding.message
    [finding] = lint({"d.yaml": dashboard, "b.yaml": binding.format(ns="other")}, "ORC028")
    assert finding.severity == Severity.HIGH


# -- every workload shape ----------------------------------------------------------------------

ROLLOUTS = """apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: canary
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: canary}
    spec:
      containers:
        - name: canary
          image: ghcr.io/acme/canary:1.0.0
      ephemeralContainers:
        - name: debug
          image: ghcr.io/acme/debug:1.0.0
          ports:
            - containerPort: 22
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: by-ref
  namespace: default
spec:
  workloadRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
"""


def test_rollouts_and_ephemeral_containers(lint: Any) -> None:
    files = {"r.yaml": ROLLOUTS, "np.yaml": policy("api", "shop", API_ONLY)}
    # The Rollout's pods are not selected; the workloadRef Rollout has no pods of its own.
    assert where(lint(files, "ORC014")) == [("ORC014", "r.yaml", 4, 3)]
    # ... but it is deployed to the default namespace all the same.
    assert where(lint(files, "ORC013")) == [("ORC013", "r.yaml", 24, 3)]
    found = lint(files, "ORC022")
    assert where(found) == [("ORC022", "r.yaml", 18, 15)]
    assert 'ephemeral container "debug"' in found[0].message
    # A Rollout of another API group is not Argo Rollouts' kind.
    assert lint({"r.yaml": ROLLOUTS.replace("argoproj.io/v1alpha1", "example.com/v1")}, "ORC013") == []


def test_landing_of_helm_chart_defaults_is_unknown(tmp_path: Any) -> None:
    # A chart rendered with its own defaults gets the renderer's stand-in namespace "default"
    # (also through `namespace: {{ .Release.Namespace }}`): not a fact about the repository.
    from linter.config import Config
    from linter.context import Context
    from linter.gitops.namespaces import is_helm_output, landing
    from linter.k8s import resource_from
    from linter.repository import Repository
    from linter.yamlload import parse_yaml

    [doc] = parse_yaml("apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\n", "t.yaml").docs
    resource = resource_from(doc.root, "charts/web/templates/s.yaml", 0)
    assert resource is not None
    resource.render_root = "charts/web (chart defaults)"
    ctx = Context(Config(), Repository(tmp_path))
    assert is_helm_output(resource) and landing(ctx, resource).namespace is None
    resource.render_root = "charts/web (HelmRelease web/web)"
    assert landing(ctx, resource).namespace == "default"


def test_repository_findings_honour_object_annotations_and_comments(lint: Any) -> None:
    annotated = namespace("shop").replace(
        "  name: shop\n",
        '  name: shop\n  annotations:\n    gitops-lint.io/ignore: "ORC015"\n    gitops-lint.io/ignore-reason: "x"\n',
    )
    assert lint({"ns.yaml": annotated}, "ORC015") == []
    commented = deployment("worker", "shop", "app: worker").replace(
        "  name: worker\n", '  name: worker  # gitops-lint: ignore=ORC014 reason="batch, no traffic"\n', 1
    )
    files = {"np.yaml": policy("api", "shop", API_ONLY), "worker.yaml": commented}
    assert lint(files, "ORC014") == []


def flux_cluster(path: str) -> str:
    return f"""apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  url: {REPO}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  path: {path}
  sourceRef:
    kind: GitRepository
    name: flux-system
"""


def test_orc015_policies_stay_in_the_cluster_flux_deploys_them_to(lint: Any) -> None:
    # Two clusters deploy the same namespace from two directories: production's default deny does
    # not protect staging.
    files = {
        "clusters/production/sync.yaml": flux_cluster("./apps/production"),
        "clusters/staging/sync.yaml": flux_cluster("./apps/staging"),
        "apps/production/api.yaml": deployment("api", "shop") + "---\n" + policy("deny", "shop", DENY_ALL),
        "apps/staging/api.yaml": deployment("api", "shop"),
    }
    assert where(lint(files, "ORC015", this_repo_urls=[REPO])) == [("ORC015", "apps/staging/api.yaml", 4, 3)]
    # Without the Flux objects nothing tells the clusters apart: one scope, the policy covers both.
    del files["clusters/production/sync.yaml"], files["clusters/staging/sync.yaml"]
    assert lint(files, "ORC015") == []


def test_orc013_chart_rendered_with_its_defaults_is_not_in_default(lint: Any) -> None:
    import pytest

    from linter.helm.renderers import find_renderer

    if find_renderer("auto") is None:
        pytest.skip("no Helm renderer: install gitops-lint[helm] (or helm)")
    chart = {
        "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "charts/web/values.yaml": "port: 80\n",
        "charts/web/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
        "  namespace: {{ .Release.Namespace }}\nspec:\n  selector: {app: web}\n  ports:\n"
        "    - port: {{ .Values.port }}\n",
    }
    assert lint(chart, "ORC013") == []
