"""Kubernetes Secrets as the SEC rules see them: their entries (base64-decoded), and the one class
each Secret falls in (catalogue order: Argo CD credential Secret, registry credentials, typed
key/token Secret, generic), with the keys that each specific rule reports.

SEC001 uses the same functions to leave a key to the more specific rule when that rule runs, so a
key is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.secrets._dockerconfig import credentials
from checks.secrets._memo import per_repo
from checks.secrets._values import (
    decode_base64,
    is_literal,
    is_public_material,
    is_secret_key,
    is_sops_encrypted,
)
from linter.context import Context
from linter.gitops.model import FLUX_GROUPS
from linter.k8s import Resource
from linter.repository import Repository
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, walk

ARGOCD_LABEL = "argocd.argoproj.io/secret-type"
ARGOCD_TYPES = frozenset({"repository", "repo-creds", "repository-write", "repo-write-creds", "cluster", "scm-creds"})
ARGOCD_CREDENTIAL_KEYS = (
    "password",
    "sshPrivateKey",
    "githubAppPrivateKey",
    "tlsClientCertKey",
    "gcpServiceAccountKey",
    "azureServicePrincipalClientSecret",
    "bearerToken",
)
# Keys of Argo CD's declarative Secrets that describe, not authenticate (a public repository is a
# Secret with only `url` and `type`): never reported as clear-text secrets.
ARGOCD_DESCRIPTIVE_KEYS = frozenset(
    {
        "url",
        "type",
        "name",
        "project",
        "username",
        "insecure",
        "insecureIgnoreHostKey",
        "enableLfs",
        "enableOCI",
        "proxy",
        "noProxy",
        "forceHttpBasicAuth",
        "githubAppID",
        "githubAppInstallationID",
        "githubAppEnterpriseBaseUrl",
        "tlsClientCertData",
        "azureServicePrincipalClientId",
        "azureServicePrincipalTenantId",
        "azureActiveDirectoryEndpoint",
        "useAzureWorkloadIdentity",
        "server",
        "namespaces",
        "clusterResources",
        "shard",
    }
)
REGISTRY_TYPES = {"kubernetes.io/dockerconfigjson": ".dockerconfigjson", "kubernetes.io/dockercfg": ".dockercfg"}
TYPED_KEYS = {
    "kubernetes.io/tls": "tls.key",
    "kubernetes.io/ssh-auth": "ssh-privatekey",
    "kubernetes.io/basic-auth": "password",
    "kubernetes.io/service-account-token": "token",
    "bootstrap.kubernetes.io/token": "token-secret",
}
# Keys that hold credentials in Secrets referenced by Flux objects (sources, decryption, signing,
# notification providers).
FLUX_CREDENTIAL_KEYS = frozenset(
    {
        "identity",
        "bearerToken",
        "password",
        "git.asc",
        "sops.asc",
        "githubAppPrivateKey",
        "secretkey",
        "keyFile",
        "clientSecret",
        "accountKey",
        "sasKey",
        "token",
    }
)
FLUX_DESCRIPTIVE_KEYS = frozenset(
    {"username", "known_hosts", "identity.pub", "ca.crt", "caFile", "certFile", "tls.crt", "accesskey", "address"}
)

GENERIC, ARGOCD, REGISTRY, TYPED = "generic", "argocd", "registry", "typed"
RULE_OF_CLASS = {ARGOCD: "SEC004", REGISTRY: "SEC002", TYPED: "SEC003"}


@dataclass(slots=True)
class Entry:
    """One key of a Secret's `data` (decoded when it decodes) or `stringData`."""

    key: str
    node: YScalar
    value: str
    section: str  # data | stringData
    decoded: bool  # True when `value` is the base64 decoding of the node

    @property
    def literal(self) -> bool:
        return is_literal(self.node, self.value) if self.decoded else is_literal(self.node)

    def describe(self) -> str:
        return f"{self.section}.{self.key}"


def is_plain_secret(resource: Resource) -> bool:
    """A v1 Secret that is not SOPS_ENCRYPTED (SealedSecrets and ExternalSecrets are other kinds)."""
    return resource.kind == "Secret" and resource.api_version == "v1" and not is_sops_encrypted(resource.root)


def entries(resource: Resource, sections: tuple[str, ...] = ("data", "stringData")) -> list[Entry]:
    found: list[Entry] = []
    for section in sections:
        mapping = resource.root.map(section)
        for key, node in mapping.items.items() if mapping is not None else ():
            if not isinstance(node, YScalar) or node.value is None:
                continue
            text = node.value if isinstance(node.value, str) else node.text
            if section == "stringData":
                found.append(Entry(key, node, text, section, False))
                continue
            decoded = decode_base64(text)
            found.append(Entry(key, node, decoded if decoded is not None else text, section, decoded is not None))
    return found


def secret_type(resource: Resource) -> str:
    return resource.root.text("type") or "Opaque"


def secret_class(resource: Resource, ctx: Context) -> str:
    if resource.labels().get(ARGOCD_LABEL) in ARGOCD_TYPES:
        return ARGOCD
    kind = secret_type(resource)
    if kind in REGISTRY_TYPES:
        return REGISTRY
    if kind in TYPED_KEYS or flux_referenced(resource, ctx):
        return TYPED
    return GENERIC


def is_secret_value(value: str) -> bool:
    """Certificates and public keys are published by design (a Secret's `ca.crt`)."""
    return not is_public_material(value)


# --- SEC004: Argo CD credential Secrets ---------------------------------------------------------


def argocd_credentials(resource: Resource) -> list[tuple[Entry, str]]:
    """(entry, what is wrong) for each literal credential of an Argo CD declarative Secret."""
    out: list[tuple[Entry, str]] = []
    is_cluster = resource.labels().get(ARGOCD_LABEL) == "cluster"
    for entry in entries(resource):
        if entry.key in ARGOCD_CREDENTIAL_KEYS and entry.literal and is_secret_value(entry.value):
            out.append((entry, f"`{entry.key}` is a clear-text credential"))
        elif is_cluster and entry.key == "config":
            fields = _cluster_config_credentials(entry.value)
            if fields:
                out.append((entry, f"`config` holds clear-text {', '.join(fields)}"))
    return out


def _cluster_config_credentials(text: str) -> list[str]:
    parsed = parse_yaml(text, "<config>")
    root = parsed.docs[0].root if parsed.docs and not parsed.fatal else None
    if not isinstance(root, YMap):
        return []
    found: list[str] = []
    for path in ("bearerToken", "password", "tlsClientConfig.keyData"):
        if is_literal(root.at(path)):
            found.append(path)
    env = root.at("execProviderConfig.env")
    if isinstance(env, YMap):
        found.extend(
            f"execProviderConfig.env.{name}"
            for name, node in env.items.items()
            if is_secret_key(name) and is_literal(node, key=name)
        )
    return found


# --- SEC002: registry credentials ---------------------------------------------------------------


def registry_credentials(resource: Resource) -> list[tuple[Entry, list[str]]]:
    """(entry, [registry/field...]) for the docker config keys of a registry Secret."""
    key = REGISTRY_TYPES.get(secret_type(resource))
    out: list[tuple[Entry, list[str]]] = []
    for entry in entries(resource):
        if entry.key != key:
            continue
        parsed = parse_yaml(entry.value, "<dockerconfig>")
        root = parsed.docs[0].root if parsed.docs and not parsed.fatal else None
        if not isinstance(root, YMap):
            continue
        found = [f"{registry} {field}" for registry, field, _ in credentials(root, legacy=key == ".dockercfg")]
        if found:
            out.append((entry, found))
    return out


# --- SEC003: typed and Flux-referenced Secrets ---------------------------------------------------


def typed_credentials(resource: Resource, ctx: Context) -> list[Entry]:
    wanted = {TYPED_KEYS[kind]} if (kind := secret_type(resource)) in TYPED_KEYS else set()
    by_name = flux_referenced(resource, ctx)
    out: list[Entry] = []
    for entry in entries(resource):
        named = by_name and (entry.key in FLUX_CREDENTIAL_KEYS or entry.key.endswith((".agekey", ".asc")))
        if (entry.key in wanted or named) and entry.literal and is_secret_value(entry.value):
            out.append(entry)
    return out


def flux_referenced(resource: Resource, ctx: Context) -> bool:
    refs = per_repo("flux-secret-refs", ctx.repo, lambda: _flux_secret_refs(ctx.repo))
    name = resource.name or ""
    return (resource.namespace or "", name) in refs or ("*", name) in refs


def _flux_secret_refs(repo: Repository) -> frozenset[tuple[str, str]]:
    """(namespace, name) of every Secret a Flux object references (`*`: namespace unknown)."""
    found: set[tuple[str, str]] = set()
    for resource in repo.resources:
        spec = resource.root.map("spec") if resource.group in FLUX_GROUPS else None
        if spec is None:
            continue
        for node in walk(spec):
            key = node.key.text if node.key is not None else ""
            if isinstance(node, YMap) and (key.endswith("SecretRef") or key == "secretRef"):
                name = node.text("name")
                if name:
                    found.add((resource.namespace or "*", name))
    if any(namespace == "*" for namespace, _ in found):
        found |= {("*", name) for _, name in found}
    return frozenset(found)


# --- SEC006: kubeconfigs ------------------------------------------------------------------------

KUBECONFIG_USER_FIELDS = ("token", "password", "client-key-data")
AUTH_PROVIDER_FIELDS = ("id-token", "refresh-token", "access-token", "client-secret")


def kubeconfig_credentials(root: YNode | None) -> list[tuple[str, YNode]]:
    """(users[i].user.field, node) for each literal credential of a kubeconfig document."""
    if not isinstance(root, YMap) or root.value("kind") != "Config" or root.value("apiVersion") != "v1":
        return []
    users = root.seq("users")
    out: list[tuple[str, YNode]] = []
    for item in users.maps() if isinstance(users, YSeq) else ():
        user = item.map("user")
        if user is None:
            continue
        label = item.text("name") or "?"
        for field in KUBECONFIG_USER_FIELDS:
            node = user.get(field)
            if is_literal(node):
                assert node is not None
                out.append((f"user {label!r} {field}", node))
        config = user.at("auth-provider.config")
        for field in AUTH_PROVIDER_FIELDS if isinstance(config, YMap) else ():
            node = config.get(field) if isinstance(config, YMap) else None
            if is_literal(node):
                assert node is not None
                out.append((f"user {label!r} auth-provider {field}", node))
    return out


def kubeconfig_entries(resource: Resource) -> list[tuple[Entry, list[str]]]:
    """Secret entries whose (decoded) value is a kubeconfig with embedded credentials."""
    out: list[tuple[Entry, list[str]]] = []
    for entry in entries(resource):
        if "Config" not in entry.value or "users" not in entry.value:
            continue
        parsed = parse_yaml(entry.value, "<kubeconfig>")
        if parsed.fatal:
            continue
        fields = [field for doc in parsed.docs for field, _ in kubeconfig_credentials(doc.root)]
        if fields:
            out.append((entry, fields))
    return out
