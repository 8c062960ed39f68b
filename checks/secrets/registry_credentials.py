"""SEC002 registry-credentials-committed."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._dockerconfig import credentials, is_docker_config_path
from checks.secrets._positions import whole_file
from checks.secrets._secret_objects import REGISTRY, is_plain_secret, registry_credentials, secret_class
from checks.secrets._values import is_sops_text
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap

_FIX = "create pull secrets from an external secret store (ExternalSecret) or commit them SOPS-encrypted, and rotate"


@Rule(
    id="SEC002",
    slug="registry-credentials-committed",
    title="Container registry credentials are committed in clear.",
    severity=Severity.CRITICAL,
    nist=("4.1.4", "4.2.3"),
    target=Target.REPO,
    summary="""
        Reports `kubernetes.io/dockerconfigjson` and `kubernetes.io/dockercfg` Secrets, and committed
        Docker client configurations (`.docker/config.json`, `.dockercfg`, `.dockerconfigjson`), whose
        decoded JSON has a registry entry with a non-empty `auth`, `password`, `identitytoken` or
        `registrytoken`. SOPS-encrypted documents are exempt.
        """,
    rationale="""
        Registry credentials let their holder pull private images (and their secrets and code) and,
        often, push: a pushed image with a trusted tag is deployed by every cluster that pulls it.
        """,
    fix=(
        "Create pull secrets from an external secret store (ExternalSecret) or commit them "
        "SOPS-encrypted; rotate the token."
    ),
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: ghcr-pull
        type: kubernetes.io/dockerconfigjson
        stringData:
          .dockerconfigjson: '{"auths": {"ghcr.io": {"auth": "Ym90OnMzY3IzdC1wdWxsLXRva2Vu"}}}'
        """,
    good="""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata:
          name: ghcr-pull
        spec:
          secretStoreRef: {name: vault, kind: ClusterSecretStore}
          target:
            name: ghcr-pull
            template:
              type: kubernetes.io/dockerconfigjson
          dataFrom:
            - extract: {key: ci/ghcr-pull}
        """,
    notes="""
        A Secret is judged here when it is a registry Secret in the catalogue's classification order
        (an Argo CD credential Secret is SEC004's). Docker configs committed as files are reported
        here rather than by SEC015.
        """,
    refs=("CIS Docker 4.10",),
)
def registry_credentials_committed(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for resource in repo.resources:
        if resource.kind != "Secret" or is_allowlisted(resource.src, ctx) or not is_plain_secret(resource):
            continue
        if secret_class(resource, ctx) != REGISTRY:
            continue
        for entry, found in registry_credentials(resource):
            yield Violation(
                f"{resource.describe()} {entry.describe()} holds registry credentials ({', '.join(found)}); {_FIX}",
                at=entry.node,
                subject=resource,
                evidence=f"{entry.key}:{','.join(found)}",
                covers=(entry.node,),
            )
    for source in repo.files:
        if not is_docker_config_path(source.path) or is_allowlisted(source.path, ctx):
            continue
        text = source.text
        if text is None or is_sops_text(text):
            continue
        parsed = parse_yaml(text, source.path)
        root = parsed.docs[0].root if parsed.docs and not parsed.fatal else None
        if not isinstance(root, YMap):
            continue
        legacy = source.path.endswith(".dockercfg")
        held = credentials(root, legacy)
        if held:
            fields = ", ".join(f"{registry} {field}" for registry, field, _ in held)
            holder = root if legacy else root.map("auths") or root
            yield Violation(
                f"Docker client config holds registry credentials ({fields}); {_FIX}",
                at=holder.get(held[0][0]) or held[0][2],
                evidence=fields,
                covers=(whole_file(source),),
            )
