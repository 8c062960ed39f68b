"""CI rules: cases beyond each rule's documented examples."""

from __future__ import annotations

from typing import Any

WORKFLOW = """
on: {trigger}
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
{steps}
"""


def workflow(*steps: str, trigger: str = "push") -> dict[str, str]:
    body = "\n".join("      " + s for s in steps)
    return {".github/workflows/ci.yml": WORKFLOW.format(trigger=trigger, steps=body)}


def test_ci001_build_push_action_and_scan_after_push(lint: Any) -> None:
    push = "- uses: docker/build-push-action@v6\n        with: {push: true, tags: ghcr.io/acme/web:1}"
    assert len(lint(workflow(push), "CI001")) == 1
    scan_after = "- uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: ghcr.io/acme/web:1}"
    found = lint(workflow(push, scan_after), "CI001")
    assert len(found) == 1 and "after pushing" in found[0].message


def test_ci001_gitlab_template_counts_as_scan(lint: Any) -> None:
    gitlab = """
include:
  - template: Security/Container-Scanning.gitlab-ci.yml
build:
  script:
    - docker build -t $CI_REGISTRY_IMAGE .
    - docker push $CI_REGISTRY_IMAGE
"""
    assert lint({".gitlab-ci.yml": gitlab}, "CI001") == []
    without_template = gitlab.replace("include:\n  - template: Security/Container-Scanning.gitlab-ci.yml\n", "")
    assert len(lint({".gitlab-ci.yml": without_template}, "CI001")) == 1


def test_ci002_swallowed_and_continue_on_error(lint: Any) -> None:
    assert len(lint(workflow("- run: trivy image --exit-code 1 web || true"), "CI002")) == 1
    tolerant = "- run: trivy image --exit-code 1 web\n        continue-on-error: true"
    assert len(lint(workflow(tolerant), "CI002")) == 1
    action = "- uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: web, exit-code: '1'}"
    assert lint(workflow(action), "CI002") == []
    assert len(lint(workflow("- run: grype web"), "CI002")) == 1
    assert lint(workflow("- run: grype web --fail-on high"), "CI002") == []


def test_ci002_gitlab_allow_failure(lint: Any) -> None:
    gitlab = "scan:\n  allow_failure: true\n  script:\n    - trivy image --exit-code 1 $IMAGE\n"
    assert len(lint({".gitlab-ci.yml": gitlab}, "CI002")) == 1


def test_ci004_pull_request_scanner(lint: Any) -> None:
    assert len(lint(workflow("- run: make test", trigger="pull_request"), "CI004")) == 1
    action = "- uses: gitleaks/gitleaks-action@v2"
    assert lint(workflow(action, trigger="[pull_request]"), "CI004") == []


def test_ci005_points_at_the_command_line_and_exempts_ephemeral_clusters(lint: Any) -> None:
    script = "- run: |\n          helm lint chart\n          helm upgrade --install web chart"
    found = lint(workflow(script), "CI005")
    assert [(f.span.line, "helm upgrade" in f.message) for f in found] == [(8, True)]
    kind = "- uses: helm/kind-action@v1"
    assert lint(workflow(kind, script), "CI005") == []
    assert lint(workflow("- run: helm upgrade --install --dry-run web chart"), "CI005") == []


def test_ci006_reusable_workflow_docker_and_gitlab(lint: Any) -> None:
    assert len(lint(workflow("- uses: docker://alpine:3.20"), "CI006")) == 1
    assert lint(workflow("- uses: ./.github/actions/local"), "CI006") == []
    gitlab = "include:\n  - project: acme/ci\n    ref: main\n    file: build.yml\n  - remote: https://x/y.yml\n"
    assert len(lint({".gitlab-ci.yml": gitlab}, "CI006")) == 2
