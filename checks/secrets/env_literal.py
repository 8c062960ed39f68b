"""SEC007 env-var-literal-secret."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds
from checks.secrets._values import is_literal, is_secret_key, scalar_text
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIX = "reference a Secret (valueFrom.secretKeyRef) or mount it, and keep the Secret encrypted in git"


@Rule(
    id="SEC007",
    slug="env-var-literal-secret",
    title="A container environment variable holds a literal secret.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.POD_SPEC,
    summary="""
        Reports `env[]` entries of every container (init and ephemeral included) that have no
        `valueFrom` and either a secret-like name (`DB_PASSWORD`, `apiKey`, `CLIENT_SECRET`; not
        `PASSWORD_FILE` or `TOKEN_URL`) with a literal value, or any value that matches a token
        pattern (SEC017-SEC023, reported here instead of by the detector rule).
        """,
    rationale="""
        A literal in the pod template is a secret in clear in git, in every rendered manifest, in the
        API server's object (readable with `get` on the workload, no Secret access needed) and in
        `kubectl describe` output.
        """,
    fix="Reference a Secret (`valueFrom.secretKeyRef`) or mount it; keep the Secret encrypted in git.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:1.4.2
            env:
              - name: DB_PASSWORD
                value: s3cr3t-Passw0rd
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:1.4.2
            env:
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef: {name: api-db, key: password}
        """,
    notes="""
        A value rendered from Helm values (a chart rendered by gitops-lint) is reported once, at the
        values line, by SEC009.
        Values that are placeholders (`$(VAR)` expansions, `${VAR}`, `<set-me>`, masks) or references
        (`DB_SECRET: api-db-credentials`) are not literals; numbers under quantity names
        (`TOKEN_MAX: 5000`) neither.
        """,
    superseded_by=("SEC009",),
    refs=("kube-linter env-var-secret", "Polaris sensitiveContainerEnvVar", "Kubescape C-0012", "CKV_SECRET_*"),
)
def env_var_literal_secret(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(pod.resource.src, ctx):
        return
    for container in pod.containers():
        env = container.node.seq("env")
        for entry in env.maps() if env is not None else ():
            name, value = entry.text("name"), entry.get("value")
            text = scalar_text(value)
            if name is None or value is None or text is None or "valueFrom" in entry:
                continue
            detected = detected_kinds([(name, text)])
            if not detected and not (is_secret_key(name) and is_literal(value, key=name)):
                continue
            yield Violation(
                f"{container.describe()} sets env {name} to a literal secret{detected}; {_FIX}",
                at=value,
                evidence=f"{container.name}:{name}",
                covers=(value,),
            )
