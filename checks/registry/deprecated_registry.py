"""REG007 deprecated-registry."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checks.registry._image_sites import dockerfile_sites, kustomize_name_sites, workload_sites
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

# Frozen or retired registry prefixes and where their images live now.
_REPLACED = (
    ("k8s.gcr.io/", "registry.k8s.io/"),
    ("gcr.io/google_containers/", "registry.k8s.io/"),
    ("gcr.io/google-containers/", "registry.k8s.io/"),
    ("docker.pkg.github.com/", "ghcr.io/"),
)


@Rule(
    id="REG007",
    slug="deprecated-registry",
    title="An image is pulled from a frozen or deprecated registry.",
    severity=Severity.MEDIUM,
    nist=("4.1.5", "4.2.2"),
    target=Target.REPO,
    summary="""
        Reports workload container images, kustomization `images[].newName` values and Dockerfile
        `FROM` / `COPY --from` / `RUN --mount from=` images that come from `k8s.gcr.io` (frozen
        since April 2023), its legacy aliases `gcr.io/google_containers` and
        `gcr.io/google-containers`, or `docker.pkg.github.com` (replaced by ghcr.io).
        """,
    rationale="""
        A frozen registry receives no new images: security fixes published after the freeze never
        reach workloads that still pull from it, and the old endpoint may stop serving at any time,
        turning a node replacement into an outage.
        """,
    fix="Switch to `registry.k8s.io` (or ghcr.io) with the same path and pin the digest.",
    bad="""
        containers:
          - name: pause
            image: k8s.gcr.io/pause:3.9
        """,
    good="""
        containers:
          - name: pause
            image: registry.k8s.io/pause:3.9
        """,
    notes="Same verdict as Kubescape C-0253 and Kyverno restrict-deprecated-registry for `k8s.gcr.io`.",
    refs=("Kubescape C-0253", "Kyverno restrict-deprecated-registry"),
)
def deprecated_registry(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for site in itertools.chain(workload_sites(ctx), kustomize_name_sites(ctx), dockerfile_sites(ctx)):
        name = site.image.name + "/"
        for old, new in _REPLACED:
            if name.startswith(old):
                path = site.image.name[len(old) :]
                if new == "ghcr.io/":
                    # docker.pkg.github.com/<owner>/<repository>/<image> moved to ghcr.io/<owner>/<image>
                    parts = path.split("/")
                    path = "/".join([parts[0], *parts[2:]]) if len(parts) > 2 else path
                yield site.violation(f"comes from the retired {old.rstrip('/')} registry; pull {new}{path} instead")
                break
