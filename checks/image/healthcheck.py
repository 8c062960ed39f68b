"""IMG020 missing-healthcheck."""

from __future__ import annotations

from collections.abc import Iterator

from checks.image._run import final_image_stages
from linter.buildmap import build_map
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.imageref import ImageRef, parse_image
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

_PROBES = ("livenessProbe", "readinessProbe")


def probed_images(ctx: Context) -> list[ImageRef]:
    """The images of the repository's containers that define a liveness or readiness probe."""
    found: list[ImageRef] = []
    for pod in ctx.repo.pod_specs:
        for container in pod.containers():
            if container.list_name != "containers":
                continue
            if not any(isinstance(container.node.get(probe), YMap) for probe in _PROBES):
                continue
            node = container.node.get("image")
            image = parse_image(node.value) if isinstance(node, YScalar) and isinstance(node.value, str) else None
            if image is not None:
                found.append(image)
    return found


@Rule(
    id="IMG020",
    slug="missing-healthcheck",
    title="The final image defines no HEALTHCHECK.",
    severity=Severity.LOW,
    nist=(),
    target=Target.DOCKERFILE,
    default=False,
    summary="""
        Reports a Dockerfile whose final image (the final stage and the stages it is built `FROM`)
        has no HEALTHCHECK instruction (`HEALTHCHECK NONE` counts as one), unless a manifest of the
        repository runs the image in a container with a liveness or readiness probe. The image
        is matched to the Dockerfile by the tags CI builds it with, its OCI `source`/`title`
        labels, docker-bake/skaffold targets, config `image_build_map`, or the Dockerfile's
        directory name, exactly as REG011 maps images to Dockerfiles.
        """,
    rationale="""
        Without a health check, Docker and Compose report a hung or deadlocked container as
        running, so nothing restarts it or takes it out of service. Kubernetes ignores HEALTHCHECK
        and uses probes instead, which is why an image deployed with probes needs none.
        """,
    fix="Add a HEALTHCHECK for images run outside Kubernetes, or define probes in the manifests.",
    bad="""
        FROM nginx:1.27-alpine
        COPY site/ /usr/share/nginx/html/
        """,
    good="""
        FROM nginx:1.27-alpine
        COPY site/ /usr/share/nginx/html/
        HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider http://localhost/ || exit 1
        """,
    example_lang="dockerfile",
    notes="""
        Off by default: Kubernetes ignores HEALTHCHECK and uses probes. The Dockerfile-to-image
        map is REG011's (`linter/buildmap.py`): a directory name only counts for images in a
        registry namespace that another source already maps. Startup probes alone do not count;
        the catalogue names liveness and readiness probes. Only the final image counts: Checkov
        CKV_DOCKER_2 accepts a HEALTHCHECK anywhere in the file, even in a builder stage, and
        hadolint DL3057 reports every stage that lacks one, builder stages included.
        """,
    refs=("CKV_DOCKER_2", "DS026", "DL3057", "CIS Docker 4.6"),
)
def missing_healthcheck(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    stages = final_image_stages(dockerfile)
    if not stages or any(i.keyword == "HEALTHCHECK" for stage in stages for i in stage.instructions):
        return
    probed = ctx.shared("img020-probed-images", lambda: probed_images(ctx))
    builds = ctx.shared("image-build-map", lambda: build_map(ctx.repo, ctx.config))
    for image in probed:
        build = builds.lookup(image)
        if build is not None and build.dockerfile == dockerfile.src:
            return
    yield Violation(
        "the final image defines no HEALTHCHECK and no manifest here runs it with probes; "
        "add a HEALTHCHECK or liveness/readiness probes",
        at=stages[-1].from_instr,
    )
