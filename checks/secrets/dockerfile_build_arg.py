"""SEC012 dockerfile-secret-build-arg."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._dockerfile_secrets import assignments, referenced_variables, secret_args
from checks.secrets._values import is_secret_key
from linter.context import Context
from linter.dockerfile import Dockerfile
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIX = "use BuildKit secret mounts (RUN --mount=type=secret) instead of build args"


@Rule(
    id="SEC012",
    slug="dockerfile-secret-build-arg",
    title="A secret is passed into the build through ARG or ENV.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.DOCKERFILE,
    summary="""
        Reports every ARG whose name is secret-like (`NPM_TOKEN`, `DB_PASSWORD`; with or without a
        default), and every ENV whose value references such an ARG (`ENV NPM_TOKEN=$NPM_TOKEN`).
        Not reported for an instruction that SEC011 reports.
        """,
    rationale="""
        A value given with `--build-arg` is recorded in the image history of every instruction that
        uses it (`docker history` shows it), and an ENV copy of it is in the image config for good.
        """,
    fix="Use BuildKit secret mounts (`RUN --mount=type=secret`) instead of build args.",
    bad="""
        FROM node:22-alpine
        ARG NPM_TOKEN
        RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
        """,
    good="""
        FROM node:22-alpine
        RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
        """,
    example_lang="dockerfile",
    superseded_by=("SEC011",),
    refs=("DS031", "DL3064"),
)
def dockerfile_secret_build_arg(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(dockerfile.src, ctx):
        return
    secrets = secret_args(dockerfile)
    for assignment in assignments(dockerfile):
        keyword = assignment.instruction.keyword
        about = f"instruction:{assignment.instruction.line}"
        if keyword == "ARG" and is_secret_key(assignment.name):
            yield Violation(
                f"build ARG {assignment.name} carries a secret into the image history; {_FIX}",
                at=assignment.at(),
                evidence=f"ARG:{assignment.name}",
                about=about,
            )
        elif keyword == "ENV" and assignment.value is not None:
            copied = sorted(referenced_variables(assignment.value) & secrets)
            if copied:
                yield Violation(
                    f"ENV {assignment.name} copies the secret build ARG {', '.join(copied)} into the image; {_FIX}",
                    at=assignment.at(),
                    evidence=f"ENV:{assignment.name}",
                    about=about,
                )
