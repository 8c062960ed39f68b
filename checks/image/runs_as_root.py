"""IMG001 image-runs-as-root."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction, Stage, parse_assignments, substitute
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_ROOT = ("root", "0")


def _effective_user(final: Stage, global_args: dict[str, str | None]) -> tuple[str, Instruction] | None:
    """The last USER of the final stage's chain (the final stage first, then its parents), with
    ARG/ENV values of the chain substituted."""
    chain = list(final.chain())
    for stage in chain:
        user = stage.last("USER")
        if user is None:
            continue
        variables: dict[str, str | None] = dict(global_args)
        for ancestor in reversed(chain[: chain.index(stage) + 1]):
            for instr in ancestor.instructions:
                if instr is user:
                    break
                if instr.keyword in ("ARG", "ENV"):
                    for name, value, _ in parse_assignments(instr):
                        if value is not None or name not in variables:
                            variables[name] = value
        return substitute(user.body, variables), user
    return None


@Rule(
    id="IMG001",
    slug="image-runs-as-root",
    title="The final image stage runs as root.",
    severity=Severity.HIGH,
    nist=("4.1.2",),
    target=Target.DOCKERFILE,
    summary="""
        Finds the user the built image runs as: the last `USER` of the final stage, or of the stage
        it is built `FROM`, recursively, with `ARG`/`ENV` values substituted. Reports it when it is
        `root`/`0` (with any group), or when there is no `USER` at all and the base image is not one
        known to run as non-root (config `nonroot_base_images`).
        """,
    rationale="""
        An image that runs as root hands root to every process in the container unless the
        deployment overrides it. Any vulnerability in the application then runs with the most
        privileges the container runtime allows.
        """,
    fix="End the final stage with `USER <numeric non-zero UID>[:GID]`, e.g. `USER 10001:10001`.",
    bad="""
        FROM node:22.11-alpine
        COPY . /app
        CMD ["node", "/app/server.js"]
        """,
    good="""
        FROM node:22.11-alpine
        COPY . /app
        USER 10001:10001
        CMD ["node", "/app/server.js"]
        """,
    example_lang="dockerfile",
    notes="""
        Only the final stage matters: builder stages may run as root (hadolint DL3002 reports the
        last root USER of every stage). A `USER` whose value is an unresolved variable is not
        reported. `USER 0` and `root:<group>` are root too (Checkov CKV_DOCKER_8 only matches the
        text `root`); numeric UIDs are preferred because Kubernetes' `runAsNonRoot` can only verify
        numeric users. No USER at all fires unless the base runs as non-root, like Checkov
        CKV_DOCKER_3.
        """,
    refs=("CKV_DOCKER_3", "CKV_DOCKER_8", "DS002", "DL3002", "CIS Docker 4.1"),
)
def image_runs_as_root(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    final = dockerfile.final
    if final is None:
        return
    found = _effective_user(final, dockerfile.global_args)
    if found is not None:
        user, instr = found
        if "$" in user:
            return
        if user in _ROOT or user.startswith(("root:", "0:")):
            yield Violation(
                f"the final image runs as {user!r}; switch to a non-root numeric USER",
                at=instr,
                evidence=f"USER {user}",
            )
        return
    base_stage = list(final.chain())[-1]
    base = base_stage.image_resolved
    if any(fnmatch.fnmatchcase(base, pattern) for pattern in ctx.config.nonroot_base_images):
        return
    yield Violation(
        f"the final image has no USER and its base {base!r} runs as root by default; add a non-root numeric USER",
        at=final.from_instr,
        evidence=f"no USER, base {base}",
    )
