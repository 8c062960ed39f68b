"""REG011 repo-built-image-deployed-by-tag."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.registry._image_sites import ImageSite, argo_sites
from checks.registry._overrides import kustomizations, kustomize_images
from checks.registry._workload_images import container_images
from linter.buildmap import Build, build_map
from linter.context import Context
from linter.imageref import ImageRef
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="REG011",
    slug="repo-built-image-deployed-by-tag",
    title="An image built from a Dockerfile in this repo is deployed by tag instead of digest.",
    severity=Severity.MEDIUM,
    nist=("4.2.2", "4.1.5"),
    target=Target.REPO,
    summary="""
        Finds the images this repository builds (config `image_build_map`; GitHub Actions and
        GitLab CI build steps; docker-bake.hcl; skaffold.yaml; a Dockerfile's
        `org.opencontainers.image.source`/`title` LABEL; a Dockerfile's directory name, for images
        in a registry namespace already mapped) and reports every deployment of one of them
        without a digest: workload containers (Helm values included), kustomization `images:`
        entries and Argo CD `kustomize.images` overrides. Reported as high when the tag looks
        mutable: absent, `latest`, or a branch name matching `branch_patterns`.
        """,
    rationale="""
        The build of this repository produces a digest; deploying the tag instead throws that
        identity away. The tag can be pushed again by any later build (of another branch, or by
        anyone with push rights), so what runs is not provably what CI built, scanned and signed.
        """,
    fix=(
        "Deploy the digest produced by the build (CI writes `@sha256:...`), or use Flux image "
        "automation with `digestReflectionPolicy: Always` and `:digest` setters."
    ),
    bad="""
        # file: .github/workflows/release.yml
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with:
                  context: services/api
                  tags: ghcr.io/acme/api:${{ github.sha }}
        # file: services/api/Dockerfile
        FROM scratch
        # file: deploy/api.yaml
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:main
        """,
    good="""
        # file: services/api/Dockerfile
        FROM scratch
        LABEL org.opencontainers.image.source="https://github.com/acme/api"
        # file: deploy/api.yaml
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: ghcr.io/acme/api:1.4.0@sha256:4f3c2b1a09d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2
        """,
    notes="""
        Only Dockerfiles present in the repository are mapped (configured mappings are taken as
        given). Variables defined in the pipeline (GitHub `env:` of the workflow, job or step;
        GitLab `variables:`, global or per job) are expanded in tags and paths, and
        docker/metadata-action `images` are used through `steps.<id>.outputs.tags`; a tag whose
        repository part stays unknown (`$CI_REGISTRY_IMAGE`, `${{ github.repository }}`) maps
        nothing. An `org.opencontainers.image.source` of `https://github.com/<owner>/<repo>` maps
        `ghcr.io/<owner>/<repo>` (how GitHub links packages); an `org.opencontainers.image.title`
        maps images whose last path component is that title, except Docker Hub official images.
        A kustomization `images:` entry whose value a rendered container already reports is not
        reported twice.
        """,
    refs=(),
)
def repo_built_image_deployed_by_tag(repo: Repository, ctx: Context) -> Iterator[Violation]:
    builds = ctx.shared("image-build-map", lambda: build_map(repo, ctx.config))
    if not builds.names and not builds.titles:
        return
    branches = [re.compile(p) for p in ctx.config.branch_patterns]
    reported: set[tuple[str, int, int]] = set()
    for pod in repo.pod_specs:
        for use in container_images(pod):
            site = ImageSite(use.image, use.node, use.describe(), use.about, pod.resource, use.about)
            violation = _judge(site, builds.lookup(use.image), branches)
            if violation is not None:
                reported.add((use.node.src, use.node.line, use.node.col))
                yield violation
    for source, root in kustomizations(ctx):
        for entry in kustomize_images(source, root):
            image, node = entry.target(), entry.changes
            if image is None or node is None or (node.src, node.line, node.col) in reported:
                continue
            site = ImageSite(image, node, f"kustomization images entry {entry.name or '?'!r}", f"images:{entry.name}")
            violation = _judge(site, builds.lookup(image), branches)
            if violation is not None:
                yield violation
    for site in argo_sites(ctx):
        violation = _judge(site, builds.lookup(site.image), branches)
        if violation is not None:
            yield violation


def _judge(site: ImageSite, build: Build | None, branches: list[re.Pattern[str]]) -> Violation | None:
    image = site.image
    if build is None or image.pinned:
        return None
    mutable = _mutable(image, branches)
    tag = f"the mutable tag {image.tag or 'latest (implied)'!r}" if mutable else f"the tag {image.tag!r}"
    violation = site.violation(
        f"is built from {build.dockerfile} in this repository ({build.how}) but deployed by {tag}; "
        "deploy the digest the build produced (repo:tag@sha256:...)"
    )
    if mutable:
        violation.severity = Severity.HIGH
    return violation


def _mutable(image: ImageRef, branches: list[re.Pattern[str]]) -> bool:
    return image.tag is None or image.tag == "latest" or any(p.search(image.tag) for p in branches)
