"""CI002 image-scan-not-blocking."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.ci._steps import flag_true, scanner, scanner_command
from linter.context import Context
from linter.pipelines import Step, pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SWALLOWED = re.compile(r"\|\|\s*(true|:|exit\s+0)\b")


def _why_not_blocking(step: Step, tool: str) -> str | None:
    if step.uses is not None:
        if tool == "trivy":
            code = step.input("exit-code")
            if code is None or str(code.value).strip() in ("", "0"):
                return "trivy-action without a non-zero exit-code"
        if tool == "grype":
            fail = step.input("fail-build")
            if fail is not None and str(fail.value).lower() == "false":
                return "anchore/scan-action with fail-build: false"
        return None
    command = scanner_command(step)
    if command is None:
        return None
    if command.name == "trivy":
        exit_code = command.option_value("--exit-code")
        if exit_code is None or exit_code.strip() == "0":
            return "trivy without --exit-code (it exits 0 on findings)"
    if command.name == "grype" and command.option_value("--fail-on") is None and not command.has("-f"):
        return "grype without --fail-on"
    script = str(step.run.value) if step.run is not None else ""
    if _SWALLOWED.search(script):
        return "its failure is swallowed (|| true)"
    return None


@Rule(
    id="CI002",
    slug="image-scan-not-blocking",
    title="An image scan cannot fail the pipeline.",
    severity=Severity.MEDIUM,
    nist=("4.1.1",),
    target=Target.REPO,
    summary="""
        Reports scanner steps that can never fail the pipeline: trivy without a non-zero `exit-code`
        (trivy exits 0 by default), grype without `--fail-on` or anchore/scan-action with `fail-build:
        false`, steps or jobs with `continue-on-error: true` (GitHub) or `allow_failure: true` (GitLab),
        and commands ending in `|| true` / `|| exit 0`.
        """,
    rationale="""
        A scan that cannot fail is a log nobody reads: the image ships whatever the scanner found.
        """,
    fix="Make the scan fail the job on findings at or above the agreed severity.",
    bad="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: docker build -t web .
              - run: trivy image web
        """,
    good="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: docker build -t web .
              - run: trivy image --exit-code 1 --severity CRITICAL,HIGH web
        """,
    example_path=".github/workflows/image.yml",
)
def image_scan_not_blocking(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        for job, step in pipeline.steps():
            tool = scanner(step)
            if tool is None:
                continue
            why = _why_not_blocking(step, tool)
            if flag_true(step.continue_on_error) or flag_true(job.continue_on_error):
                why = "continue-on-error" if pipeline.platform == "github" else "allow_failure"
                why += " is set"
            if why is not None:
                yield Violation(
                    f"{pipeline.path} job {job.name!r}: the image scan cannot fail the pipeline ({why})",
                    at=step.uses or step.run or step.node,
                    evidence=f"{job.name}:{why}",
                )
