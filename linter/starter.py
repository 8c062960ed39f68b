"""The starter configuration `gitops-lint init` writes: what the repository uses, as settings with
comments. Detection reads the repository model only (images, Argo CD and Flux objects, charts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from linter.imageref import DOCKER_HUB, ImageRef, parse_image
from linter.repository import Repository

_ARGO_KINDS = frozenset({"Application", "ApplicationSet", "AppProject"})


@dataclass(slots=True)
class Detected:
    registries: Counter[str] = field(default_factory=Counter)  # allowlist prefix -> images using it
    argo_objects: int = 0
    argo_namespaces: Counter[str] = field(default_factory=Counter)
    flux_objects: int = 0
    flux_namespaces: Counter[str] = field(default_factory=Counter)
    charts: int = 0
    dockerfiles: int = 0


def detect(repo: Repository) -> Detected:
    found = Detected(charts=len(repo.charts), dockerfiles=len(repo.dockerfiles))
    images: set[str] = set()
    for dockerfile in repo.dockerfiles:
        names = {stage.name for stage in dockerfile.stages if stage.name}
        for stage in dockerfile.stages:
            if stage.image_resolved.lower() not in names and stage.image_resolved != "scratch":
                images.add(stage.image_resolved)
    for pod in repo.pod_specs:
        for container in pod.containers():
            image = container.node.text("image")
            if image:
                images.add(image)
    for text in images:
        ref = parse_image(text)
        if ref is not None:
            found.registries[allowlist_prefix(ref)] += 1
    for resource in repo.resources:
        if resource.group == "argoproj.io" and resource.kind in _ARGO_KINDS:
            found.argo_objects += 1
            if resource.namespace:
                found.argo_namespaces[resource.namespace] += 1
        elif resource.group.endswith(".toolkit.fluxcd.io"):
            found.flux_objects += 1
            if resource.namespace:
                found.flux_namespaces[resource.namespace] += 1
    return found


def allowlist_prefix(ref: ImageRef) -> str:
    """The entry to trust for an image: its registry and organisation (``ghcr.io/acme``), as a
    shared registry host alone would trust everyone's images; the host for one-level names."""
    head, sep, _ = ref.repository.partition("/")
    return f"{ref.registry}/{head}" if sep else ref.registry


def render(found: Detected, name: str) -> str:
    out = [
        f"# gitops-lint configuration for {name}, written by `gitops-lint init`.",
        "# Every key: `gitops-lint config --keys`; the values in effect: `gitops-lint config --show`.",
        "",
    ]
    out += _registries(found)
    out += [
        "",
        "# Rule set: baseline or restricted (Pod Security Standards levels for the CTR/HOST rules) or all.",
        "# profile: restricted",
        "",
        "# Exit 1 on findings at or above this severity: critical, high, medium, low or info.",
        "fail_on: low",
        "",
        "# Findings accepted when adopting the tool; create it with `gitops-lint audit --write-baseline`.",
        "# baseline: .gitops-lint-baseline.json",
    ]
    out += _argo(found) + _flux(found)
    out += [
        "",
        "# Paths not to scan, besides what .gitignore excludes.",
        '# exclude: ["vendor/**"]',
        "",
        "# Per-path settings, for example a sandbox cluster held to a lower bar:",
        "# overrides:",
        '#   - paths: ["clusters/sandbox/**"]',
        "#     ignore: [CTR017]",
        "#     severity: {CTR006: low}",
    ]
    return "\n".join(out) + "\n"


def _registries(found: Detected) -> list[str]:
    lines = [
        "# Registries (or registry/organisation prefixes) images may come from (REG003, REG006).",
    ]
    if not found.registries:
        return [*lines, "# No image found; list yours here.", "trusted_registries: []"]
    lines.append("# Detected from the images in use: keep only those you trust.")
    lines.append("trusted_registries:")
    for prefix, count in sorted(found.registries.items(), key=lambda item: (-item[1], item[0])):
        note = " (Docker Hub)" if prefix.startswith(DOCKER_HUB) else ""
        lines.append(f"  - {prefix}  # {count} image{'s' if count != 1 else ''}{note}")
    return lines


def _argo(found: Detected) -> list[str]:
    return _controller(
        found.argo_objects,
        found.argo_namespaces,
        f"# Argo CD: {found.argo_objects} Application/ApplicationSet/AppProject object(s) found.",
        ("argocd_namespace", "argocd"),
        "# Repository URL prefixes Argo CD sources may use (ARGO012); empty: not checked.",
        '# trusted_git_sources: ["https://github.com/your-org/"]',
    )


def _flux(found: Detected) -> list[str]:
    return _controller(
        found.flux_objects,
        found.flux_namespaces,
        f"# Flux: {found.flux_objects} toolkit object(s) found.",
        ("flux_namespace", "flux-system"),
        "# Whether tenants reconcile with their own service accounts (default: inferred).",
        "# multi_tenant: true",
    )


def _controller(count: int, namespaces: Counter[str], heading: str, key: tuple[str, str], *rest: str) -> list[str]:
    """A GitOps controller's settings, with the namespace its objects live in (else the default)."""
    if not count:
        return []
    name, default = key
    namespace = namespaces.most_common(1)[0][0] if namespaces else default
    return ["", heading, f"{name}: {namespace}", *rest]
