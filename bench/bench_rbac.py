"""Cost of the cross-object ORC rules (RBAC model, bindings, aggregation, ServiceAccounts) as the
number of objects grows.

    python bench/bench_rbac.py 500 2000

For each size N writes a synthetic tree of N tenants, each with a ClusterRole, a ClusterRoleBinding,
a Role and RoleBinding in one of 50 namespaces, a ServiceAccount and a Deployment (6 objects per
tenant), plus 5 aggregating ClusterRoles; then audits it once with ORC001 alone (parsing, model,
engine) and once with every ORC rule. The difference is what the ORC rules cost; it should grow
linearly with N. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from linter.audit import run_audit
from linter.config import Config

_AGGREGATE = """---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: aggregate-{k}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {{aggregate: "g{k}"}}
"""

_TENANT = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader-{i}
  labels: {{aggregate: "g{group}"}}
rules:
  - apiGroups: [""]
    resources: ["secrets", "pods/exec"]
    verbs: ["get", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: reader-{i}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader-{i}}}
subjects: [{{kind: ServiceAccount, name: app-{i}, namespace: {ns}}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: writer-{i}, namespace: {ns}}}
rules: [{{apiGroups: [""], resources: ["configmaps"], verbs: ["update"]}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: writer-{i}, namespace: {ns}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: writer-{i}}}
subjects: [{{kind: ServiceAccount, name: default}}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {{name: app-{i}, namespace: {ns}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: app-{i}, namespace: {ns}}}
spec:
  template:
    spec:
      serviceAccountName: app-{i}
      containers: [{{name: app, image: ghcr.io/acme/app:1.0.0}}]
"""


def build(root: Path, tenants: int) -> None:
    (root / "aggregates.yaml").write_text("".join(_AGGREGATE.format(k=k) for k in range(5)))
    for i in range(tenants):
        directory = root / f"t{i:05d}"
        directory.mkdir(parents=True)
        text = _TENANT.format(i=i, group=i % 1000, ns=f"team{i % 50}")
        (directory / "tenant.yaml").write_text(text)


def timed(root: Path, select: list[str]) -> tuple[float, int]:
    config = Config()
    config.select = select
    start = time.perf_counter()
    audit = run_audit(root, config)
    return time.perf_counter() - start, len(audit.result.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of tenants (6 objects each)")
    args = parser.parse_args()
    for tenants in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            build(root, tenants)
            alone, _ = timed(root, ["ORC001"])
            every, found = timed(root, ["ORC"])
            print(
                f"{tenants} tenants, {6 * tenants + 5} objects: ORC001 alone {alone:.2f}s, every ORC rule "
                f"{every:.2f}s (+{every - alone:.2f}s, {found} findings)"
            )


if __name__ == "__main__":
    main()
