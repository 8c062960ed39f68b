"""The configuration: `.gitops-lint.yaml` or `[tool.gitops-lint]` in pyproject.toml, validated.

Every key is declared once below with its type, default and help text; unknown keys and bad values
are errors that name the file, the key and what is allowed (the CLI exits 2 on them). Keys may be
written with dashes or underscores.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.severity import NAMES as SEVERITY_NAMES
from linter.severity import Severity

CONFIG_NAMES = (".gitops-lint.yaml", ".gitops-lint.yml")
MIB = 1024 * 1024


class ConfigError(Exception):
    """A configuration problem; the message names the file and key."""


@dataclass(frozen=True)
class SigningPolicy:
    """Which commit signatures `check` trusts (the `commit_signing` key)."""

    required: bool = False
    allowed_signers: str | None = None  # an SSH allowed-signers file (git's gpg.ssh.allowedSignersFile)
    gpg_keys: str | None = None  # a directory (or one file) of GPG public keys
    trust_github_web_flow: bool = False  # accept commits GitHub signs for its web UI
    platform_committers: tuple[str, ...] = ("noreply@github.com",)  # committers of platform-made merges


def _opt(default: Any, kind: str, help: str) -> Any:
    factory: Callable[[], Any] = (
        (lambda: type(default)(default)) if isinstance(default, (list, dict)) else (lambda: default)
    )
    return field(default_factory=factory, metadata={"kind": kind, "help": help})


PROFILES = ("baseline", "restricted", "all")


@dataclass(frozen=True, slots=True)
class Override:
    """One entry of `overrides:` (applied by linter.overrides)."""

    paths: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)


@dataclass
class Config:
    exclude: list[str] = _opt([], "globs", "Paths (globs) not to scan, in addition to .gitignore.")
    select: list[str] | None = _opt(
        None,
        "rule-list",
        "Rules to run (IDs, slugs, family prefixes, or ALL); default: the rules that are on by default.",
    )
    extend_select: list[str] = _opt([], "rule-list", "Rules to run in addition to `select`.")
    ignore: list[str] = _opt([], "rule-list", "Rules not to run (IDs, slugs or family prefixes).")
    fail_on: Severity = _opt(Severity.LOW, "severity", "Exit 1 when a finding is at or above this severity.")
    severity: dict[str, Severity] = _opt({}, "severity-map", "Severity overrides per rule ID or slug.")
    profile: str | None = _opt(
        None,
        "profile",
        "Rule set to start from instead of the default-on rules: `baseline` or `restricted` (the "
        "CTR/HOST rules of that Pod Security Standards level, other families as by default) or `all` "
        "(every rule). `select` replaces it; `extend_select` and `ignore` adjust it.",
    )
    overrides: list[Override] = _opt(
        [],
        "overrides",
        "Per-path settings, in order: [{paths: [globs], ignore: [rules], severity: {rule: severity}}]. "
        "A finding is under `paths` when its file, or the kustomization that rendered it, matches.",
    )
    baseline: str | None = _opt(
        None,
        "optional-path",
        "Baseline file (`audit --write-baseline`): the findings it records are not reported. "
        "Relative to the configuration file.",
    )
    inline_suppressions: bool = _opt(
        True,
        "bool",
        "Honour suppression comments and gitops-lint.io/ignore annotations; false reports the "
        "findings they would hide.",
    )
    max_file_bytes: int = _opt(10 * MIB, "positive-int", "Files larger than this are not read (PARSE004).")
    yaml_alias_limit: int = _opt(
        10_000, "positive-int", "Most nodes YAML aliases may produce in one document (PARSE004)."
    )
    kubernetes_version: str | None = _opt(
        None, "k8s-version", "Target Kubernetes version, e.g. 1.33 (default: the newest known)."
    )
    crd_paths: list[str] = _opt(
        [],
        "str-list",
        "Directories with CustomResourceDefinitions to validate custom resources against (SCHEMA005), "
        "besides the CRDs in the scanned repository.",
    )
    helm_renderer: str = _opt(
        "auto",
        "helm-renderer",
        "How to render Helm charts: auto (the gitops-lint[helm] extra, else a helm binary on "
        "PATH), sdk, binary, or none.",
    )
    this_repo_urls: list[str] = _opt(
        [],
        "str-list",
        "Repository URLs that mean this repository, besides the "
        "`origin` remote and the Flux flux-system GitRepository.",
    )
    trusted_git_sources: list[str] = _opt(
        [], "str-list", "Repository URL prefixes Argo CD sources and projects may use (ARGO012); empty: not checked."
    )
    prod_patterns: list[str] = _opt(
        [r"(^|[/_.-])(prod|production|prd)([/_.-]|$)"],
        "regex-list",
        "Regular expressions that mark paths, names, namespaces and destinations as production.",
    )
    branch_patterns: list[str] = _opt(
        [r"^(main|master|develop|dev|trunk|staging|release/.*)$"],
        "regex-list",
        "Regular expressions of branch names (ARGO008).",
    )
    argocd_namespace: str = _opt("argocd", "name", "Namespace of the Argo CD control plane.")
    flux_namespace: str = _opt("flux-system", "name", "Namespace of the Flux controllers.")
    system_namespaces: list[str] = _opt(
        ["kube-system", "kube-public", "kube-node-lease"],
        "str-list",
        "Namespaces reserved for the cluster's own components; workloads there are reported (ORC013).",
    )
    system_workload_allowlist: list[str] = _opt(
        [], "globs", "`namespace/name` globs of objects allowed in the system namespaces (ORC013)."
    )
    psa_exempt_namespaces: list[str] = _opt(
        ["kube-system", "kube-public", "kube-node-lease"],
        "str-list",
        "Namespaces that need no Pod Security Admission enforce label (ORC025).",
    )
    netpol_exempt_namespaces: list[str] = _opt(
        ["kube-system", "kube-public", "kube-node-lease"],
        "str-list",
        "Namespaces the NetworkPolicy rules skip (ORC014-ORC016).",
    )
    flux_version: str | None = _opt(
        None,
        "optional-name",
        "Flux version in use, e.g. 2.6 (default: read from gotk-components.yaml, else the newest).",
    )
    multi_tenant: bool | None = _opt(
        None,
        "optional-bool",
        "Whether the Flux repository is multi-tenant (default: "
        "inferred from serviceAccountName on tenant reconcilers).",
    )
    min_uid: int = _opt(10000, "positive-int", "Lowest UID/GID a container should run as (CTR005).")
    allowed_host_ports: list[int] = _opt([], "port-list", "Host ports containers may bind (HOST004).")
    sensitive_host_paths: list[str] = _opt(
        [], "str-list", "Further host directories that must not be mounted, besides the built-in list (HOST006)."
    )
    trusted_registries: list[str] = _opt(
        [],
        "str-list",
        "Registry hosts or host/path prefixes images may come from, matched on whole path components "
        "(`docker.io/library` for Docker Hub official images); empty: not checked (REG003, REG006).",
    )
    image_build_map: dict[str, str] = _opt(
        {},
        "str-map",
        "Dockerfile path -> image repository it builds (e.g. apps/api/Dockerfile: ghcr.io/acme/api), "
        "for images CI files do not reveal (REG011, IMG020).",
    )
    nonroot_base_images: list[str] = _opt(
        ["*:nonroot", "*:nonroot-*", "*-nonroot"],
        "str-list",
        "Globs of base images known to run as a non-root user (IMG001).",
    )
    minimal_base_images: list[str] = _opt(
        [
            "scratch",
            "*distroless/*",
            "cgr.dev/chainguard/*",
            "*wolfi*",
            "alpine",
            "alpine:*",
            "*/alpine",
            "*/alpine:*",
            "*:*alpine*",
            "*-slim",
            "*:slim",
            "*-slim-*",
            "*ubi*-minimal*",
            "*ubi*-micro*",
        ],
        "str-list",
        "Globs of minimal runtime base images, matched against the FROM reference as written and "
        "normalised (registry/repository:tag) (IMG022).",
    )
    secret_allowlist_paths: list[str] = _opt([], "globs", "Path globs exempt from the secret rules.")
    cluster_admin_subject_allowlist: list[str] = _opt(
        [],
        "str-list",
        "Subjects allowed cluster-admin (globs on `name`, `Kind:name` or "
        "`system:serviceaccount:<ns>:<name>`; IAM ARNs for aws-auth).",
    )
    automount_allowlist: list[str] = _opt(
        [],
        "str-list",
        "ServiceAccounts allowed to have their API token mounted (ORC023): globs on `name`, "
        "`<namespace>/<name>` or `system:serviceaccount:<namespace>:<name>`.",
    )
    rbac_ignore: list[str] = _opt(
        ["system:*"], "str-list", "Globs of Role/ClusterRole/binding names the RBAC rules ignore."
    )
    extra_pod_kinds: dict[str, str] = _opt({}, "str-map", "Additional workload kinds and the path of their pod spec.")
    non_manifest_paths: list[str] = _opt([], "globs", "Path globs of YAML files that are not Kubernetes manifests.")
    # Pull-request checks (`gitops-lint check`, the GIT rules).
    commit_signing: SigningPolicy = _opt(
        SigningPolicy(),
        "commit-signing",
        "Signature policy for the commits of a pull request (GIT001, GIT004): {required, allowed_signers "
        "(SSH allowed-signers file), gpg_keys (directory or file of GPG public keys), trust_github_web_flow, "
        "platform_committers}. Off unless keys are configured; paths are relative to the configuration file.",
    )
    pr_author: str | None = _opt(
        None,
        "optional-name",
        "The pull request's author, a login or an email (GIT007); `check --pr-author` overrides it. Default: "
        "the authors of the pull request's commits, by email.",
    )
    deploy_paths: list[str] = _opt(
        [],
        "globs",
        "Path globs of deployment inputs whose edits inside a merge commit are reported (GIT003); default: "
        "every file gitops-lint reads as a manifest, kustomization, Helm chart file or Dockerfile.",
    )
    protected_paths: list[str] = _opt(
        ["**/flux-system/**", "**/CODEOWNERS", ".github/workflows/**", ".gitlab-ci.yml"],
        "globs",
        "Path globs that only their code owners may change (GIT007).",
    )
    protected_objects: list[str] = _opt(
        ["AppProject", "ClusterRole", "ClusterRoleBinding", "ConfigMap/argocd-cm", "ConfigMap/argocd-rbac-cm"],
        "str-list",
        "Kinds (or Kind/name) whose manifest files only their code owners may change (GIT007).",
    )
    codeowners_teams: dict[str, list[str]] = _opt(
        {},
        "str-list-map",
        "Members (logins or emails) of the CODEOWNERS teams, e.g. {'@acme/platform': [alice]} (GIT007).",
    )
    suppression_files: list[str] = _opt(
        [
            ".gitleaksignore",
            ".gitleaks.toml",
            ".secrets.baseline",
            ".checkov.baseline",
            ".checkov.y*ml",
            ".trivyignore",
            ".trivyignore.yaml",
            ".hadolint.y*ml",
            ".kube-linter.y*ml",
            ".gitops-lint*",
        ],
        "globs",
        "Suppression, ignore and baseline files whose changes need security review (GIT008), besides "
        "the configuration file in use.",
    )

    # Where each value came from: "default", a file path, or "command line".
    origins: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls) if "kind" in f.metadata]

    def resolve_path(self, key: str) -> Path | None:
        """A path setting, relative to the configuration file that set it (else as given)."""
        value = getattr(self, key)
        if not isinstance(value, str):
            return None
        if self.path is not None and self.origins.get(key) == str(self.path):
            return self.path.parent / value
        return Path(value)

    def set(self, key: str, raw: Any, origin: str) -> None:
        """Validate ``raw`` for ``key`` and store it; raises ConfigError."""
        spec = _FIELDS.get(key)
        if spec is None:
            raise ConfigError(f"{origin}: unknown key {key!r} (allowed: {', '.join(self.keys())})")
        try:
            value = _PARSERS[spec.metadata["kind"]](raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: key {key!r}: {exc}") from None
        setattr(self, key, value)
        self.origins[key] = origin


_FIELDS = {f.name: f for f in dataclasses.fields(Config) if "kind" in f.metadata}


def _str_list(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = [part for part in re.split(r"[,\s]+", raw) if part]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ValueError("expected a list of strings")
    return list(raw)


def _severity(raw: Any) -> Severity:
    if not isinstance(raw, str):
        raise ValueError(f"expected one of: {', '.join(SEVERITY_NAMES)}")
    return Severity.parse(raw)


def _severity_map(raw: Any) -> dict[str, Severity]:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping of rule ID or slug to severity")
    return {str(k): _severity(v) for k, v in raw.items()}


def _str_map(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ValueError("expected a mapping of strings to strings")
    return {str(k): v for k, v in raw.items()}


def _positive_int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise ValueError("expected a positive integer")
    return raw


def _port_list(raw: Any) -> list[int]:
    if not isinstance(raw, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) and 0 < item < 65536 for item in raw
    ):
        raise ValueError("expected a list of port numbers (1-65535)")
    return list(raw)


def _k8s_version(raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float):
        raise ValueError('write the version as a string, e.g. "1.30" (YAML reads 1.30 as the number 1.3)')
    from linter.k8s import parse_version

    major, minor = parse_version(str(raw))
    return f"{major}.{minor}"


def _helm_renderer(raw: Any) -> str:
    if raw not in ("auto", "sdk", "binary", "none"):
        raise ValueError("expected one of: auto, sdk, binary, none")
    return str(raw)


def _regex_list(raw: Any) -> list[str]:
    import re

    patterns = _str_list(raw)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


def _name(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("expected a non-empty string")
    return raw.strip()


def _optional_name(raw: Any) -> str | None:
    return None if raw is None else _name(str(raw) if isinstance(raw, (int, float)) else raw)


def _optional_bool(raw: Any) -> bool | None:
    if raw is not None and not isinstance(raw, bool):
        raise ValueError("expected true or false")
    return raw


def _profile(raw: Any) -> str | None:
    if raw is None:
        return None
    if raw not in PROFILES:
        raise ValueError(f"expected one of: {', '.join(PROFILES)}")
    return str(raw)


def _bool(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise ValueError("expected true or false")
    return raw


def _optional_path(raw: Any) -> str | None:
    if raw is not None and (not isinstance(raw, str) or not raw.strip()):
        raise ValueError("expected a file path")
    return raw.strip() if raw is not None else None


_OVERRIDE_KEYS = ("paths", "ignore", "severity")


def _overrides(raw: Any) -> list[Override]:
    if not isinstance(raw, list):
        raise ValueError("expected a list of {paths: [globs], ignore: [rules], severity: {rule: severity}}")
    out: list[Override] = []
    for index, item in enumerate(raw):
        where = f"entry {index}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping with keys {', '.join(_OVERRIDE_KEYS)}")
        entry = {str(k).replace("-", "_"): v for k, v in item.items()}
        for key in entry:
            if key not in _OVERRIDE_KEYS:
                raise ValueError(f"{where}: unknown key {key!r} (allowed: {', '.join(_OVERRIDE_KEYS)})")
        if "paths" not in entry:
            raise ValueError(f"{where}: `paths` is required (a list of globs)")
        try:
            paths = _str_list(entry["paths"])
            ignore = _str_list(entry.get("ignore", []))
            severity = _severity_map(entry.get("severity", {}))
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        if not paths:
            raise ValueError(f"{where}: `paths` needs at least one glob")
        if not ignore and not severity:
            raise ValueError(f"{where}: give `ignore` or `severity` (or both)")
        out.append(Override(tuple(paths), tuple(ignore), severity))
    return out


def _str_list_map(raw: Any) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping of names to lists of strings")
    return {str(k): _str_list(v) for k, v in raw.items()}


def _commit_signing(raw: Any) -> SigningPolicy:
    if not isinstance(raw, dict):
        raise ValueError(
            "expected a mapping with: required, allowed_signers, gpg_keys, trust_github_web_flow, platform_committers"
        )
    known = {f.name for f in dataclasses.fields(SigningPolicy)}
    values = {str(k).replace("-", "_"): v for k, v in raw.items()}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(known))})")
    signers = _optional_name(values.get("allowed_signers"))
    keys = _optional_name(values.get("gpg_keys"))
    required = _optional_bool(values.get("required"))
    if required and signers is None and keys is None:
        raise ValueError("required: true needs allowed_signers or gpg_keys (the keys that may sign)")
    return SigningPolicy(
        required=bool(signers or keys) if required is None else required,
        allowed_signers=signers,
        gpg_keys=keys,
        trust_github_web_flow=bool(_optional_bool(values.get("trust_github_web_flow"))),
        platform_committers=tuple(_str_list(values.get("platform_committers", ["noreply@github.com"]))),
    )


def _rule_list(raw: Any) -> list[str] | None:
    return None if raw is None else _str_list(raw)


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "globs": _str_list,
    "str-list": _str_list,
    "rule-list": _rule_list,
    "severity": _severity,
    "severity-map": _severity_map,
    "str-map": _str_map,
    "positive-int": _positive_int,
    "k8s-version": _k8s_version,
    "port-list": _port_list,
    "regex-list": _regex_list,
    "name": _name,
    "optional-name": _optional_name,
    "optional-bool": _optional_bool,
    "helm-renderer": _helm_renderer,
    "profile": _profile,
    "overrides": _overrides,
    "optional-path": _optional_path,
    "bool": _bool,
    "str-list-map": _str_list_map,
    "commit-signing": _commit_signing,
}


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: .gitops-lint.y(a)ml, else a pyproject.toml
    that has a [tool.gitops-lint] table."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("gitops-lint")
    return table if isinstance(table, dict) else None


def load_config(path: Path | None) -> Config:
    """Defaults, overlaid with the file at ``path`` (when given)."""
    config = Config(path=path)
    config.origins = dict.fromkeys(Config.keys(), "default")
    if path is None:
        return config
    if path.name == "pyproject.toml":
        data: Any = _pyproject_table(path) or {}
    else:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from None
        if data is None:
            data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    for key, raw in data.items():
        config.set(str(key).replace("-", "_"), raw, str(path))
    return config


def plain(value: Any) -> Any:
    """A setting as plain data (YAML/JSON): severities by name, overrides as mappings."""
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, Override):
        out: dict[str, Any] = {"paths": list(value.paths)}
        if value.ignore:
            out["ignore"] = list(value.ignore)
        if value.severity:
            out["severity"] = plain(value.severity)
        return out
    if isinstance(value, SigningPolicy):
        return plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def key_docs() -> list[dict[str, Any]]:
    """Every key with its type, default and help text, as documented."""
    defaults = Config()
    return [
        {
            "key": name,
            "type": spec.metadata["kind"],
            "default": plain(getattr(defaults, name)),
            "help": spec.metadata["help"],
        }
        for name, spec in _FIELDS.items()
    ]
