"""ORC rules."""

from __future__ import annotations

from typing import Any

from linter.severity import Severity
from tests.conftest import where

ROLE = """
apiVersion: rbac.authorization.k8s.io/v1
kind: {kind}
metadata:
  name: {name}
rules:
{rules}
"""


def role(rules: str, kind: str = "ClusterRole", name: str = "r") -> str:
    return ROLE.format(kind=kind, name=name, rules=rules.strip("\n"))


def test_orc001_one_finding_per_entry_at_first_star(lint: Any) -> None:
    rules = """
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: ["*"]
    resources: ["pods"]
    verbs: ["get"]
"""
    found = lint({"r.yaml": role(rules)}, "ORC001")
    assert where(found) == [("ORC001", "r.yaml", 10, 17), ("ORC001", "r.yaml", 12, 17)]
    assert [f.severity for f in found] == [Severity.CRITICAL, Severity.HIGH]


def test_orc001_non_resource_urls_need_a_star_verb(lint: Any) -> None:
    get_only = '  - nonResourceURLs: ["*"]\n    verbs: ["get"]\n'
    assert lint({"r.yaml": role(get_only)}, "ORC001") == []
    assert len(lint({"r.yaml": role('  - nonResourceURLs: ["*"]\n    verbs: ["*"]\n')}, "ORC001")) == 1


def test_orc001_ignores_system_roles_and_other_api_groups(lint: Any) -> None:
    star = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n'
    assert lint({"r.yaml": role(star, name="system:controller:foo")}, "ORC001") == []
    not_rbac = role(star).replace("rbac.authorization.k8s.io/v1", "example.com/v1")
    assert lint({"r.yaml": not_rbac}, "ORC001") == []


def test_orc001_passes_with_explicit_lists(lint: Any) -> None:
    rules = '  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n'
    assert lint({"r.yaml": role(rules, kind="Role")}, "ORC001") == []


def test_orc001_matches_checkov_ckv_k8s_49(lint: Any) -> None:
    # Checkov CKV_K8S_49 (WildcardRoles.py) fails a Role whose first rule has `*` in apiGroups,
    # resources or verbs, and passes explicit lists; same verdicts here.
    for field in ("apiGroups", "resources", "verbs"):
        rules = '  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get"]\n'
        starred = {"apiGroups": '["apps"]', "resources": '["deployments"]', "verbs": '["get"]'}[field]
        rules = rules.replace(f"{field}: {starred}", f'{field}: ["*"]')
        assert len(lint({"r.yaml": role(rules, kind="Role")}, "ORC001")) == 1, field
    explicit = '  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get"]\n'
    assert lint({"r.yaml": role(explicit, kind="Role")}, "ORC001") == []


BINDING = """
apiVersion: rbac.authorization.k8s.io/v1
kind: {kind}
metadata:
  name: {name}{namespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: {ref_kind}
  name: {ref_name}
subjects:
{subjects}
"""


def binding(
    subjects: str,
    ref_name: str = "cluster-admin",
    *,
    kind: str = "ClusterRoleBinding",
    ref_kind: str = "ClusterRole",
    name: str = "b",
    namespace: str | None = None,
) -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return BINDING.format(
        kind=kind, name=name, namespace=ns, ref_kind=ref_kind, ref_name=ref_name, subjects=subjects.strip("\n")
    )


SA_JENKINS = "  - kind: ServiceAccount\n    name: jenkins\n    namespace: ci\n"
STAR = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n'


# -- ORC002 -----------------------------------------------------------------------------------------


def test_orc002_cluster_admin_binding_points_at_role_ref_name(lint: Any) -> None:
    found = lint({"b.yaml": binding(SA_JENKINS)}, "ORC002")
    assert where(found) == [("ORC002", "b.yaml", 8, 3)]
    assert found[0].severity == Severity.HIGH
    assert 'ServiceAccount "ci/jenkins"' in found[0].message


def test_orc002_broad_groups_and_default_service_account_are_critical(lint: Any) -> None:
    for subject in (
        "  - kind: Group\n    name: system:authenticated\n",
        "  - kind: Group\n    name: system:serviceaccounts:shop\n",
        "  - kind: ServiceAccount\n    name: default\n    namespace: shop\n",
    ):
        found = lint({"b.yaml": binding(SA_JENKINS + subject)}, "ORC002")
        assert [f.severity for f in found] == [Severity.CRITICAL], subject


def test_orc002_allowlist_by_name_kind_or_service_account_user(lint: Any) -> None:
    for pattern in ("jenkins", "ServiceAccount:jenkins", "system:serviceaccount:ci:*"):
        assert lint({"b.yaml": binding(SA_JENKINS)}, "ORC002", cluster_admin_subject_allowlist=[pattern]) == []
    # One subject outside the allowlist is enough; only it is named.
    two = SA_JENKINS + "  - kind: User\n    name: mallory\n"
    found = lint({"b.yaml": binding(two)}, "ORC002", cluster_admin_subject_allowlist=["jenkins"])
    assert len(found) == 1 and "mallory" in found[0].message and "jenkins" not in found[0].message


def test_orc002_role_in_repo_with_all_wildcards_is_equivalent(lint: Any) -> None:
    files = {"r.yaml": role(STAR, name="god"), "b.yaml": binding(SA_JENKINS, "god")}
    found = lint(files, "ORC002")
    assert where(found) == [("ORC002", "b.yaml", 8, 3)]
    assert "every verb on every resource" in found[0].message
    # apiGroups narrowed: not every resource, not reported.
    narrow = STAR.replace('apiGroups: ["*"]', 'apiGroups: [""]')
    assert lint({"r.yaml": role(narrow, name="god"), "b.yaml": binding(SA_JENKINS, "god")}, "ORC002") == []
    # A role that is not in the repository is not guessed at.
    assert lint({"b.yaml": binding(SA_JENKINS, "god")}, "ORC002") == []


def test_orc002_namespaced_role_resolved_in_the_binding_namespace(lint: Any) -> None:
    rb = binding(SA_JENKINS, "ns-admin", kind="RoleBinding", ref_kind="Role", namespace="shop")
    same = role(STAR, kind="Role", name="ns-admin").replace("  name: ns-admin", "  name: ns-admin\n  namespace: shop")
    other = same.replace("namespace: shop", "namespace: billing")
    assert len(lint({"r.yaml": same, "b.yaml": rb}, "ORC002")) == 1
    assert lint({"r.yaml": other, "b.yaml": rb}, "ORC002") == []
    # Neither namespaced: the Role deployed alongside the binding is the one, and the message says so.
    unnamespaced = role(STAR, kind="Role", name="ns-admin")
    rb_bare = binding(SA_JENKINS, "ns-admin", kind="RoleBinding", ref_kind="Role")
    found = lint({"app/r.yaml": unnamespaced, "app/b.yaml": rb_bare}, "ORC002")
    assert len(found) == 1 and "as the namespace is not known" in found[0].message
    assert lint({"app/r.yaml": unnamespaced, "other/b.yaml": rb_bare}, "ORC002") == []


def test_orc002_aggregated_cluster_role_is_equivalent(lint: Any) -> None:
    aggregating = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: platform
aggregationRule:
  clusterRoleSelectors:
    - matchLabels:
        acme.io/aggregate-to-platform: "true"
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: platform-all
  labels:
    acme.io/aggregate-to-platform: "true"
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
"""
    found = lint({"r.yaml": aggregating, "b.yaml": binding(SA_JENKINS, "platform")}, "ORC002")
    assert len(found) == 1 and 'aggregated ClusterRole "platform-all"' in found[0].message


def test_orc002_rolebinding_to_cluster_admin_and_system_bindings(lint: Any) -> None:
    rb = binding(SA_JENKINS, kind="RoleBinding", namespace="shop")
    assert len(lint({"b.yaml": rb}, "ORC002")) == 1
    assert lint({"b.yaml": binding(SA_JENKINS, name="system:controller:x")}, "ORC002") == []
    assert lint({"b.yaml": binding(SA_JENKINS, "edit")}, "ORC002") == []


def test_orc002_matches_kube_linter_cluster_admin_role_binding(lint: Any) -> None:
    # kube-linter's cluster-admin-role-binding template (pkg/templates/clusteradminrolebinding)
    # flags a ClusterRoleBinding whose roleRef is ClusterRole cluster-admin, whatever the subjects;
    # same verdict here for a User subject, and none for another ClusterRole name.
    user = "  - kind: User\n    name: alice\n    apiGroup: rbac.authorization.k8s.io\n"
    assert len(lint({"b.yaml": binding(user)}, "ORC002")) == 1
    assert lint({"b.yaml": binding(user, "view")}, "ORC002") == []


def test_orc002_survives_odd_shapes(lint: Any) -> None:
    odd = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: odd
roleRef: cluster-admin
subjects: jenkins
"""
    assert lint({"b.yaml": odd}, "ORC002") == []
    no_subjects = binding("").replace("subjects:\n", "subjects: null\n")
    assert lint({"b.yaml": no_subjects}, "ORC002") == []


# -- ORC003 -----------------------------------------------------------------------------------------


def test_orc003_each_system_subject_at_its_entry(lint: Any) -> None:
    subjects = (
        "  - kind: User\n    name: alice\n"
        "  - kind: Group\n    name: system:authenticated\n"
        "  - kind: User\n    name: system:anonymous\n"
        "  - kind: Group\n    name: system:masters\n"
    )
    found = lint({"b.yaml": binding(subjects, "viewer")}, "ORC003")
    assert where(found) == [("ORC003", "b.yaml", 12, 5), ("ORC003", "b.yaml", 14, 5), ("ORC003", "b.yaml", 16, 5)]
    assert all(f.severity == Severity.CRITICAL for f in found)


def test_orc003_discovery_roles_and_exact_kinds(lint: Any) -> None:
    anon = "  - kind: Group\n    name: system:unauthenticated\n"
    assert lint({"b.yaml": binding(anon, "system:public-info-viewer", name="public-info")}, "ORC003") == []
    assert len(lint({"b.yaml": binding(anon, "viewer")}, "ORC003")) == 1
    # A User that happens to be called like a group is not the group.
    assert lint({"b.yaml": binding("  - kind: User\n    name: system:authenticated\n", "viewer")}, "ORC003") == []


def test_orc003_third_document(lint: Any) -> None:
    doc = binding("  - kind: Group\n    name: system:unauthenticated\n", "viewer")
    reader = role('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n')
    text = f"{reader}---{doc}---{doc}"
    found = lint({"b.yaml": text}, "ORC003")
    assert [f.span.line for f in found] == [19, 31]


def entry(resources: str, verbs: str, groups: str = '""', extra: str = "") -> str:
    return f"  - apiGroups: [{groups}]\n    resources: [{resources}]\n    verbs: [{verbs}]\n{extra}"


def namespaced(text: str, namespace: str) -> str:
    return text.replace("metadata:\n", f"metadata:\n  namespace: {namespace}\n", 1)


# -- ORC004 (and what every grant rule shares) ------------------------------------------------------


def test_orc004_points_at_secrets_item_with_kind_severity(lint: Any) -> None:
    rules = entry('"configmaps", "secrets"', '"list"')
    found = lint({"r.yaml": role(rules)}, "ORC004")
    assert where(found) == [("ORC004", "r.yaml", 7, 31)]
    assert found[0].severity == Severity.HIGH
    found = lint({"r.yaml": namespaced(role(rules, kind="Role"), "shop")}, "ORC004")
    assert [f.severity for f in found] == [Severity.MEDIUM]
    names = entry('"secrets"', '"get"', extra='    resourceNames: ["tls"]\n')
    assert [f.severity for f in lint({"r.yaml": role(names)}, "ORC004")] == [Severity.LOW]


def test_orc004_wildcards_groups_and_verbs(lint: Any) -> None:
    assert len(lint({"r.yaml": role(entry('"*"', '"watch"'))}, "ORC004")) == 1
    assert len(lint({"r.yaml": role(entry('"secrets"', '"*"', groups='"*"'))}, "ORC004")) == 1
    # Not the core group, or not a read verb: no Secrets readable.
    assert lint({"r.yaml": role(entry('"secrets"', '"get"', groups='"apps"'))}, "ORC004") == []
    assert lint({"r.yaml": role(entry('"secrets"', '"create", "delete"'))}, "ORC004") == []
    # No apiGroups at all grants nothing.
    assert lint({"r.yaml": role('  - resources: ["secrets"]\n    verbs: ["get"]\n')}, "ORC004") == []


def test_orc004_one_finding_per_entry(lint: Any) -> None:
    rules = entry('"secrets"', '"get"') + entry('"pods"', '"get"') + entry('"secrets"', '"list", "watch"')
    assert [f.span.line for f in lint({"r.yaml": role(rules)}, "ORC004")] == [7, 13]


def test_orc004_aggregated_cluster_role_reported_at_its_selector(lint: Any) -> None:
    text = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
    - matchLabels:
        rbac.acme.io/aggregate-to-monitoring: "true"
    - matchExpressions:
        - {key: rbac.acme.io/tier, operator: In, values: [ops]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-peek
  labels:
    rbac.acme.io/tier: ops
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: unrelated
  labels:
    rbac.acme.io/tier: dev
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
"""
    found = lint({"r.yaml": text}, "ORC004")
    assert where(found) == [("ORC004", "r.yaml", 9, 7), ("ORC004", "r.yaml", 20, 17), ("ORC004", "r.yaml", 31, 17)]
    assert 'ClusterRole "monitoring" can read Secrets through aggregated ClusterRole "secret-peek"' in found[0].message


def test_orc004_rbac_ignore_and_odd_shapes(lint: Any) -> None:
    rules = entry('"secrets"', '"get"')
    assert lint({"r.yaml": role(rules, name="system:kube-scheduler")}, "ORC004") == []
    assert lint({"r.yaml": role(rules, name="vault-reader")}, "ORC004", rbac_ignore=["vault-*"]) == []
    odd = role("  - just a string\n  - apiGroups: ''\n    resources: secrets\n    verbs: null\n")
    assert lint({"r.yaml": odd}, "ORC004") == []
    assert lint({"r.yaml": role("").replace("rules:\n", "rules: everything\n")}, "ORC004") == []
    selector = role(rules, name="x").replace("rules:", "aggregationRule:\n  clusterRoleSelectors: [1, null]\nrules:")
    assert len(lint({"r.yaml": selector}, "ORC004")) == 1


def test_orc004_matches_checkov_ckv2_k8s_5_and_kube_linter_access_to_secrets(lint: Any) -> None:
    # Checkov CKV2_K8S_5 (graph_checks/ReadAllSecrets.yaml) fails a RoleBinding of a ServiceAccount
    # to a Role whose rules intersect resources {secrets, *} and verbs {get, watch, list, *};
    # kube-linter access-to-secrets flags the same binding. Same verdict here, on the Role.
    reader = namespaced(role(entry('"secrets"', '"get", "watch", "list"'), kind="Role", name="reader"), "ns1")
    rb = binding("  - kind: ServiceAccount\n    name: app\n    namespace: ns1\n", "reader", kind="RoleBinding")
    assert len(lint({"r.yaml": reader, "b.yaml": namespaced(rb, "ns1")}, "ORC004")) == 1
    clean = reader.replace('"secrets"', '"configmaps"')
    assert lint({"r.yaml": clean, "b.yaml": namespaced(rb, "ns1")}, "ORC004") == []


# -- ORC005 -----------------------------------------------------------------------------------------


def test_orc005_workload_writes(lint: Any) -> None:
    assert where(lint({"r.yaml": role(entry('"pods"', '"create"'))}, "ORC005")) == [("ORC005", "r.yaml", 7, 17)]
    assert len(lint({"r.yaml": role(entry('"statefulsets"', '"patch"', groups='"apps"'))}, "ORC005")) == 1
    assert len(lint({"r.yaml": role(entry('"cronjobs"', '"update"', groups='"batch"'))}, "ORC005")) == 1
    assert len(lint({"r.yaml": role(entry('"persistentvolumes"', '"create"'))}, "ORC005")) == 1
    # Patching a pod or a PersistentVolume, or deleting a Deployment, is not creating a workload.
    assert lint({"r.yaml": role(entry('"pods", "persistentvolumes"', '"patch", "delete"'))}, "ORC005") == []
    assert lint({"r.yaml": role(entry('"deployments"', '"delete"', groups='"apps"'))}, "ORC005") == []
    # deployments in the core group do not exist.
    assert lint({"r.yaml": role(entry('"deployments"', '"create"'))}, "ORC005") == []


def test_orc005_matches_kube_linter_access_to_create_pods(lint: Any) -> None:
    # kube-linter access-to-create-pods (access-to-resources template, verbs ^create$ on pods,
    # deployments, statefulsets, replicasets, jobs, daemonsets) flags a binding to a role that
    # can create deployments; same verdict here on the role. Read-only: neither reports.
    creator = role(entry('"deployments"', '"create"', groups='"apps"'), name="deployer")
    crb = binding(SA_JENKINS, "deployer")
    assert len(lint({"r.yaml": creator, "b.yaml": crb}, "ORC005")) == 1
    reader = creator.replace('"create"', '"get"')
    assert lint({"r.yaml": reader, "b.yaml": crb}, "ORC005") == []


# -- ORC006 -----------------------------------------------------------------------------------------


def test_orc006_subresource_forms(lint: Any) -> None:
    assert where(lint({"r.yaml": role(entry('"pods", "pods/exec"', '"get"'))}, "ORC006")) == [
        ("ORC006", "r.yaml", 7, 25)
    ]
    assert len(lint({"r.yaml": role(entry('"pods/*"', '"create"'))}, "ORC006")) == 1
    assert len(lint({"r.yaml": role(entry('"*/attach"', '"create"'))}, "ORC006")) == 1
    assert len(lint({"r.yaml": role(entry('"nodes/proxy"', '"list"'))}, "ORC006")) == 1
    assert len(lint({"r.yaml": role(entry('"nodes/proxy"', '"proxy"'))}, "ORC006")) == 1
    # `pods` is not `pods/exec`; `*/log` is not exec; watch is not get/create.
    assert lint({"r.yaml": role(entry('"pods", "*/log"', '"create", "get"'))}, "ORC006") == []
    assert lint({"r.yaml": role(entry('"pods/exec"', '"watch"'))}, "ORC006") == []
    limited = entry('"pods/exec"', '"create"', extra='    resourceNames: ["debug-0"]\n')
    assert [f.severity for f in lint({"r.yaml": role(limited)}, "ORC006")] == [Severity.MEDIUM]


def test_orc006_matches_checkov_ckv2_k8s_2(lint: Any) -> None:
    # Checkov CKV2_K8S_2 (graph_checks/NoExecuteCommandsInExistingPods.yaml) fails a binding of a
    # ServiceAccount to a role with create on pods/exec; same verdict here.
    execer = role(entry('"pods/exec"', '"create"'), name="exec")
    assert len(lint({"r.yaml": execer, "b.yaml": binding(SA_JENKINS, "exec")}, "ORC006")) == 1


# -- ORC007 -----------------------------------------------------------------------------------------

RBAC = '"rbac.authorization.k8s.io"'


def test_orc007_points_at_the_verb_with_sub_case_severity(lint: Any) -> None:
    found = lint({"r.yaml": role(entry('"clusterroles"', '"get", "escalate"', groups=RBAC))}, "ORC007")
    assert where(found) == [("ORC007", "r.yaml", 8, 20)]
    assert found[0].severity == Severity.HIGH
    found = lint({"r.yaml": role(entry('"rolebindings"', '"create"', groups=RBAC))}, "ORC007")
    assert [f.severity for f in found] == [Severity.MEDIUM]
    both = entry('"roles", "rolebindings"', '"create", "bind"', groups=RBAC)
    assert [(f.span.col, f.severity) for f in lint({"r.yaml": role(both)}, "ORC007")] == [(23, Severity.HIGH)]


def test_orc007_impersonation(lint: Any) -> None:
    assert len(lint({"r.yaml": role(entry('"serviceaccounts"', '"impersonate"'))}, "ORC007")) == 1
    auth = '"authentication.k8s.io"'
    assert len(lint({"r.yaml": role(entry('"userextras/scopes"', '"impersonate"', groups=auth))}, "ORC007")) == 1
    assert len(lint({"r.yaml": role(entry('"uids"', '"impersonate"', groups=auth))}, "ORC007")) == 1
    assert lint({"r.yaml": role(entry('"serviceaccounts"', '"get"'))}, "ORC007") == []


def test_orc007_overlap_with_checkov(lint: Any) -> None:
    # Checkov CKV_K8S_158 (RbacEscalateRoles.py: escalate on roles/clusterroles in
    # rbac.authorization.k8s.io) fails this role; so does this rule.
    assert len(lint({"r.yaml": role(entry('"roles"', '"escalate"', groups=RBAC))}, "ORC007")) == 1
    # Checkov CKV2_K8S_3 (graph_checks/ImpersonatePermissions.yaml) fails a ServiceAccount bound to
    # impersonate on users; so does this rule (on the role).
    imp = role(entry('"users"', '"impersonate"'), name="imp")
    assert len(lint({"r.yaml": imp, "b.yaml": binding(SA_JENKINS, "imp")}, "ORC007")) == 1
    # Checkov CKV_K8S_157 (RbacBindRoleBindings.py) fails `bind` on rolebindings; the API server
    # checks `bind` on the role being bound, so this rule deliberately passes it (see notes) and
    # agrees with Checkov once the role also covers roles (`*`).
    assert lint({"r.yaml": role(entry('"rolebindings"', '"bind"', groups=RBAC))}, "ORC007") == []
    assert len(lint({"r.yaml": role(entry('"*"', '"bind"', groups=RBAC))}, "ORC007")) == 1


# -- ORC008 - ORC011 --------------------------------------------------------------------------------

ADMISSION = '"admissionregistration.k8s.io"'


def test_orc008_admission_writes(lint: Any) -> None:
    found = lint({"r.yaml": role(entry('"validatingadmissionpolicies"', '"delete"', groups=ADMISSION))}, "ORC008")
    assert where(found) == [("ORC008", "r.yaml", 7, 17)]
    assert (
        lint({"r.yaml": role(entry('"validatingwebhookconfigurations"', '"list"', groups=ADMISSION))}, "ORC008") == []
    )


def test_orc008_matches_checkov_ckv_k8s_155(lint: Any) -> None:
    # Checkov CKV_K8S_155 (RbacControlWebhooks.py) fails a ClusterRole with create/update/patch on
    # the webhook configurations in admissionregistration.k8s.io, and passes read-only ones.
    hooks = '"mutatingwebhookconfigurations", "validatingwebhookconfigurations"'
    assert len(lint({"r.yaml": role(entry(hooks, '"create", "update", "patch"', groups=ADMISSION))}, "ORC008")) == 1
    assert lint({"r.yaml": role(entry(hooks, '"get", "list", "watch"', groups=ADMISSION))}, "ORC008") == []


def test_orc009_each_credential_path(lint: Any) -> None:
    certs = '"certificates.k8s.io"'
    assert len(lint({"r.yaml": role(entry('"serviceaccounts/token"', '"create"'))}, "ORC009")) == 1
    assert len(lint({"r.yaml": role(entry('"signers"', '"approve"', groups=certs))}, "ORC009")) == 1
    assert lint({"r.yaml": role(entry('"serviceaccounts"', '"create"'))}, "ORC009") == []
    assert lint({"r.yaml": role(entry('"certificatesigningrequests"', '"update"', groups=certs))}, "ORC009") == []


def test_orc009_matches_checkov_ckv_k8s_156(lint: Any) -> None:
    # Checkov CKV_K8S_156 (RbacApproveCertificateSigningRequests.py) fails a ClusterRole holding
    # both update/patch on certificatesigningrequests/approval and approve on signers: two findings
    # here, one per entry. (Checkov passes a role with only one of them; this rule reports it.)
    certs = '"certificates.k8s.io"'
    rules = entry('"certificatesigningrequests/approval"', '"update"', groups=certs) + entry(
        '"signers"', '"approve"', groups=certs
    )
    assert len(lint({"r.yaml": role(rules)}, "ORC009")) == 2


def test_orc010_log_and_event_deletion(lint: Any) -> None:
    assert len(lint({"r.yaml": role(entry('"pods/log"', '"delete"'))}, "ORC010")) == 1
    assert len(lint({"r.yaml": role(entry('"events"', '"deletecollection"'))}, "ORC010")) == 1
    assert lint({"r.yaml": role(entry('"events"', '"delete"', groups='"apps"'))}, "ORC010") == []
    assert lint({"r.yaml": role(entry('"pods/log"', '"get"'))}, "ORC010") == []


def test_orc011_network_control(lint: Any) -> None:
    assert (
        len(lint({"r.yaml": role(entry('"endpointslices"', '"create"', groups='"discovery.k8s.io"'))}, "ORC011")) == 1
    )
    assert len(lint({"r.yaml": role(entry('"endpoints"', '"patch"'))}, "ORC011")) == 1
    assert lint({"r.yaml": role(entry('"services/status"', '"get"'))}, "ORC011") == []
    assert lint({"r.yaml": role(entry('"networkpolicies"', '"create"'))}, "ORC011") == []  # wrong group


def test_orc011_matches_checkov_ckv2_k8s_4(lint: Any) -> None:
    # Checkov CKV2_K8S_4 (graph_checks/ModifyServicesStatus.yaml) fails a ServiceAccount bound to a
    # role with update/patch on services/status; same verdict here.
    status = role(entry('"services/status"', '"patch"'), name="lb-status")
    found = lint({"r.yaml": status, "b.yaml": binding(SA_JENKINS, "lb-status")}, "ORC011")
    assert where(found) == [("ORC011", "r.yaml", 7, 17)]


# -- ORC012 -----------------------------------------------------------------------------------------


def test_orc012_role_in_kube_system(lint: Any) -> None:
    writer = namespaced(role(entry('"configmaps"', '"update"'), kind="Role", name="w"), "kube-system")
    found = lint({"r.yaml": writer}, "ORC012")
    assert where(found) == [("ORC012", "r.yaml", 8, 17)]
    assert found[0].severity == Severity.MEDIUM and "in namespace kube-system" in found[0].message
    assert lint({"r.yaml": writer.replace("kube-system", "shop")}, "ORC012") == []
    limited = writer.replace("    verbs:", '    resourceNames: ["my-settings"]\n    verbs:')
    assert [f.severity for f in lint({"r.yaml": limited}, "ORC012")] == [Severity.LOW]


def test_orc012_cluster_role_by_its_bindings(lint: Any) -> None:
    writer = role(entry('"configmaps"', '"patch"'), name="cm-writer")
    assert lint({"r.yaml": writer}, "ORC012") == []  # bound nowhere in the repository
    crb = binding(SA_JENKINS, "cm-writer", name="writers")
    found = lint({"r.yaml": writer, "b.yaml": crb}, "ORC012")
    assert where(found) == [("ORC012", "r.yaml", 7, 17)]
    assert 'cluster-wide through ClusterRoleBinding "writers"' in found[0].message
    rb = namespaced(binding(SA_JENKINS, "cm-writer", kind="RoleBinding", name="w"), "kube-system")
    assert len(lint({"r.yaml": writer, "b.yaml": rb}, "ORC012")) == 1
    assert lint({"r.yaml": writer, "b.yaml": rb.replace("kube-system", "shop")}, "ORC012") == []


def test_orc012_named_configmaps_and_aws_auth(lint: Any) -> None:
    aws = entry('"configmaps"', '"update"', extra='    resourceNames: ["aws-auth"]\n')
    assert [f.severity for f in lint({"r.yaml": role(aws)}, "ORC012")] == [Severity.CRITICAL]
    argo = entry('"configmaps"', '"patch"', extra='    resourceNames: ["argocd-rbac-cm"]\n')
    assert [f.severity for f in lint({"r.yaml": role(argo)}, "ORC012")] == [Severity.MEDIUM]
    # A namespaced Role elsewhere cannot reach kube-system's coredns.
    dns = namespaced(role(entry('"configmaps"', '"patch"', extra='    resourceNames: ["coredns"]\n'), "Role"), "shop")
    assert lint({"r.yaml": dns}, "ORC012") == []
    assert len(lint({"r.yaml": dns.replace("shop", "kube-system")}, "ORC012")) == 1
    # Every kube-system ConfigMap writable while the repository manages aws-auth: critical.
    writer = namespaced(role(entry('"configmaps"', '"*"'), kind="Role"), "kube-system")
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth\n  namespace: kube-system\ndata: {}\n"
    assert [f.severity for f in lint({"r.yaml": writer, "cm.yaml": cm}, "ORC012")] == [Severity.CRITICAL]


# -- ORC023 / ORC024 --------------------------------------------------------------------------------

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api{namespace}
spec:
  template:
    spec:{pod}
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0.0
"""

CRONJOB = """
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          {pod}
          containers:
            - name: job
              image: ghcr.io/acme/job:1.0.0
"""


def deployment(pod: str = "", namespace: str | None = None) -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return DEPLOYMENT.format(namespace=ns, pod="".join(f"\n      {line}" for line in pod.splitlines()))


def service_account(name: str = "api", automount: str | None = "false", namespace: str | None = None) -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    auto = f"\nautomountServiceAccountToken: {automount}" if automount is not None else ""
    return f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}{ns}{auto}\n"


def test_orc023_default_token_points_at_service_account_name_or_workload_name(lint: Any) -> None:
    found = lint({"d.yaml": deployment()}, "ORC023")
    assert where(found) == [("ORC023", "d.yaml", 4, 3)]
    assert found[0].severity == Severity.MEDIUM and 'ServiceAccount "default"' in found[0].message
    found = lint({"d.yaml": deployment("serviceAccountName: api")}, "ORC023")
    assert where(found) == [("ORC023", "d.yaml", 8, 7)]


def test_orc023_pod_value_wins_over_service_account(lint: Any) -> None:
    assert lint({"d.yaml": deployment("automountServiceAccountToken: false")}, "ORC023") == []
    explicit = deployment("serviceAccountName: api\nautomountServiceAccountToken: true")
    found = lint({"d.yaml": explicit, "sa.yaml": service_account()}, "ORC023")
    assert where(found) == [("ORC023", "d.yaml", 9, 7)]
    assert "automountServiceAccountToken: true" in found[0].message
    # A string is not a boolean: left to the schema rules.
    assert lint({"d.yaml": deployment('automountServiceAccountToken: "false"')}, "ORC023") == []


def test_orc023_service_account_of_the_same_namespace_decides(lint: Any) -> None:
    pod = deployment("serviceAccountName: api", namespace="shop")
    assert lint({"d.yaml": pod, "sa.yaml": service_account(namespace="shop")}, "ORC023") == []
    assert len(lint({"d.yaml": pod, "sa.yaml": service_account(namespace="billing")}, "ORC023")) == 1
    found = lint({"d.yaml": pod, "sa.yaml": service_account(automount=None, namespace="shop")}, "ORC023")
    assert len(found) == 1 and "which does not set automountServiceAccountToken: false" in found[0].message
    # The default ServiceAccount is looked up like any other.
    bare = deployment(namespace="shop")
    assert lint({"d.yaml": bare, "sa.yaml": service_account("default", namespace="shop")}, "ORC023") == []


def test_orc023_unknown_namespace_matches_service_account_deployed_alongside(lint: Any) -> None:
    pod = deployment("serviceAccountName: api")
    assert lint({"app/d.yaml": pod, "app/sa.yaml": service_account()}, "ORC023") == []
    assert len(lint({"app/d.yaml": pod, "other/sa.yaml": service_account()}, "ORC023")) == 1
    found = lint({"app/d.yaml": pod, "app/sa.yaml": service_account(automount="true")}, "ORC023")
    assert len(found) == 1 and "as its namespace is not known" in found[0].message


def test_orc023_kustomize_overlay_namespaces_both(lint: Any) -> None:
    files = {
        "base/kustomization.yaml": "resources:\n  - d.yaml\n  - sa.yaml\n",
        "base/d.yaml": deployment("serviceAccountName: api"),
        "base/sa.yaml": service_account(),
        "overlays/prod/kustomization.yaml": "namespace: shop\nresources:\n  - ../../base\n",
        "overlays/prod/sa.yaml": "",
    }
    assert lint(files, "ORC023") == []
    files["base/sa.yaml"] = service_account(automount=None)
    assert where(lint(files, "ORC023")) == [("ORC023", "base/d.yaml", 8, 7)]


def test_orc023_allowlist(lint: Any) -> None:
    pod = deployment("serviceAccountName: operator", namespace="ops")
    for pattern in ("operator", "ops/*", "system:serviceaccount:ops:operator"):
        assert lint({"d.yaml": pod}, "ORC023", automount_allowlist=[pattern]) == []
    assert len(lint({"d.yaml": pod}, "ORC023", automount_allowlist=["shop/*"])) == 1


def test_orc023_every_workload_shape(lint: Any) -> None:
    cronjob = CRONJOB.format(pod="serviceAccountName: nightly")
    assert where(lint({"c.yaml": cronjob}, "ORC023")) == [("ORC023", "c.yaml", 10, 11)]
    rollout = """
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  workloadRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
"""
    assert lint({"r.yaml": rollout}, "ORC023") == []  # its Deployment is checked instead
    text = f"{service_account('x')}---\n{service_account('y')}---{deployment()}"
    assert where(lint({"multi.yaml": text}, "ORC023")) == [("ORC023", "multi.yaml", 16, 3)]


def test_orc023_matches_checkov_ckv_k8s_38(lint: Any) -> None:
    # Checkov CKV_K8S_38 (ServiceAccountTokens.py) fails a pod spec without
    # automountServiceAccountToken: false and passes one that sets it.
    assert len(lint({"d.yaml": deployment()}, "ORC023")) == 1
    assert lint({"d.yaml": deployment("automountServiceAccountToken: false")}, "ORC023") == []
    # Deliberate difference (notes): a ServiceAccount of the repository with automount false
    # passes here; Checkov still fails the pod.
    pod = deployment("serviceAccountName: api", namespace="shop")
    assert lint({"d.yaml": pod, "sa.yaml": service_account(namespace="shop")}, "ORC023") == []


def test_orc024_pods_on_the_default_service_account(lint: Any) -> None:
    assert where(lint({"d.yaml": deployment()}, "ORC024")) == [("ORC024", "d.yaml", 4, 3)]
    assert where(lint({"d.yaml": deployment("serviceAccountName: default")}, "ORC024")) == [("ORC024", "d.yaml", 8, 7)]
    assert where(lint({"d.yaml": deployment('serviceAccountName: ""')}, "ORC024")) == [("ORC024", "d.yaml", 8, 7)]
    assert where(lint({"d.yaml": deployment("serviceAccount: default")}, "ORC024")) == [("ORC024", "d.yaml", 8, 7)]
    assert [f.severity for f in lint({"d.yaml": deployment()}, "ORC024")] == [Severity.LOW]
    assert lint({"d.yaml": deployment("serviceAccountName: api")}, "ORC024") == []
    # The deprecated field still names an identity when serviceAccountName is absent.
    assert lint({"d.yaml": deployment("serviceAccount: api")}, "ORC024") == []


def test_orc024_default_service_account_and_bindings(lint: Any) -> None:
    assert where(lint({"sa.yaml": service_account("default", automount=None)}, "ORC024")) == [
        ("ORC024", "sa.yaml", 4, 3)
    ]
    assert where(lint({"sa.yaml": service_account("default", automount="true")}, "ORC024")) == [
        ("ORC024", "sa.yaml", 5, 1)
    ]
    assert lint({"sa.yaml": service_account("default")}, "ORC024") == []
    assert lint({"sa.yaml": service_account("api", automount=None)}, "ORC024") == []
    subject = "  - kind: ServiceAccount\n    name: default\n    namespace: shop\n"
    found = lint({"b.yaml": binding(SA_JENKINS + subject, "view")}, "ORC024")
    assert where(found) == [("ORC024", "b.yaml", 13, 5)]
    assert found[0].severity == Severity.MEDIUM and 'ServiceAccount "shop/default"' in found[0].message
    assert lint({"b.yaml": binding(SA_JENKINS, "view")}, "ORC024") == []


def test_orc024_matches_checkov_and_kube_linter(lint: Any) -> None:
    # kube-linter default-service-account (service-account template, serviceAccount ^(|default)$):
    # a pod without serviceAccountName fails, one naming its own account passes.
    assert len(lint({"d.yaml": deployment()}, "ORC024")) == 1
    assert lint({"d.yaml": deployment("serviceAccountName: api")}, "ORC024") == []
    # Checkov CKV_K8S_41 (DefaultServiceAccount.py): ServiceAccount `default` fails unless
    # automountServiceAccountToken is false.
    assert len(lint({"sa.yaml": service_account("default", automount=None)}, "ORC024")) == 1
    assert lint({"sa.yaml": service_account("default", automount="false")}, "ORC024") == []
    # Checkov CKV_K8S_42 (DefaultServiceAccountBinding.py): a binding with a ServiceAccount
    # subject named default fails.
    rb = binding("  - kind: ServiceAccount\n    name: default\n", "view", kind="RoleBinding", namespace="shop")
    assert len(lint({"b.yaml": rb}, "ORC024")) == 1


def test_lookups_stay_inside_one_cluster(lint: Any) -> None:
    # Flux's clusters/<name>/ convention: two clusters, each with its own `deployer` ClusterRole.
    narrow = entry('"configmaps"', '"get"')
    files = {
        "clusters/staging/rbac.yaml": role(STAR, name="deployer"),
        "clusters/production/rbac.yaml": role(narrow, name="deployer"),
        "clusters/production/binding.yaml": binding(SA_JENKINS, "deployer"),
    }
    assert lint(files, "ORC002") == []
    files["clusters/staging/binding.yaml"] = binding(SA_JENKINS, "deployer")
    assert where(lint(files, "ORC002")) == [("ORC002", "clusters/staging/binding.yaml", 8, 3)]
    # A ServiceAccount of another cluster does not decide a pod's token.
    pods = {
        "clusters/staging/sa.yaml": service_account(namespace="shop"),
        "clusters/production/app.yaml": deployment("serviceAccountName: api", namespace="shop"),
    }
    assert len(lint(pods, "ORC023")) == 1
    pods["clusters/production/sa.yaml"] = service_account(namespace="shop")
    assert lint(pods, "ORC023") == []


def test_base_rendered_with_name_prefixes_gives_one_finding(lint: Any) -> None:
    files = {
        "base/kustomization.yaml": "resources:\n  - rbac.yaml\n",
        "base/rbac.yaml": f"{role(STAR, name='god')}---{binding(SA_JENKINS, 'god', name='god')}",
        "dev/kustomization.yaml": "namePrefix: dev-\nresources:\n  - ../base\n",
        "prod/kustomization.yaml": "namePrefix: prod-\nresources:\n  - ../base\n",
    }
    found = lint(files, "ORC002")
    # kustomize renames the roleRef along with the role, in each overlay.
    assert where(found) == [("ORC002", "base/rbac.yaml", 17, 3)]
    assert 'ClusterRoleBinding "god" binds ClusterRole "god"' in found[0].message
    assert [where(lint(files, rule)) for rule in ("ORC004", "ORC007")] == [
        [("ORC004", "base/rbac.yaml", 7, 17)],
        [("ORC007", "base/rbac.yaml", 8, 13)],
    ]


def test_orc023_orc024_rollout_cronjob_and_pod(lint: Any) -> None:
    rollout = """
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
"""
    assert where(lint({"r.yaml": rollout}, "ORC023")) == [("ORC023", "r.yaml", 4, 3)]
    assert where(lint({"r.yaml": rollout}, "ORC024")) == [("ORC024", "r.yaml", 4, 3)]
    cronjob = CRONJOB.format(pod="serviceAccountName: default\n          automountServiceAccountToken: false")
    assert lint({"c.yaml": cronjob}, "ORC023") == []
    assert where(lint({"c.yaml": cronjob}, "ORC024")) == [("ORC024", "c.yaml", 10, 11)]
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: p\n  containers: []\n"
    assert where(lint({"p.yaml": pod}, "ORC023")) == [("ORC023", "p.yaml", 6, 3)]
    assert lint({"p.yaml": pod}, "ORC024") == []


def test_odd_shapes_never_raise_in_any_rbac_or_service_account_rule(lint: Any) -> None:
    odd = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg, labels: 3}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: [1]
    - matchExpressions: [1, {key: a, operator: In, values: 3}]
    - {}
rules: [null, 1, {apiGroups: 1, resources: {a: b}, verbs: [null, 1]}, {resourceNames: 5}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: other, labels: {a: [b]}}
rules: {}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {kind: ClusterRole, name: 5}
subjects: [null, 1, {kind: [], name: {}}, {kind: ServiceAccount, name: default, namespace: [x]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: {x: y}}
roleRef: [Role, r]
subjects: {kind: Group}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: [false]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: [x]}
spec:
  template:
    spec:
      serviceAccountName: [api]
      serviceAccount: 7
      automountServiceAccountToken: {}
      containers: null
"""
    for rule in [f"ORC{n:03d}" for n in range(1, 13)] + ["ORC023", "ORC024"]:
        lint({"odd.yaml": odd}, rule)  # the helper fails the test when a rule raises
    # What is well-formed in the noise is still judged: the default ServiceAccount subject, the
    # default ServiceAccount whose automount is not `false`, the pod that names no usable account.
    assert [f.span.line for f in lint({"odd.yaml": odd}, "ORC024")] == [20, 31, 39]
