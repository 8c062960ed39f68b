"""SEC016 secret-exposed-as-env."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from linter.context import Context
from linter.k8s import PodSpec
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap

_FIX = "mount the Secret as a read-only volume and read the file"


@Rule(
    id="SEC016",
    slug="secret-exposed-as-env",
    title="A Secret is injected as environment variables rather than files.",
    severity=Severity.LOW,
    nist=("4.1.4",),
    target=Target.POD_SPEC,
    default=False,
    summary="""
        Reports every `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef` of every container.
        Off by default: many applications only read configuration from the environment.
        """,
    rationale="""
        Environment variables are inherited by every child process, printed by debug endpoints and
        crash reporters, and readable in `/proc/<pid>/environ`; a mounted file is read only by the
        code that needs it, and is updated when the Secret changes.
        """,
    fix="Mount the Secret as a read-only volume and read the file.",
    bad="""
        containers:
          - name: api
            image: ghcr.io/acme/api:1.4.2
            envFrom:
              - secretRef: {name: api-credentials}
        """,
    good="""
        containers:
          - name: api
            image: ghcr.io/acme/api:1.4.2
            volumeMounts:
              - {name: credentials, mountPath: /var/run/secrets/api, readOnly: true}
        volumes:
          - name: credentials
            secret: {secretName: api-credentials}
        """,
    refs=(
        "CKV_K8S_35",
        "kube-linter read-secret-from-env-var",
        "Kubescape C-0207",
        "Kyverno disallow-secrets-from-env-vars",
    ),
)
def secret_exposed_as_env(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(pod.resource.src, ctx):
        return
    for container in pod.containers():
        env = container.node.seq("env")
        for entry in env.maps() if env is not None else ():
            ref = entry.at("valueFrom.secretKeyRef")
            if isinstance(ref, YMap):
                secret = ref.text("name") or "?"
                yield Violation(
                    f"{container.describe()} reads env {entry.text('name') or '?'} from Secret {secret!r}; {_FIX}",
                    at=ref,
                )
        env_from = container.node.seq("envFrom")
        for entry in env_from.maps() if env_from is not None else ():
            ref = entry.get("secretRef")
            if isinstance(ref, YMap):
                yield Violation(
                    f"{container.describe()} imports every key of Secret {ref.text('name') or '?'!r} as "
                    f"environment variables; {_FIX}",
                    at=ref,
                )
