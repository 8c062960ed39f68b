"""CI001 image-build-without-scan."""

from __future__ import annotations

from collections.abc import Iterator

from checks.ci._steps import builds, gitlab_scans, ordered_steps, pushes, scanner
from linter.context import Context
from linter.pipelines import pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity


@Rule(
    id="CI001",
    slug="image-build-without-scan",
    title="A pipeline builds or pushes an image without a vulnerability scan.",
    severity=Severity.MEDIUM,
    nist=("4.1.1", "4.2.3"),
    target=Target.REPO,
    summary="""
        Reports a GitHub Actions workflow or GitLab pipeline that builds or pushes an image (docker/buildx,
        build-push-action, bake, kaniko, buildah, podman, nerdctl, ko, jib) with no image scanner step
        (trivy, grype, docker scout, snyk, or the GitLab Container-Scanning template), or whose only scan
        runs after the push in the same job.
        """,
    rationale="""
        Images carry their OS packages and libraries; without a scan gate, known-vulnerable images reach
        the registry and from there the cluster, and nobody is told.
        """,
    fix="Scan the built image (trivy/grype/...) with a failing threshold before pushing it.",
    bad="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: docker build -t ghcr.io/acme/web:${{ github.sha }} .
              - run: docker push ghcr.io/acme/web:${{ github.sha }}
        """,
    good="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: docker build -t ghcr.io/acme/web:${{ github.sha }} .
              - run: trivy image --exit-code 1 --severity CRITICAL,HIGH ghcr.io/acme/web:${{ github.sha }}
              - run: docker push ghcr.io/acme/web:${{ github.sha }}
        """,
    example_path=".github/workflows/image.yml",
    refs=("CIS Docker 4.4",),
)
def image_build_without_scan(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        steps = list(ordered_steps(pipeline))
        building = [(j, s, step) for j, s, step in steps if builds(step) or pushes(step)]
        if not building:
            continue
        scans = [(j, s) for j, s, step in steps if scanner(step)]
        first_push = next(((j, s) for j, s, step in steps if pushes(step)), None)
        if gitlab_scans(pipeline):
            continue
        if scans and not (first_push and all(j == first_push[0] and s > first_push[1] for j, s in scans)):
            continue
        step = building[0][2]
        detail = "scans only after pushing" if scans else "never scans it"
        yield Violation(
            f"{pipeline.path} builds an image but {detail}; add a blocking scan before the push",
            at=step.node,
            evidence=f"{pipeline.path}:{detail}",
        )
