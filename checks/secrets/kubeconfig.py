"""SEC006 kubeconfig-credentials."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._secret_objects import kubeconfig_credentials, kubeconfig_entries
from checks.secrets._values import is_sops_encrypted, is_sops_text
from linter.context import Context
from linter.embedded import parse_embedded
from linter.globs import matches_any
from linter.k8s import resource_from
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode

# Kubeconfigs that discovery does not read as YAML (no .yaml suffix).
KUBECONFIG_NAMES = ("kubeconfig", "*.kubeconfig", ".kube/config", "kubeconfig-*", "*-kubeconfig")
_FIX = "use exec/OIDC credential plugins or workload identity, and rotate the credential"


@Rule(
    id="SEC006",
    slug="kubeconfig-credentials",
    title="A kubeconfig with embedded credentials is committed.",
    severity=Severity.CRITICAL,
    nist=("4.1.4", "4.3.2"),
    target=Target.FILE,
    summary="""
        Reports kubeconfig documents (`apiVersion: v1`, `kind: Config`) in which a `users[].user`
        holds a literal `token`, `password`, `client-key-data` or `auth-provider.config` `id-token`,
        `refresh-token`, `access-token` or `client-secret`; also kubeconfigs stored as a Secret value
        (decoded). `exec` credential plugins are fine; SOPS-encrypted files are exempt.
        """,
    rationale="""
        A kubeconfig with an embedded token or client key is a ready-to-use login to the cluster,
        often with administrative rights, that works from anywhere until it is revoked.
        """,
    fix="Use exec/OIDC credential plugins or workload identity; rotate the credential.",
    bad="""
        apiVersion: v1
        kind: Config
        clusters:
          - name: prod
            cluster: {server: "https://prod.k8s.acme.io"}
        users:
          - name: deployer
            user:
              token: kY8rT2vLm9QzX4wB7nD1sF6hJ3pA0uE5
        contexts:
          - name: prod
            context: {cluster: prod, user: deployer}
        current-context: prod
        """,
    good="""
        apiVersion: v1
        kind: Config
        clusters:
          - name: prod
            cluster: {server: "https://prod.k8s.acme.io"}
        users:
          - name: deployer
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1beta1
                command: aws
                args: [eks, get-token, --cluster-name, prod]
        contexts:
          - name: prod
            context: {cluster: prod, user: deployer}
        current-context: prod
        """,
    example_path="deploy/kubeconfig.yaml",
    notes="""
        Kubeconfigs without a YAML suffix are read when their path says what they are (`kubeconfig`,
        `*.kubeconfig`, `.kube/config`). In a Secret, a kubeconfig under `stringData` is located
        field by field; a base64 one at its Secret key. SEC001 leaves such a key to this rule.
        """,
)
def kubeconfig_credentials_rule(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(source.path, ctx) or source.text is None:
        return
    docs = source.docs
    if not docs and matches_any(source.path, KUBECONFIG_NAMES):
        if is_sops_text(source.text):
            return
        docs = parse_yaml(source.text, source.path).docs
    for doc in docs:
        root = doc.root
        if not isinstance(root, YMap) or is_sops_encrypted(root):
            continue
        if root.value("kind") == "Config":
            yield from _report(kubeconfig_credentials(root), "kubeconfig", ())
            continue
        resource = resource_from(root, source.path, doc.index)
        if resource is None or resource.kind != "Secret" or resource.api_version != "v1":
            continue
        for entry, fields in kubeconfig_entries(resource):
            where = f"kubeconfig in {resource.describe()} {entry.describe()}"
            located: list[tuple[str, YNode]] = []
            if not entry.decoded:
                for inner in parse_embedded(entry.node, source).docs:
                    located += kubeconfig_credentials(inner.root)
            if located:
                yield from _report(located, where, (entry.node,))
            else:
                yield Violation(
                    f"{where} embeds credentials ({', '.join(fields)}); {_FIX}",
                    at=entry.node,
                    evidence=f"{where}:{','.join(fields)}",
                    covers=(entry.node,),
                )


def _report(found: list[tuple[str, YNode]], where: str, extra: tuple[YNode, ...]) -> Iterator[Violation]:
    for field, node in found:
        yield Violation(
            f"{where} embeds a literal credential ({field}); {_FIX}",
            at=node,
            evidence=f"{where}:{field}",
            covers=(node, *extra),
        )
