"""SCHEMA family: API schemas of the target version and the repository's CRDs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED, audit_tree, where

POD = """
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
"""


def deployment(container_sc: str = "", pod: str = "") -> str:
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
{pod}      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          securityContext:
{container_sc}"""


def test_schema002_typo_in_the_third_document(lint: Any) -> None:
    good = deployment("            runAsNonRoot: true\n")
    typo = deployment("            runAsNonroot: true\n            readOnlyRootFilesystem: true\n")
    text = "---".join([POD, good.replace("name: web}", "name: a}"), typo])
    found = lint({"all.yaml": text}, "SCHEMA002")
    line = text.lstrip("\n").splitlines().index("            runAsNonroot: true") + 1
    assert where(found) == [("SCHEMA002", "all.yaml", line, 13)]
    assert "did you mean 'runAsNonRoot'?" in found[0].message and 'container "web"' in found[0].message


def test_schema002_wrong_type_level_and_enum(lint: Any) -> None:
    text = deployment(
        '            allowPrivilegeEscalation: "false"\n'
        "            fsGroup: 1000\n"
        "            seccompProfile: {type: runtimedefault}\n"
        "            capabilities: {drops: [ALL]}\n",
        pod="      securityContext: {privileged: false, runAsNonRoot: yes}\n",
    )
    found = lint({"d.yaml": text}, "SCHEMA002")
    messages = sorted(f.message for f in found)
    assert len(found) == 5, messages
    assert any("allowPrivilegeEscalation must be a boolean, not string" in m for m in messages)
    assert any("fsGroup belongs in the pod's securityContext" in m for m in messages)
    assert any("privileged belongs in a container's securityContext" in m for m in messages)
    assert any("must be one of RuntimeDefault, Localhost, Unconfined, not 'runtimedefault'" in m for m in messages)
    assert any("unknown field 'drops'; did you mean 'drop'?" in m for m in messages)
    # `yes` is a boolean to the API server (YAML 1.1), so runAsNonRoot is fine.
    assert not any("runAsNonRoot" in m for m in messages)


def test_schema002_clean_and_substituted_values(lint: Any) -> None:
    text = deployment(
        "            runAsNonRoot: true\n            runAsUser: ${APP_UID}\n"
        "            capabilities: {drop: [ALL]}\n            seccompProfile: {type: RuntimeDefault}\n"
    )
    assert lint({"d.yaml": text}, "SCHEMA002") == []


def test_schema003_unknown_field_duplicates_and_types(lint: Any) -> None:
    text = """
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {tier: front end}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
      env:
        - {name: MODE, value: safe}
        - {name: PORT, value: 8080}
        - {name: MODE, value: debug}
      ports:
        - containerPort: 80
        - {containerPort: 80, protocol: TCP}
        - {containerPort: 80, protocol: UDP}
      resource: {}
    - image: ghcr.io/acme/sidecar:1.0.0
"""
    found = lint({"pod.yaml": text}, "SCHEMA003")
    assert [(f.span.line, f.span.col) for f in found] == [(5, 12), (12, 24), (13, 12), (16, 12), (18, 7), (19, 7)]
    messages = [f.message for f in found]
    assert "label 'tier' has the invalid value 'front end'" in messages[0]
    assert "value must be a string, not integer" in messages[1]
    assert "env has two entries with name='MODE'; keep one (on apply one silently replaces" in messages[2]
    assert "ports has two entries with containerPort=80, protocol='TCP'" in messages[3]
    assert "unknown field 'resource'; did you mean 'resources'?" in messages[4]
    assert "spec.containers[1]: missing required field 'name'" in messages[5]


def test_schema003_names_kinds_and_clean_objects(lint: Any) -> None:
    files = {
        "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: Web.Front}\nspec: {ports: [{port: 80}]}\n",
        "typo.yaml": "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\nspec: {}\n",
        "role.yaml": (
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: 'system:reader'}\n"
            "rules: []\n"
        ),
        "pod.yaml": POD + "status: {phase: Running}\n",
    }
    found = lint(files, "SCHEMA003")
    assert where(found) == [("SCHEMA003", "svc.yaml", 3, 12), ("SCHEMA003", "typo.yaml", 2, 1)]
    assert "not a DNS-1123 label" in found[0].message and "has no kind 'Deploymnet'" in found[1].message


def test_schema003_leaves_security_contexts_to_schema002(lint: Any) -> None:
    text = deployment("            runAsNonroot: true\n")
    assert lint({"d.yaml": text}, "SCHEMA003") == []
    assert len(lint({"d.yaml": text}, "SCHEMA002")) == 1


def test_schema003_rendered_kustomize_objects_point_at_their_source(lint: Any) -> None:
    files = {
        "base/kustomization.yaml": "resources: [pod.yaml]\n",
        "base/pod.yaml": POD.replace(
            "      image:", "      imagePullPolicy: Sometimes\n      imagePul: x\n      image:"
        ),
        "overlay/kustomization.yaml": "namespace: prod\nresources: [../base]\n",
    }
    found = lint(files, "SCHEMA003")
    assert where(found) == [("SCHEMA003", "base/pod.yaml", 8, 7)]


def test_schema004_removed_deprecated_and_psp(lint: Any) -> None:
    files = {
        "ing.yaml": "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec: {}\n",
        "deploy.yaml": "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n",
        "cj.yaml": "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {}\n",
        "psp.yaml": "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {}\n",
        "es.yaml": "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: e}\n",
        "ok.yaml": "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ok}\nspec: {}\n",
    }
    found = lint(files, "SCHEMA004")
    by_path = {f.path: f for f in found}
    assert sorted(by_path) == ["cj.yaml", "deploy.yaml", "es.yaml", "ing.yaml", "psp.yaml"]
    assert all(f.span.line == 1 and f.span.col == 1 for f in found)
    assert "migrate to apps/v1" in by_path["deploy.yaml"].message
    assert "removed in Kubernetes 1.22; migrate to networking.k8s.io/v1" in by_path["ing.yaml"].message
    assert "Pod Security Admission" in by_path["psp.yaml"].message
    older = lint(files, "SCHEMA004", kubernetes_version="1.24")
    severities = {f.path: f.severity.label for f in older}
    assert severities["cj.yaml"] == "low" and severities["psp.yaml"] == "high" and severities["ing.yaml"] == "high"


WIDGET_SCHEMA = """
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: string, enum: [small, large]}
                replicas: {type: integer, minimum: 1}
                selector: {type: string, pattern: '^[a-z]+$'}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                port: {x-kubernetes-int-or-string: true}
"""


def crd(
    group: str = "acme.io",
    kind: str = "Widget",
    schema: str = WIDGET_SCHEMA,
    version: str = "v1",
    served: bool = True,
) -> str:
    """A CustomResourceDefinition with one version; ``schema`` is its openAPIV3Schema, indented."""
    plural = kind.lower() + "s"
    return f"""
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {{name: {plural}.{group}}}
spec:
  group: {group}
  names: {{kind: {kind}, plural: {plural}}}
  scope: Namespaced
  versions:
    - name: {version}
      served: {str(served).lower()}
      storage: true
      schema:
        openAPIV3Schema:{schema}"""


WIDGET = """
apiVersion: acme.io/v1
kind: Widget
metadata: {name: w, labels: {a: b}}
spec:
  size: medium
  replicas: 0
  selector: Web
  extra: {anything: [1, 2]}
  port: http
  colour: red
status: {ready: true}
"""


def test_schema005_against_a_crd_in_the_repository(lint: Any) -> None:
    found = lint({"crds/widget.yaml": crd(), "widget.yaml": WIDGET}, "SCHEMA005")
    assert [(f.span.line, f.span.col) for f in found] == [(5, 3), (6, 3), (7, 3), (10, 3)]
    assert "unknown field 'colour'" in found[3].message and found[0].severity.label == "medium"
    valid = WIDGET.replace("medium", "small").replace("replicas: 0", "replicas: 2").replace("Web", "web")
    assert lint({"crds/widget.yaml": crd(), "widget.yaml": valid.replace("  colour: red\n", "")}, "SCHEMA005") == []


def test_schema005_unserved_version_is_high(lint: Any) -> None:
    found = lint({"crds/widget.yaml": crd(version="v2"), "widget.yaml": WIDGET}, "SCHEMA005")
    assert [(f.span.line, f.severity.label) for f in found] == [(1, "high")]
    assert "version 'v1' of Widget is not defined" in found[0].message
    found = lint({"crds/widget.yaml": crd(served=False), "widget.yaml": WIDGET}, "SCHEMA005")
    assert "is not served" in found[0].message


def test_schema005_without_a_crd_is_counted_not_reported(tmp_path: Path) -> None:
    audit = audit_tree(tmp_path, {"widget.yaml": WIDGET}, select=["SCHEMA005"])
    assert audit.result.findings == []
    assert list(audit.result.notes.values()) == [1]


def test_schema005_crd_paths_outside_the_repository(tmp_path: Path) -> None:
    crds = tmp_path / "crds"
    crds.mkdir()
    (crds / "widget.yaml").write_text(crd().lstrip(), encoding="utf-8")
    audit = audit_tree(tmp_path / "repo", {"widget.yaml": WIDGET}, select=["SCHEMA005"], crd_paths=[str(crds)])
    assert len(audit.result.findings) == 4


def test_schema005_crds_in_a_v1_list_as_kubectl_get_writes_them(tmp_path: Path) -> None:
    crds = tmp_path / "dump"
    crds.mkdir()
    item = "\n".join("    " + line for line in crd().strip().splitlines())
    (crds / "crds.yaml").write_text(f"apiVersion: v1\nkind: List\nitems:\n  -{item[3:]}\n", encoding="utf-8")
    audit = audit_tree(tmp_path / "repo", {"widget.yaml": WIDGET}, select=["SCHEMA005"], crd_paths=["../dump"])
    assert len(audit.result.findings) == 4 and audit.result.notes == {}


ARGO_CRDS = SHARED / "schemas" / "crds" / "argocd"
FLUX_CRDS = SHARED / "schemas" / "crds" / "flux"


@pytest.mark.skipif(not ARGO_CRDS.is_dir(), reason="the shared Argo CD CRDs are not on this machine")
def test_schema005_argo_application_against_the_real_crd(lint: Any) -> None:
    app = """
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web, namespace: argocd}
spec:
  project: web
  source:
    repoURL: https://github.com/acme/deploy
    path: apps/web
    targetRevision: v1.2.0
    autoSync: true
  destination: {server: https://kubernetes.default.svc, namespace: web}
"""
    crd = (ARGO_CRDS / "application-crd.yaml").read_text(encoding="utf-8")
    found = lint({"crds/application.yaml": crd, "app.yaml": app}, "SCHEMA005")
    assert where(found) == [("SCHEMA005", "app.yaml", 10, 5)]
    assert "unknown field 'autoSync'" in found[0].message
    assert lint({"crds/application.yaml": crd, "app.yaml": app.replace("    autoSync: true\n", "")}, "SCHEMA005") == []


@pytest.mark.skipif(not FLUX_CRDS.is_dir(), reason="the shared Flux CRDs are not on this machine")
def test_schema005_flux_objects_against_the_real_crds(lint: Any) -> None:
    files = {f"crds/{p.name}": p.read_text(encoding="utf-8") for p in FLUX_CRDS.glob("*.yaml")}
    files["ks.yaml"] = """
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  interval: 10m
  path: ./apps
  prune: yes
  sourceRef: {kind: GitRepository, name: flux-system}
  postBuild:
    substitute: {cluster: prod}
  timeout: ${TIMEOUT}
"""
    assert lint(files, "SCHEMA005") == []
    files["ks.yaml"] = files["ks.yaml"].replace("  prune: yes\n", "  prune: sometimes\n")
    found = lint(files, "SCHEMA005")
    assert [(f.span.line, "prune must be a boolean, not string" in f.message) for f in found] == [(7, True)]


def test_schema001_candidates_only(lint: Any) -> None:
    files = {
        "no-kind.yaml": "apiVersion: v1\nmetadata: {name: x}\ndata: {a: b}\n",
        "kustomization.yaml": "resources: [listed.yaml]\n",
        "listed.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nname: x\nvalue: y\n",
        "settings.yaml": "name: x\nvalue: y\n",
        ".github/workflows/ci.yml": "on: push\njobs: {}\n",
        "docker-compose.yml": "metadata: {x: 1}\ndata: {}\n",
    }
    found = lint(files, "SCHEMA001")
    assert where(found) == [("SCHEMA001", "listed.yaml", 5, 1), ("SCHEMA001", "no-kind.yaml", 1, 1)]
    assert "has no kind" in found[1].message


def test_schema002_string_for_a_boolean_at_its_exact_place(lint: Any) -> None:
    text = deployment('            allowPrivilegeEscalation: "false"\n')
    found = lint({"d.yaml": text}, "SCHEMA002")
    assert where(found) == [("SCHEMA002", "d.yaml", 13, 13)]
    assert found[0].message == (
        'container "web" securityContext.allowPrivilegeEscalation: allowPrivilegeEscalation must be a boolean, '
        "not string"
    )


def test_schema002_a_misspelled_or_malformed_security_context_drops_every_control(lint: Any) -> None:
    pod = """
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securitycontext: {runAsNonRoot: true}
  initContainers:
    - name: init
      image: ghcr.io/acme/init:1.0.0
      securityContext: [privileged]
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
      securityContex: {readOnlyRootFilesystem: true}
    - name: side
      image: ghcr.io/acme/side:1.0.0
      securityContext: "restricted"
"""
    found = lint({"pod.yaml": pod}, "SCHEMA002")
    assert where(found) == [
        ("SCHEMA002", "pod.yaml", 5, 3),
        ("SCHEMA002", "pod.yaml", 9, 7),
        ("SCHEMA002", "pod.yaml", 13, 7),
        ("SCHEMA002", "pod.yaml", 16, 7),
    ]
    assert "pod spec: unknown field 'securitycontext'; did you mean 'securityContext'?" in found[0].message
    assert 'init container "init" securityContext must be a mapping of settings, not array' in found[1].message
    assert "did you mean 'securityContext'?" in found[2].message and 'container "web"' in found[2].message
    assert "not string" in found[3].message
    # Each of these is SCHEMA002's alone, and the other SCHEMA rules stay quiet about them.
    assert lint({"pod.yaml": pod}, "SCHEMA003") == []


def test_schema003_removed_apis_are_left_to_schema004(lint: Any) -> None:
    files = {
        "deploy.yaml": "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n",
        "psp.yaml": "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {}\n",
        "sc.yaml": "apiVersion: storage.k8s.io/v1beta1\nkind: StorageClass\nmetadata: {name: s}\nprovisioner: x\n",
    }
    assert lint(files, "SCHEMA003") == []
    assert lint(files, "SCHEMA003", kubernetes_version="1.20") == []
    assert len(lint(files, "SCHEMA004")) == 3


def test_schema004_current_beta_kinds_of_an_old_group_version_are_not_removed(lint: Any) -> None:
    files = {
        "map.yaml": (
            "apiVersion: admissionregistration.k8s.io/v1beta1\nkind: MutatingAdmissionPolicy\n"
            "metadata: {name: m}\nspec: {}\n"
        ),
        "lease.yaml": "apiVersion: coordination.k8s.io/v1beta1\nkind: LeaseCandidate\nmetadata: {name: l}\nspec: {}\n",
        "hook.yaml": (
            "apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingWebhookConfiguration\n"
            "metadata: {name: v}\nwebhooks: []\n"
        ),
        "lease-old.yaml": "apiVersion: coordination.k8s.io/v1beta1\nkind: Lease\nmetadata: {name: l}\nspec: {}\n",
    }
    found = lint(files, "SCHEMA004")
    assert [(f.path, f.severity.label) for f in found] == [("hook.yaml", "high"), ("lease-old.yaml", "high")]
    assert "migrate to admissionregistration.k8s.io/v1" in found[0].message


def test_schema_sops_documents_are_validated_without_their_encrypted_values(lint: Any) -> None:
    text = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ENC[AES256_GCM,data:Mw==,iv:aXY=,tag:dGFn,type:int]
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          imagePullPolicy: ENC[AES256_GCM,data:QWx3YXlz,iv:aXY=,tag:dGFn,type:str]
          imagePulPolicy: Always
sops:
  age: [{recipient: age1example, enc: x}]
  version: 3.9.0
"""
    found = lint({"secret-deploy.yaml": text}, "SCHEMA003")
    assert where(found) == [("SCHEMA003", "secret-deploy.yaml", 14, 11)]
    assert "unknown field 'imagePulPolicy'" in found[0].message


def test_schema003_v1_list_is_counted_not_misreported(tmp_path: Path) -> None:
    text = "apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
    audit = audit_tree(tmp_path, {"list.yaml": text}, select=["SCHEMA"])
    assert audit.result.findings == [] and not audit.result.errors
    assert [(count, "List" in note) for note, count in audit.result.notes.items()] == [(1, True)]


def test_kustomize_patches_are_not_validated_as_whole_objects(lint: Any) -> None:
    files = {
        "base/kustomization.yaml": "resources: [deploy.yaml]\npatches:\n  - path: patch.yaml\n",
        "base/deploy.yaml": deployment("            runAsNonRoot: true\n"),
        # A partial object: no selector, no image; its typo is still reported where it is written.
        "base/patch.yaml": """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          resourcez: {}
""",
    }
    found = lint(files, "SCHEMA003")
    assert where(found) == [("SCHEMA003", "base/patch.yaml", 9, 11)]
    assert "did you mean 'resources'?" in found[0].message
    assert lint(files, "SCHEMA001") == []


def test_schema005_a_base_rendered_by_two_overlays_counts_once(tmp_path: Path) -> None:
    files = {
        "base/kustomization.yaml": "resources: [widget.yaml]\n",
        "base/widget.yaml": WIDGET,
        "staging/kustomization.yaml": "resources: [../base]\nnamePrefix: staging-\n",
        "prod/kustomization.yaml": "resources: [../base]\nnamePrefix: prod-\n",
    }
    audit = audit_tree(tmp_path, files, select=["SCHEMA005"])
    assert audit.result.findings == []
    assert list(audit.result.notes.values()) == [1]


def test_schema005_leaves_an_unserved_flux_version_to_flux001(lint: Any) -> None:
    oci = """
apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata: {name: podinfo, namespace: flux-system}
spec:
  interval: 10m
  url: oci://ghcr.io/stefanprodan/manifests/podinfo
  ref: {tag: 6.5.0}
"""
    open_schema = "\n          {type: object, x-kubernetes-preserve-unknown-fields: true}\n"
    files = {"crds/oci.yaml": crd("source.toolkit.fluxcd.io", "OCIRepository", open_schema), "oci.yaml": oci}
    assert [f.severity.label for f in lint(files, "SCHEMA005")] == ["high"]
    both = [f for f in lint(files) if f.rule_id in ("FLUX001", "SCHEMA005")]
    assert where(both) == [("FLUX001", "oci.yaml", 1, 1)]


def test_a_target_without_shipped_schemas_is_said_in_the_summary(tmp_path: Path) -> None:
    audit = audit_tree(tmp_path / "old", {"pod.yaml": POD}, select=["SCHEMA"], kubernetes_version="1.20")
    assert audit.result.findings == []
    assert [
        (count, "nearest that kubernetes-validate ships to kubernetes_version 1.20" in note)
        for note, count in audit.result.notes.items()
    ] == [(1, True)]
    assert audit_tree(tmp_path / "newest", {"pod.yaml": POD}, select=["SCHEMA"]).result.notes == {}
