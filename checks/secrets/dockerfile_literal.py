"""SEC011 dockerfile-literal-secret."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import file_hits, is_allowlisted
from checks.secrets._dockerfile_secrets import ASSIGNING, assignments, password_settings
from checks.secrets._folding import with_articles
from checks.secrets._values import is_literal_text, is_secret_key
from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction
from linter.location import Span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIX = "use RUN --mount=type=secret for build-time secrets and inject runtime secrets from the orchestrator"


@Rule(
    id="SEC011",
    slug="dockerfile-literal-secret",
    title="A Dockerfile bakes a literal secret or password into the image.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.DOCKERFILE,
    summary="""
        In every stage (and the ARGs before the first FROM), reports (a) an ENV, ARG or LABEL whose
        key is secret-like and whose value or ARG default is a literal; (b) an ENV/ARG/LABEL value or
        RUN text that matches a token pattern (SEC017-SEC023, reported here instead); (c) a RUN that
        sets an account password from a literal: `chpasswd` (with or without `-e`) fed by
        echo/printf, a here-string or a heredoc, `passwd --stdin`, `useradd`/`usermod -p <literal>`,
        or `openssl passwd <literal>`. Commands are parsed (`echo "x | chpasswd"` is an echo).
        """,
    rationale="""
        Everything an instruction sets is stored in the image: ENV and LABEL in its config, ARG
        values and RUN command lines in its history. Anyone who can pull the image can read them,
        and earlier stages persist in build caches.
        """,
    fix=(
        "Use `RUN --mount=type=secret,id=...` for build-time secrets and inject runtime secrets "
        "from the orchestrator; never set passwords in images."
    ),
    bad="""
        FROM python:3.12-slim
        ENV DJANGO_SECRET_KEY=8f2c9e1b47d40a3b6e0d2c9a8f1
        RUN useradd -m app && echo 'app:app-Passw0rd' | chpasswd
        USER app
        """,
    good="""
        FROM python:3.12-slim
        RUN useradd -m app
        RUN --mount=type=secret,id=pip_index,env=PIP_INDEX_URL pip install acme-core
        USER app
        """,
    example_lang="dockerfile",
    notes="""
        Stricter than Trivy DS031, which checks only the final stage. A value that is only a variable
        reference (`ENV TOKEN=$TOKEN`) is not a literal; copying a secret build ARG is SEC012.
        """,
    refs=("DS031", "DL3064", "CKV2_DOCKER_17", "CIS Docker 4.10", "Kubescape C-0012"),
)
def dockerfile_literal_secret(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(dockerfile.src, ctx):
        return
    found: list[Violation] = []
    for assignment in assignments(dockerfile):
        name, value = assignment.name, assignment.value
        if value is not None and is_secret_key(name) and is_literal_text(value, name):
            at = assignment.at()
            found.append(
                Violation(
                    f"{assignment.instruction.keyword} {name} sets a literal secret; {_FIX}",
                    at=at,
                    evidence=f"{assignment.instruction.keyword}:{name}",
                    about=_about(assignment.instruction),
                    covers=(at,),
                )
            )
    for instr in dockerfile.instructions:
        for setting in password_settings(instr):
            found.append(
                Violation(
                    f"RUN sets an account password from a literal ({setting.what}); {_FIX}",
                    at=setting.at,
                    evidence=f"password:{setting.what}",
                    about=_about(instr),
                    covers=(setting.at,),
                )
            )
    reported = [v.at.span() for v in found if v.at is not None]
    yield from found
    for violation in _detected(dockerfile, ctx):
        span = violation.at.span() if violation.at is not None else None
        if span is not None and not any(_overlaps(span, other) for other in reported):
            yield violation


def _overlaps(a: Span, b: Span) -> bool:
    return a.path == b.path and (a.line, a.col) < (b.end_line, b.end_col) and (b.line, b.col) < (a.end_line, a.end_col)


def _detected(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    source = ctx.repo.file(dockerfile.src)
    if source is None:
        return
    for located in file_hits(source):
        if located.where:
            continue
        instr = _instruction_at(dockerfile, located.hit.line)
        if instr is None or instr.keyword not in (*ASSIGNING, "RUN"):
            continue
        hit = located.hit
        yield Violation(
            f"{instr.keyword} holds {with_articles([hit.kind])} {hit.preview}; {_FIX}",
            at=located.at,
            evidence=f"{instr.keyword}:{hit.kind}:{hit.digest}",
            about=_about(instr),
            covers=(located.at,),
        )


def _instruction_at(dockerfile: Dockerfile, line: int) -> Instruction | None:
    for instr in dockerfile.instructions:
        if instr.line <= line <= instr.end_line:
            return instr
        for heredoc in instr.heredocs:
            if heredoc.line <= line < heredoc.line + len(heredoc.body):
                return instr
    return None


def _about(instr: Instruction) -> str:
    """SEC012 yields to this rule per instruction."""
    return f"instruction:{instr.line}"
