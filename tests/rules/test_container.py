"""CTR rules: failing and passing cases, precedence, every workload shape."""

from __future__ import annotations

from typing import Any

from tests.conftest import where

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
{pod}
"""


def deployment(pod: str) -> str:
    body = "\n".join("      " + line if line else line for line in pod.strip("\n").splitlines())
    return DEPLOYMENT.format(pod=body)


def test_ctr001_privileged_in_init_container_points_at_the_key(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
initContainers:
  - name: setup
    image: busybox:1.36
    securityContext:
      privileged: true
containers:
  - name: app
    image: busybox:1.36
    securityContext:
      privileged: false
""")
    }
    found = lint(files, "CTR001")
    assert where(found) == [("CTR001", "d.yaml", 12, 13)]
    assert 'init container "setup"' in found[0].message


def test_ctr001_ephemeral_container_and_cronjob(lint: Any) -> None:
    files = {
        "c.yaml": """
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext: {privileged: true}
          containers:
            - name: job
              image: busybox:1.36
"""
    }
    found = lint(files, "CTR001")
    assert [(f.span.line, f.resource["kind"]) for f in found] == [(12, "CronJob")]  # type: ignore[index]


def test_ctr001_third_document_line(lint: Any) -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\nspec:\n  containers:\n    - name: c\n      image: x:1\n"
    bad = pod % 3 + "      securityContext:\n        privileged: true\n"
    files = {"multi.yaml": pod % 1 + "---\n" + pod % 2 + "---\n" + bad}
    found = lint(files, "CTR001")
    assert where(found) == [("CTR001", "multi.yaml", 25, 9)]
    assert found[0].resource == {"apiVersion": "v1", "kind": "Pod", "name": "p3"}


def test_ctr001_rollout_and_workload_ref(lint: Any) -> None:
    rollout = """
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers:
        - name: c
          image: x:1
          securityContext: {privileged: true}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ref}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: other}
"""
    assert [f.resource["name"] for f in lint({"r.yaml": rollout}, "CTR001")] == ["r"]  # type: ignore[index]


def test_ctr001_passes_without_privileged(lint: Any) -> None:
    assert lint({"d.yaml": deployment("containers:\n  - name: a\n    image: x:1\n")}, "CTR001") == []


def test_ctr002_absent_explicit_and_string(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
containers:
  - name: absent
    image: x:1
  - name: explicit
    image: x:1
    securityContext:
      allowPrivilegeEscalation: true
  - name: string
    image: x:1
    securityContext:
      allowPrivilegeEscalation: "false"
  - name: good
    image: x:1
    securityContext:
      allowPrivilegeEscalation: false
""")
    }
    found = lint(files, "CTR002")
    assert [(f.span.line, f.severity.label) for f in found] == [(9, "medium"), (14, "high"), (18, "medium")]


def test_ctr002_exemptions(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
containers:
  - name: priv
    image: x:1
    securityContext: {privileged: true}
  - name: sysadmin
    image: x:1
    securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}
""")
    }
    assert lint(files, "CTR002") == []
    windows = deployment("os: {name: windows}\ncontainers:\n  - name: w\n    image: x:1\n")
    assert lint({"w.yaml": windows}, "CTR002") == []


def test_ctr003_precedence_container_overrides_pod(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: true
containers:
  - name: inherits
    image: x:1
  - name: overrides
    image: x:1
    securityContext:
      runAsNonRoot: false
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.severity.label) for f in found] == [(16, "high")]
    assert "overrides" in found[0].message


def test_ctr003_pod_false_inherited_points_at_pod_key(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: false
containers:
  - name: a
    image: x:1
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.span.col, f.severity.label) for f in found] == [(9, 9, "high")]


def test_ctr003_pod_false_reported_even_when_all_containers_override(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsNonRoot: false
containers:
  - name: a
    image: x:1
    securityContext: {runAsNonRoot: true}
""")
    }
    found = lint(files, "CTR003")
    assert [(f.span.line, f.severity.label) for f in found] == [(9, "high")]
    assert "pod securityContext" in found[0].message


def test_ctr003_absent_points_at_container_name_and_run_as_user_is_not_enough(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsUser: 1000
containers:
  - name: a
    image: x:1
""")
    }
    assert where(lint(files, "CTR003")) == [("CTR003", "d.yaml", 11, 11)]


def test_ctr003_user_namespaces_exempt_from_1_35(lint: Any) -> None:
    files = {"d.yaml": deployment("hostUsers: false\ncontainers:\n  - name: a\n    image: x:1\n")}
    assert lint(files, "CTR003") == []
    assert len(lint(files, "CTR003", kubernetes_version="1.33")) == 1


def test_ctr003_passes_with_pod_level_true(lint: Any) -> None:
    files = {"d.yaml": deployment("securityContext: {runAsNonRoot: true}\ncontainers:\n  - name: a\n    image: x:1\n")}
    assert lint(files, "CTR003") == []


def pod(body: str, name: str = "p", annotations: str = "") -> str:
    """A bare Pod whose spec is ``body`` (spec keys start at line 6, column 3)."""
    meta = f"metadata:\n  name: {name}\n" + (f"  annotations: {annotations}\n" if annotations else "")
    lines = "\n".join("  " + line if line else line for line in body.strip("\n").splitlines())
    return f"apiVersion: v1\nkind: Pod\n{meta}spec:\n{lines}\n"


def rows(found: list[Any]) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, severity) of each finding."""
    return [(f.rule_id, f.span.line, f.span.col, f.severity.label) for f in found]


# --- CTR004 runs-as-root-uid-or-gid ---------------------------------------------------------------


def test_ctr004_container_key_decides_over_pod(lint: Any) -> None:
    files = {
        "d.yaml": deployment("""
securityContext:
  runAsUser: 0
  runAsGroup: 0
containers:
  - name: own
    image: x:1
    securityContext: {runAsUser: 10001, runAsGroup: 10001}
  - name: inherits
    image: x:1
initContainers:
  - name: setup
    image: x:1
    securityContext:
      runAsUser: 0
""")
    }
    found = lint(files, "CTR004")
    assert rows(found) == [("CTR004", 9, 9, "high"), ("CTR004", 10, 9, "low"), ("CTR004", 21, 13, "high")]
    assert 'inherited by container "inherits"' in found[0].message and '"own"' not in found[0].message
    assert 'init container "setup" sets runAsUser: 0' in found[2].message


def test_ctr004_pod_root_reported_even_when_every_container_overrides(lint: Any) -> None:
    body = "securityContext: {runAsUser: 0}\ncontainers:\n  - name: a\n    image: x:1\n"
    body += "    securityContext: {runAsUser: 5}\n"
    found = lint({"p.yaml": pod(body)}, "CTR004")
    assert rows(found) == [("CTR004", 6, 21, "high")]
    assert "even when every container overrides it" in found[0].message


def test_ctr004_fs_group_and_supplemental_groups_are_low(lint: Any) -> None:
    body = """
securityContext:
  fsGroup: 0
  supplementalGroups: [1000, 0]
containers:
  - name: a
    image: x:1
"""
    assert rows(lint({"p.yaml": pod(body)}, "CTR004")) == [("CTR004", 7, 5, "low"), ("CTR004", 8, 5, "low")]


def test_ctr004_exemptions_and_passes(lint: Any) -> None:
    windows = "os: {name: windows}\nsecurityContext: {runAsUser: 0}\ncontainers: [{name: a, image: x:1}]\n"
    userns = "hostUsers: false\nsecurityContext: {runAsUser: 0}\ncontainers: [{name: a, image: x:1}]\n"
    quoted = 'securityContext: {runAsUser: "0"}\ncontainers: [{name: a, image: x:1}]\n'
    assert lint({"w.yaml": pod(windows), "u.yaml": pod(userns), "q.yaml": pod(quoted)}, "CTR004") == []
    # user namespaces relax the rule only from 1.35
    assert len(lint({"u.yaml": pod(userns)}, "CTR004", kubernetes_version="1.34")) == 1


def test_ctr004_namespace_enforce_version_pins_the_target(lint: Any) -> None:
    userns = "hostUsers: false\nsecurityContext: {runAsUser: 0}\ncontainers: [{name: a, image: x:1}]\n"
    namespace = """
apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.30
"""
    manifest = pod(userns).replace("  name: p\n", "  name: p\n  namespace: legacy\n")
    assert len(lint({"ns.yaml": namespace, "p.yaml": manifest}, "CTR004")) == 1


# --- CTR005 low-uid-or-gid --------------------------------------------------------------------------


def test_ctr005_unset_low_and_threshold(lint: Any) -> None:
    body = """
securityContext:
  runAsUser: 1000
containers:
  - name: inherits
    image: x:1
  - name: high
    image: x:1
    securityContext: {runAsUser: 20000, runAsGroup: 3000}
  - name: root
    image: x:1
    securityContext: {runAsUser: 0}
"""
    found = lint({"p.yaml": pod(body)}, "CTR005")
    assert rows(found) == [("CTR005", 7, 5, "low"), ("CTR005", 13, 43, "low")]
    assert lint({"p.yaml": pod(body)}, "CTR005", min_uid=1000) == []
    unset = lint({"p.yaml": pod("containers:\n  - name: a\n    image: x:1\n")}, "CTR005")
    assert where(unset) == [("CTR005", "p.yaml", 7, 7)] and "does not set runAsUser" in unset[0].message


def test_ctr005_checkov_ckv_k8s_40_overlap(lint: Any) -> None:
    # Checkov CKV_K8S_40 (RootContainersHighUID.py): pod runAsUser >= 10000 without a lower container
    # override passes; pod < 10000 without a high container override fails; hostUsers: false passes.
    passing = "securityContext: {runAsUser: 10001}\ncontainers: [{name: a, image: x:1}]\n"
    failing = "securityContext: {runAsUser: 999}\ncontainers: [{name: a, image: x:1}]\n"
    userns = "hostUsers: false\ncontainers: [{name: a, image: x:1}]\n"
    overridden = (
        "securityContext: {runAsUser: 999}\ncontainers: [{name: a, image: x:1, securityContext: {runAsUser: 10001}}]\n"
    )
    assert lint({"a.yaml": pod(passing), "u.yaml": pod(userns), "o.yaml": pod(overridden)}, "CTR005") == []
    assert len(lint({"f.yaml": pod(failing)}, "CTR005")) == 1


# --- CTR006 root-filesystem-writable ----------------------------------------------------------------


def test_ctr006_init_and_regular_containers_not_ephemeral(lint: Any) -> None:
    body = """
initContainers:
  - name: setup
    image: x:1
    securityContext:
      readOnlyRootFilesystem: false
containers:
  - name: app
    image: x:1
    securityContext: {runAsNonRoot: true}
  - name: ok
    image: x:1
    securityContext: {readOnlyRootFilesystem: true}
  - name: bare
    image: x:1
ephemeralContainers:
  - name: debug
    image: x:1
"""
    found = lint({"p.yaml": pod(body)}, "CTR006")
    assert where(found) == [("CTR006", "p.yaml", 10, 9), ("CTR006", "p.yaml", 14, 7), ("CTR006", "p.yaml", 18, 7)]
    assert "'false', not true" in found[0].message


def test_ctr006_overlap_checkov_ckv_k8s_22_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_22 (ReadOnlyFilesystem.py) passes only a truthy readOnlyRootFilesystem, for
    # containers and initContainers; kube-linter no-read-only-root-fs (read-only-root-fs template)
    # fails when the field is nil or false. Same verdicts here.
    good = "containers: [{name: a, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]\n"
    bad = "initContainers: [{name: i, image: x:1}]\ncontainers: [{name: a, image: x:1, securityContext: {}}]\n"
    assert lint({"g.yaml": pod(good)}, "CTR006") == []
    assert len(lint({"b.yaml": pod(bad)}, "CTR006")) == 2
    windows = "os: {name: windows}\ncontainers: [{name: a, image: x:1}]\n"
    assert lint({"w.yaml": pod(windows)}, "CTR006") == []  # differs: Windows pods cannot set it


# --- CTR007 / CTR008 / CTR009 / CTR010 capabilities -------------------------------------------------


CAPS = """
containers:
  - name: priv
    image: x:1
    securityContext:
      privileged: true
  - name: nodrop
    image: x:1
    securityContext:
      capabilities:
        add: [NET_BIND_SERVICE, CHOWN, NET_ADMIN, CAP_CHOWN, cap_sys_admin]
  - name: lower
    image: x:1
    securityContext:
      capabilities:
        drop: [all]
  - name: netraw
    image: x:1
    securityContext:
      capabilities:
        drop: [NET_RAW]
  - name: good
    image: x:1
    securityContext:
      capabilities:
        drop: [ALL]
"""


def picked(found: list[Any], rule: str) -> list[tuple[int, int]]:
    return [(f.span.line, f.span.col) for f in found if f.rule_id == rule]


def test_ctr007_drop_all_exactly_and_defers_to_ctr001(lint: Any) -> None:
    files = {"p.yaml": pod(CAPS)}
    # alone, it reports the privileged container too (at its securityContext)
    assert picked(lint(files, "CTR007"), "CTR007") == [(9, 7), (14, 9), (20, 11), (25, 11)]
    # with CTR001 running, the privileged container is CTR001's
    assert picked(lint(files), "CTR007") == [(14, 9), (20, 11), (25, 11)]


def test_ctr007_overlap_checkov_ckv_k8s_37(lint: Any) -> None:
    # Checkov CKV_K8S_37 (MinimizeCapabilities.py) passes when some drop entry contains "ALL" or "all";
    # both agree on ALL and on no drop at all. We deliberately differ on `all` (PSS compares exactly).
    assert picked(lint({"p.yaml": pod(CAPS)}, "CTR007"), "CTR007")[2] == (20, 11)  # drop: [all]
    no_sc = pod("containers: [{name: a, image: x:1}]")
    assert where(lint({"p.yaml": no_sc}, "CTR007")) == [("CTR007", "p.yaml", 6, 17)]
    windows = pod("os: {name: windows}\ncontainers: [{name: a, image: x:1}]")
    assert lint({"w.yaml": windows}, "CTR007") == []


def test_ctr008_and_ctr009_split_each_added_capability(lint: Any) -> None:
    found = lint({"p.yaml": pod(CAPS)})
    assert [r for r in rows(found) if r[0] in ("CTR008", "CTR009")] == [
        ("CTR008", 15, 35, "medium"),
        ("CTR009", 15, 42, "high"),
        ("CTR009", 15, 53, "high"),
        ("CTR009", 15, 64, "critical"),
    ]
    ctr009 = [f.message for f in found if f.rule_id == "CTR009"]
    assert "NET_ADMIN" in ctr009[0] and "escaping" in ctr009[2]


def test_ctr008_windows_exempt_but_ctr009_is_not(lint: Any) -> None:
    body = "os: {name: windows}\ncontainers:\n  - name: a\n    image: x:1\n    securityContext:\n"
    body += "      capabilities: {add: [CHOWN, SYS_TIME]}\n"
    found = lint({"w.yaml": pod(body)})
    assert [r for r in rows(found) if r[0] in ("CTR008", "CTR009")] == [("CTR009", 11, 37, "high")]


def test_ctr008_overlap_checkov_ckv_k8s_25(lint: Any) -> None:
    # Checkov CKV_K8S_25 (AllowedCapabilities.py) fails any non-empty capabilities.add. Same verdict
    # for a baseline capability; we deliberately allow NET_BIND_SERVICE (PSS restricted).
    chown = pod("containers: [{name: a, image: x:1, securityContext: {capabilities: {add: [CHOWN]}}}]")
    bind = pod("containers: [{name: a, image: x:1, securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}]")
    assert len(lint({"c.yaml": chown}, "CTR008")) == 1
    assert lint({"b.yaml": bind}, "CTR008") == []


def test_ctr009_overlap_checkov_ckv_k8s_39(lint: Any) -> None:
    # Checkov CKV_K8S_39 (AllowedCapabilitiesSysAdmin.py) fails when capabilities.add contains "SYS_ADMIN".
    sys_admin = pod("containers: [{name: a, image: x:1, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]")
    found = lint({"s.yaml": sys_admin}, "CTR009")
    assert [(f.severity.label, f.span.line) for f in found] == [("critical", 6)]
    assert lint({"p.yaml": pod("containers: [{name: a, image: x:1}]")}, "CTR009") == []


def test_ctr010_only_when_drop_all_rule_is_not_reporting(lint: Any) -> None:
    files = {"p.yaml": pod(CAPS)}
    assert picked(lint(files, "CTR010"), "CTR010") == [(9, 7), (14, 9), (20, 11)]
    assert picked(lint(files), "CTR010") == []  # CTR007 (or CTR001) reports those containers
    with_ctr001 = lint(files, "CTR010", extend_select=["CTR001"])
    assert picked(with_ctr001, "CTR010") == [(14, 9), (20, 11)]


def test_ctr010_overlap_checkov_ckv_k8s_28_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_28 (DropCapabilities.py) passes when a drop entry contains ALL, all or NET_RAW;
    # kube-linter drop-net-raw-capability (verify-container-capabilities template) wants NET_RAW or
    # "all" (any case) in drop. Same verdicts on these; we differ on `all` and on a container without
    # any capabilities, which kube-linter does not report.
    net_raw = pod("containers: [{name: a, image: x:1, securityContext: {capabilities: {drop: [NET_RAW]}}}]")
    chown = pod("containers: [{name: a, image: x:1, securityContext: {capabilities: {drop: [CHOWN]}}}]")
    assert lint({"n.yaml": net_raw}, "CTR010") == []
    assert len(lint({"c.yaml": chown}, "CTR010")) == 1


# --- CTR011 seccomp-not-runtime-default -------------------------------------------------------------


def test_ctr011_container_overrides_pod_both_ways(lint: Any) -> None:
    container_wins = deployment("""
securityContext:
  seccompProfile:
    type: RuntimeDefault
containers:
  - name: inherits
    image: x:1
  - name: unconfined
    image: x:1
    securityContext:
      seccompProfile:
        type: Unconfined
""")
    assert rows(lint({"d.yaml": container_wins}, "CTR011")) == [("CTR011", 18, 15, "high")]
    pod_decides = deployment("""
securityContext: {seccompProfile: {type: Unconfined}}
containers:
  - name: a
    image: x:1
    securityContext: {seccompProfile: {type: RuntimeDefault}}
  - name: b
    image: x:1
  - name: c
    image: x:1
""")
    found = lint({"d.yaml": pod_decides}, "CTR011")
    assert rows(found) == [("CTR011", 8, 42, "high")]
    assert 'inherited by container "b", container "c"' in found[0].message


def test_ctr011_unset_other_type_and_localhost(lint: Any) -> None:
    body = """
containers:
  - name: unset
    image: x:1
  - name: localhost
    image: x:1
    securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}}
  - name: typo
    image: x:1
    securityContext: {seccompProfile: {type: runtime/default}}
  - name: notype
    image: x:1
    securityContext:
      seccompProfile: {}
"""
    found = lint({"p.yaml": pod(body)}, "CTR011")
    assert rows(found) == [
        ("CTR011", 7, 7, "medium"),
        ("CTR011", 14, 42, "medium"),
        ("CTR011", 18, 9, "medium"),
    ]
    assert "'runtime/default', not RuntimeDefault" in found[1].message


def test_ctr011_windows_pods_only_for_unconfined(lint: Any) -> None:
    plain = "os: {name: windows}\ncontainers: [{name: a, image: x:1}]\n"
    unconfined = plain.replace("containers", "securityContext: {seccompProfile: {type: Unconfined}}\ncontainers")
    assert lint({"w.yaml": pod(plain)}, "CTR011") == []
    assert rows(lint({"u.yaml": pod(unconfined)}, "CTR011")) == [("CTR011", 7, 38, "high")]


def test_ctr011_legacy_annotations(lint: Any) -> None:
    body = "containers:\n  - name: a\n    image: x:1\n  - name: b\n    image: x:1\n"
    pod_wide = pod(body, annotations="{seccomp.security.alpha.kubernetes.io/pod: unconfined}")
    found = lint({"p.yaml": pod_wide}, "CTR011")
    # the annotation is the finding (high); the containers are not reported again as unset
    assert rows(found) == [("CTR011", 5, 17, "high")]
    assert 'container "a", container "b"' in found[0].message
    one = pod(
        "securityContext: {seccompProfile: {type: RuntimeDefault}}\n" + body,
        annotations="{container.seccomp.security.alpha.kubernetes.io/b: unconfined}",
    )
    assert rows(lint({"o.yaml": one}, "CTR011")) == [("CTR011", 5, 17, "high")]
    # a runtime/default annotation does not satisfy the rule (kubelets ignore it since 1.27)
    legacy_ok = pod(body, annotations="{seccomp.security.alpha.kubernetes.io/pod: runtime/default}")
    assert [r[3] for r in rows(lint({"l.yaml": legacy_ok}, "CTR011"))] == ["medium", "medium"]


def test_ctr011_overlap_checkov_ckv_k8s_31(lint: Any) -> None:
    # Checkov CKV_K8S_31 (Seccomp.py): a pod-level seccompProfile.type RuntimeDefault passes, a pod
    # without profile or annotation fails. Same verdicts. Deliberate differences: Checkov fails
    # Localhost and passes a `runtime/default` annotation (tested above).
    passing = deployment(
        "securityContext: {seccompProfile: {type: RuntimeDefault}}\ncontainers: [{name: a, image: x:1}]"
    )
    failing = deployment("containers: [{name: a, image: x:1}]")
    assert lint({"p.yaml": passing}, "CTR011") == []
    assert len(lint({"f.yaml": failing}, "CTR011")) == 1


# --- CTR012 apparmor-unconfined ---------------------------------------------------------------------

APPARMOR = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/a: unconfined
        container.apparmor.security.beta.kubernetes.io/b: localhost/k8s-apparmor-example
        container.apparmor.security.beta.kubernetes.io/c: runtime/default
        container.apparmor.security.beta.kubernetes.io/d: ""
    spec:
      securityContext:
        appArmorProfile: {type: Unconfined}
      containers:
        - name: a
          image: x:1
          securityContext:
            appArmorProfile: {type: RuntimeDefault}
        - name: b
          image: x:1
          securityContext:
            appArmorProfile:
              type: Unconfined
"""


def test_ctr012_fields_and_annotations(lint: Any) -> None:
    found = lint({"d.yaml": APPARMOR}, "CTR012")
    assert where(found) == [("CTR012", "d.yaml", 9, 9), ("CTR012", "d.yaml", 15, 27), ("CTR012", "d.yaml", 25, 15)]
    assert [f.message.split(" sets")[0] for f in found] == [
        "annotation container.apparmor.security.beta.kubernetes.io/a",
        "pod securityContext",
        'container "b"',
    ]


def test_ctr012_unset_and_allowed_values_pass(lint: Any) -> None:
    allowed = APPARMOR.replace("/a: unconfined", "/a: runtime/default").replace("Unconfined", "Localhost")
    assert lint({"d.yaml": allowed}, "CTR012") == []


# --- CTR013 selinux-custom-options ------------------------------------------------------------------


def test_ctr013_pod_and_container_options(lint: Any) -> None:
    body = """
securityContext:
  seLinuxOptions:
    type: spc_t
    level: "s0:c1,c2"
containers:
  - name: a
    image: x:1
    securityContext:
      seLinuxOptions: {type: container_t, user: system_u, role: ""}
  - name: engine
    image: x:1
    securityContext:
      seLinuxOptions: {type: container_engine_t}
"""
    found = lint({"p.yaml": pod(body)}, "CTR013")
    assert where(found) == [("CTR013", "p.yaml", 8, 7), ("CTR013", "p.yaml", 14, 45)]
    assert "seLinuxOptions.user: system_u" in found[1].message
    # container_engine_t is allowed from Kubernetes 1.31 only
    older = lint({"p.yaml": pod(body)}, "CTR013", kubernetes_version="1.30")
    assert where(older)[-1] == ("CTR013", "p.yaml", 18, 26)


def test_ctr013_passes_with_standard_type_or_level_only(lint: Any) -> None:
    body = (
        "securityContext: {seLinuxOptions: {type: container_init_t, level: 's0'}}\ncontainers: [{name: a, image: x:1}]"
    )
    assert lint({"p.yaml": pod(body)}, "CTR013") == []


# --- CTR014 proc-mount-unmasked ---------------------------------------------------------------------


def test_ctr014_third_document_ephemeral_container(lint: Any) -> None:
    first = pod("containers: [{name: a, image: x:1, securityContext: {procMount: Default}}]", name="one")
    second = pod("containers: [{name: a, image: x:1}]", name="two")
    third = pod(
        "containers: [{name: a, image: x:1}]\nephemeralContainers:\n  - name: debug\n    image: x:1\n"
        "    securityContext:\n      procMount: Unmasked\n",
        name="three",
    )
    found = lint({"multi.yaml": first + "---\n" + second + "---\n" + third}, "CTR014")
    assert where(found) == [("CTR014", "multi.yaml", 25, 9)]
    assert found[0].resource["name"] == "three" and 'ephemeral container "debug"' in found[0].message


def test_ctr014_overlap_kube_linter_unsafe_proc_mount(lint: Any) -> None:
    # kube-linter unsafe-proc-mount (unsafeprocmount template) reports procMount equal to "Unmasked"
    # (case-insensitively) on every container; `Default` and unset pass. Same verdicts.
    unmasked = deployment("containers: [{name: a, image: x:1, securityContext: {procMount: Unmasked}}]")
    default = deployment("containers: [{name: a, image: x:1, securityContext: {procMount: Default}}]")
    assert len(lint({"u.yaml": unmasked}, "CTR014")) == 1
    assert lint({"d.yaml": default}, "CTR014") == []


# --- CTR015 windows-host-process --------------------------------------------------------------------


def test_ctr015_pod_and_container(lint: Any) -> None:
    body = """
os: {name: windows}
securityContext:
  windowsOptions: {hostProcess: true}
containers:
  - name: a
    image: x:1
    securityContext:
      windowsOptions:
        hostProcess: true
  - name: b
    image: x:1
    securityContext: {windowsOptions: {hostProcess: false}}
"""
    found = lint({"p.yaml": pod(body)}, "CTR015")
    assert where(found) == [("CTR015", "p.yaml", 8, 22), ("CTR015", "p.yaml", 14, 11)]
    assert lint({"p.yaml": pod(body.replace("true", "false"))}, "CTR015") == []


# --- CTR016 probe-or-lifecycle-host-set -------------------------------------------------------------


def test_ctr016_probes_and_hooks(lint: Any) -> None:
    body = """
containers:
  - name: a
    image: x:1
    readinessProbe:
      httpGet: {host: 10.0.0.1, path: /, port: 80}
    livenessProbe:
      httpGet: {host: "", path: /, port: 80}
    lifecycle:
      preStop:
        tcpSocket:
          host: metadata.google.internal
          port: 80
"""
    found = lint({"p.yaml": pod(body)}, "CTR016")
    assert where(found) == [("CTR016", "p.yaml", 10, 19), ("CTR016", "p.yaml", 16, 13)]
    assert "lifecycle.preStop.tcpSocket" in found[1].message


# --- CTR017 / CTR018 resources and LimitRange defaults ----------------------------------------------


RESOURCES = """
initContainers:
  - name: init
    image: x:1
containers:
  - name: none
    image: x:1
  - name: requests
    image: x:1
    resources:
      requests: {memory: 64Mi}
  - name: nulled
    image: x:1
    resources:
      limits:
        memory: null
  - name: good
    image: x:1
    resources: {limits: {memory: 64Mi}}
ephemeralContainers:
  - name: debug
    image: x:1
"""


def test_ctr017_locations(lint: Any) -> None:
    found = lint({"p.yaml": pod(RESOURCES)}, "CTR017")
    assert where(found) == [
        ("CTR017", "p.yaml", 7, 7),
        ("CTR017", "p.yaml", 10, 7),
        ("CTR017", "p.yaml", 14, 7),
        ("CTR017", "p.yaml", 19, 9),
    ]
    assert "its namespace is not known" in found[0].message


LIMIT_RANGE = """
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
{namespace}spec:
  limits:
    - type: Container
      {field}:
        memory: 256Mi
"""


def limit_range(field: str = "default", namespace: str | None = None) -> str:
    return LIMIT_RANGE.format(field=field, namespace=f"  namespace: {namespace}\n" if namespace else "")


def in_namespace(manifest: str, namespace: str) -> str:
    return manifest.replace("  name: p\n", f"  name: p\n  namespace: {namespace}\n", 1)


def test_ctr017_limit_range_in_the_same_namespace(lint: Any) -> None:
    workload = in_namespace(pod(RESOURCES), "team-a")
    assert lint({"p.yaml": workload, "lr.yaml": limit_range(namespace="team-a")}, "CTR017") == []
    # `max` becomes the default limit through API defaulting; `defaultRequest` alone does not
    assert lint({"p.yaml": workload, "lr.yaml": limit_range("max", "team-a")}, "CTR017") == []
    assert len(lint({"p.yaml": workload, "lr.yaml": limit_range("defaultRequest", "team-a")}, "CTR017")) == 4
    other = lint({"p.yaml": workload, "lr.yaml": limit_range(namespace="team-b")}, "CTR017")
    assert len(other) == 4 and "no LimitRange in its namespace" in other[0].message


def test_ctr017_unknown_namespace_matches_only_limit_ranges_deployed_alongside(lint: Any) -> None:
    workload = pod(RESOURCES)
    assert lint({"app/p.yaml": workload, "app/lr.yaml": limit_range()}, "CTR017") == []
    elsewhere = lint({"app/p.yaml": workload, "other/lr.yaml": limit_range()}, "CTR017")
    assert len(elsewhere) == 4
    assert len(lint({"app/p.yaml": workload, "app/lr.yaml": limit_range(namespace="x")}, "CTR017")) == 4


def test_ctr017_namespace_from_kustomize_overlay(lint: Any) -> None:
    base = deployment("containers:\n  - name: api\n    image: x:1\n")
    tree = {
        "base/deploy.yaml": base,
        "base/kustomization.yaml": "resources: [deploy.yaml]\n",
        "prod/kustomization.yaml": "namespace: shop\nresources: [../base]\n",
        "dev/kustomization.yaml": "namespace: shop-dev\nresources: [../base]\n",
        "platform/limits.yaml": limit_range(namespace="shop"),
    }
    found = lint(tree, "CTR017")
    assert where(found) == [("CTR017", "base/deploy.yaml", 9, 11)]
    assert found[0].extra["roots"] == ["dev/kustomization.yaml"]


def test_ctr017_overlap_checkov_ckv_k8s_13_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_13 (MemoryLimits.py) passes when resources.limits.memory is set, for containers
    # and initContainers; kube-linter unset-memory-requirements (memory-requirements template,
    # requirementsType limit) flags an unset memory limit. Without LimitRanges the verdicts agree.
    set_limit = deployment("containers: [{name: a, image: x:1, resources: {limits: {memory: 1Gi}}}]")
    no_limit = deployment("containers: [{name: a, image: x:1, resources: {limits: {cpu: 1}}}]")
    assert lint({"s.yaml": set_limit}, "CTR017") == []
    assert len(lint({"n.yaml": no_limit}, "CTR017")) == 1


def test_ctr018_lists_what_is_missing(lint: Any) -> None:
    found = lint({"p.yaml": pod(RESOURCES)}, "CTR018")
    assert where(found) == [
        ("CTR018", "p.yaml", 7, 7),
        ("CTR018", "p.yaml", 10, 7),
        ("CTR018", "p.yaml", 14, 7),
        ("CTR018", "p.yaml", 18, 7),
        ("CTR018", "p.yaml", 23, 7),
    ]
    assert "resources.limits.cpu, resources.requests.cpu, resources.requests.memory" in found[0].message
    # a memory limit is copied into the missing memory request by the API server
    assert found[-1].message.count("resources.") == 2 and "requests.memory" not in found[-1].message


def test_ctr018_limit_range_supplies_defaults(lint: Any) -> None:
    limits = """
apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec:
  limits:
    - type: Container
      default: {cpu: 500m}
      defaultRequest: {memory: 128Mi}
"""
    body = "containers: [{name: a, image: x:1}]"
    assert lint({"p.yaml": pod(body), "lr.yaml": limits}, "CTR018") == []
    partial = limits.replace("      defaultRequest: {memory: 128Mi}\n", "")
    found = lint({"p.yaml": pod(body), "lr.yaml": partial}, "CTR018")
    assert len(found) == 1 and "does not set resources.requests.memory and" in found[0].message


def test_ctr018_overlap_checkov_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_10 / CKV_K8S_11 / CKV_K8S_12 (CPURequests.py, CPULimits.py, MemoryRequests.py)
    # pass when the field is set; kube-linter unset-cpu-requirements flags an unset CPU request.
    complete = "{requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 64Mi}}"
    assert lint({"c.yaml": deployment(f"containers: [{{name: a, image: x:1, resources: {complete}}}]")}, "CTR018") == []
    no_cpu_request = "{requests: {memory: 64Mi}, limits: {cpu: 200m, memory: 64Mi}}"
    found = lint(
        {"n.yaml": deployment(f"containers: [{{name: a, image: x:1, resources: {no_cpu_request}}}]")}, "CTR018"
    )
    assert found == []  # differs: the API copies limits.cpu into the missing request (Checkov would fail)
    no_cpu = "{requests: {memory: 64Mi}, limits: {memory: 64Mi}}"
    found = lint({"m.yaml": deployment(f"containers: [{{name: a, image: x:1, resources: {no_cpu}}}]")}, "CTR018")
    assert len(found) == 1 and "resources.limits.cpu, resources.requests.cpu" in found[0].message


# --- CTR019 probes-missing --------------------------------------------------------------------------


def test_ctr019_long_running_containers_only(lint: Any) -> None:
    body = """
initContainers:
  - name: init
    image: x:1
containers:
  - name: web
    image: x:1
    readinessProbe: {httpGet: {path: /, port: 80}}
  - name: sidecar
    image: x:1
    readinessProbe: {httpGet: {path: /, port: 81}}
    livenessProbe: {httpGet: {path: /, port: 81}}
"""
    found = lint({"d.yaml": deployment(body)}, "CTR019")
    assert where(found) == [("CTR019", "d.yaml", 12, 11)]
    assert "no livenessProbe" in found[0].message and "readinessProbe" not in found[0].message
    assert lint({"p.yaml": pod(body)}, "CTR019") == []
    job = deployment(body).replace("apps/v1\nkind: Deployment", "batch/v1\nkind: Job")
    assert lint({"j.yaml": job}, "CTR019") == []
    rollout = deployment(body).replace("apps/v1\nkind: Deployment", "argoproj.io/v1alpha1\nkind: Rollout")
    assert len(lint({"r.yaml": rollout}, "CTR019")) == 1


def test_ctr019_overlap_checkov_ckv_k8s_8_9_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_8/CKV_K8S_9 (LivenessProbe.py, ReadinessProbe.py) and kube-linter
    # no-liveness-probe / no-readiness-probe judge non-init containers and skip Jobs; same verdicts
    # on Deployments. (Unlike them, bare Pods are not judged here.)
    probe = "{exec: {command: [true]}}"
    both = f"containers: [{{name: a, image: x:1, livenessProbe: {probe}, readinessProbe: {probe}}}]"
    assert lint({"b.yaml": deployment(both)}, "CTR019") == []
    assert len(lint({"n.yaml": deployment("containers: [{name: a, image: x:1}]")}, "CTR019")) == 1


# --- CTR020 naked-pod -------------------------------------------------------------------------------


def test_ctr020_bare_pods_only(lint: Any) -> None:
    body = "containers: [{name: a, image: x:1}]"
    assert where(lint({"p.yaml": pod(body)}, "CTR020")) == [("CTR020", "p.yaml", 2, 1)]
    owned = pod(body).replace(
        "  name: p\n", "  name: p\n  ownerReferences: [{apiVersion: v1, kind: Node, name: n, uid: u}]\n"
    )
    hook = pod(body, annotations="{helm.sh/hook: test}")
    assert lint({"o.yaml": owned, "h.yaml": hook, "d.yaml": deployment(body)}, "CTR020") == []


# --- CTR021 sudo-in-container-command ---------------------------------------------------------------


def test_ctr021_argv_items_and_shell_scripts(lint: Any) -> None:
    body = """
containers:
  - name: direct
    image: x:1
    command: ["/usr/bin/sudo", "-u", "app", "worker"]
  - name: script
    image: x:1
    command: ["/bin/bash", "-ec"]
    args:
      - |
        mkdir -p /data
        sudo chown app /data && exec worker
  - name: quoted
    image: x:1
    command: ["sh", "-c", "echo 'run sudo later' && echo sudo"]
  - name: env
    image: x:1
    command: ["env", "LANG=C", "sh", "-c", "FOO=1 sudo -E id"]
"""
    found = lint({"p.yaml": pod(body)}, "CTR021")
    assert where(found) == [("CTR021", "p.yaml", 9, 17), ("CTR021", "p.yaml", 14, 11), ("CTR021", "p.yaml", 22, 46)]
    assert "'/usr/bin/sudo'" in found[0].message and "shell script" in found[1].message


def test_ctr021_passes_without_sudo(lint: Any) -> None:
    body = 'containers: [{name: a, image: x:1, command: ["sh", "-c", "exec pseudo-server --sudoers=/etc/x"]}]'
    assert lint({"p.yaml": pod(body)}, "CTR021") == []


# --- CTR022 deprecated-service-account-field --------------------------------------------------------


def test_ctr022_severity_by_agreement(lint: Any) -> None:
    only = pod("serviceAccount: reporting\ncontainers: [{name: a, image: x:1}]")
    same = pod("serviceAccount: reporting\nserviceAccountName: reporting\ncontainers: [{name: a, image: x:1}]")
    differ = pod("serviceAccount: reporting\nserviceAccountName: billing\ncontainers: [{name: a, image: x:1}]")
    assert rows(lint({"o.yaml": only}, "CTR022")) == [("CTR022", 6, 3, "low")]
    assert rows(lint({"s.yaml": same}, "CTR022")) == [("CTR022", 6, 3, "low")]
    assert rows(lint({"d.yaml": differ}, "CTR022")) == [("CTR022", 6, 3, "medium")]
    assert lint({"n.yaml": pod("serviceAccountName: billing\ncontainers: [{name: a, image: x:1}]")}, "CTR022") == []


def test_ctr022_overlap_kube_linter(lint: Any) -> None:
    # kube-linter deprecated-service-account-field reports serviceAccount when serviceAccountName is
    # empty or different, and stays silent when both match (we still report that, as low).
    differ = deployment("serviceAccount: a\nserviceAccountName: b\ncontainers: [{name: c, image: x:1}]")
    only = deployment("serviceAccount: a\ncontainers: [{name: c, image: x:1}]")
    assert len(lint({"d.yaml": differ}, "CTR022")) == 1 and len(lint({"o.yaml": only}, "CTR022")) == 1


# --- CTR023 privileged-port-binding -----------------------------------------------------------------


def test_ctr023_privileged_ports(lint: Any) -> None:
    body = """
containers:
  - name: web
    image: x:1
    ports:
      - containerPort: 80
      - containerPort: 8080
      - containerPort: 1023
"""
    assert where(lint({"p.yaml": pod(body)}, "CTR023")) == [("CTR023", "p.yaml", 10, 11), ("CTR023", "p.yaml", 12, 11)]


def test_ctr023_overlap_kube_linter_privileged_ports(lint: Any) -> None:
    # kube-linter privileged-ports flags containerPort values in 1..1023 on every container.
    assert (
        len(
            lint({"d.yaml": deployment("containers: [{name: a, image: x:1, ports: [{containerPort: 443}]}]")}, "CTR023")
        )
        == 1
    )
    assert (
        lint({"d.yaml": deployment("containers: [{name: a, image: x:1, ports: [{containerPort: 1024}]}]")}, "CTR023")
        == []
    )


# --- overlap with other tools for CTR001-CTR003 -----------------------------------------------------


def test_ctr001_overlap_checkov_ckv_k8s_16_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_16 (PrivilegedContainers.py) fails a truthy securityContext.privileged on
    # containers and initContainers; kube-linter privileged-container does the same on every container.
    init = "initContainers: [{name: i, image: x:1, securityContext: {privileged: true}}]\n"
    init += "containers: [{name: a, image: x:1}]"
    assert len(lint({"d.yaml": deployment(init)}, "CTR001")) == 1
    assert (
        lint(
            {"d.yaml": deployment("containers: [{name: a, image: x:1, securityContext: {privileged: false}}]")},
            "CTR001",
        )
        == []
    )


def test_ctr002_overlap_checkov_ckv_k8s_20_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_20 (AllowPrivilegeEscalation.py) passes only allowPrivilegeEscalation: false;
    # kube-linter privilege-escalation-container fails an explicit true. Both fail an explicit true and
    # pass false; an unset field fails here and in Checkov, not in kube-linter (notes say so).
    explicit = deployment("containers: [{name: a, image: x:1, securityContext: {allowPrivilegeEscalation: true}}]")
    off = deployment("containers: [{name: a, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]")
    assert [f.severity.label for f in lint({"e.yaml": explicit}, "CTR002")] == ["high"]
    assert lint({"o.yaml": off}, "CTR002") == []


def test_ctr003_overlap_checkov_ckv_k8s_23_and_kube_linter(lint: Any) -> None:
    # Checkov CKV_K8S_23 (RootContainers.py) and kube-linter run-as-non-root pass a pod-level
    # runAsNonRoot: true and fail a pod with neither runAsNonRoot nor runAsUser. Both accept
    # runAsUser > 0 alone, which Pod Security "restricted" (and this rule) does not.
    nonroot = deployment("securityContext: {runAsNonRoot: true}\ncontainers: [{name: a, image: x:1}]")
    nothing = deployment("containers: [{name: a, image: x:1}]")
    uid_only = deployment("securityContext: {runAsUser: 1000}\ncontainers: [{name: a, image: x:1}]")
    assert lint({"n.yaml": nonroot}, "CTR003") == []
    assert len(lint({"x.yaml": nothing}, "CTR003")) == 1
    assert len(lint({"u.yaml": uid_only}, "CTR003")) == 1  # deliberate difference


def test_precedence_stays_inside_one_render_root(lint: Any) -> None:
    # The base is rendered by two overlays; only dev makes the container privileged. CTR007 gives way
    # to CTR001 in dev, but prod's finding about the same base container must survive.
    base = deployment("containers:\n  - name: api\n    image: x:1\n    securityContext: {runAsNonRoot: true}\n")
    patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n"
    patch += "      containers:\n        - name: api\n          securityContext: {privileged: true}\n"
    tree = {
        "base/deploy.yaml": base,
        "base/kustomization.yaml": "resources: [deploy.yaml]\n",
        "prod/kustomization.yaml": "namespace: prod\nresources: [../base]\n",
        "dev/kustomization.yaml": "namespace: dev\nresources: [../base]\npatches: [{path: privileged.yaml}]\n",
        "dev/privileged.yaml": patch,
    }
    found = [f for f in lint(tree) if f.rule_id in ("CTR001", "CTR007")]
    assert [(f.rule_id, f.path, f.extra["roots"]) for f in found] == [
        ("CTR007", "base/deploy.yaml", ["prod/kustomization.yaml"]),
        ("CTR001", "dev/privileged.yaml", ["dev/kustomization.yaml"]),
    ]


def test_cronjob_init_container_inherits_pod_settings(lint: Any) -> None:
    cronjob = """
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
          initContainers:
            - name: fetch
              image: x:1
          containers:
            - name: report
              image: x:1
              securityContext: {runAsUser: 10001}
"""
    found = lint({"c.yaml": cronjob}, "CTR004")
    assert rows(found) == [("CTR004", 10, 29, "high")]
    assert 'inherited by init container "fetch")' in found[0].message


def test_unexpected_shapes_never_raise(lint: Any) -> None:
    # Strings, nulls and lists where mappings belong (and the reverse): the rules skip, never crash.
    weird = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: weird
  annotations: [a, b]
spec:
  template:
    metadata: {annotations: "x"}
    spec:
      hostPID: "true"
      securityContext: [runAsUser, 0]
      hostAliases: {ip: 1.2.3.4}
      volumes:
        - hostPath: /etc
        - name: v
          hostPath: {path: [a]}
        - 42
      containers:
        - name: a
          command: "sudo id"
          args: [null, 3, {x: 1}]
          ports: [80, {containerPort: "80", hostPort: "8080"}]
          resources: [limits]
          securityContext:
            capabilities: {add: ALL, drop: {ALL: true}}
            seccompProfile: Unconfined
            seLinuxOptions: spc_t
            appArmorProfile: [Unconfined]
            windowsOptions: null
            procMount: null
          livenessProbe: {httpGet: [host]}
          lifecycle: {preStop: "exec"}
          volumeMounts: [v, {name: v, readOnly: "true"}]
        - just-a-string
        - null
      initContainers: {name: x}
"""
    ctr_host = lint({"w.yaml": weird})
    assert {f.rule_id[:3] for f in ctr_host} >= {"CTR", "HOS"}


def test_baseline_profile_narrows_ctr011_and_ctr014(lint: Any) -> None:
    unset = pod("containers: [{name: a, image: x:1}]")
    unconfined = pod("securityContext: {seccompProfile: {type: Unconfined}}\ncontainers: [{name: a, image: x:1}]")
    assert lint({"u.yaml": unset}, "CTR011", profile="baseline") == []
    assert [f.severity.label for f in lint({"c.yaml": unconfined}, "CTR011", profile="baseline")] == ["high"]
    userns = pod("hostUsers: false\ncontainers: [{name: a, image: x:1, securityContext: {procMount: Unmasked}}]")
    assert lint({"p.yaml": userns}, "CTR014", profile="baseline") == []
    assert len(lint({"p.yaml": userns}, "CTR014")) == 1
    assert len(lint({"p.yaml": userns}, "CTR014", profile="baseline", kubernetes_version="1.34")) == 1
