"""SEC013 dockerfile-copies-secret-file."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from checks.secrets._build_context import context_files, resolve
from checks.secrets._detector_rule import file_hits, is_allowlisted
from checks.secrets._files import credential_field, is_key_file, sensitive_kind
from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction, Token
from linter.location import FixedSpan
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_FIX = "use RUN --mount=type=secret/--mount=type=ssh for build-time credentials and exclude the file in .dockerignore"
_KEY_KINDS = ("private key", "age secret key", "GCP service-account key")


@Rule(
    id="SEC013",
    slug="dockerfile-copies-secret-file",
    title="A Dockerfile copies a credential or key file into the image.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.DOCKERFILE,
    summary="""
        Reports COPY/ADD local sources that name a credential file: SENSITIVE_FILES (keystores, SSH
        keys, kubeconfigs, `.env`, Terraform state, `.aws/credentials`...; `.npmrc`, `.pypirc`,
        `.netrc`, `.docker/config.json` when they hold a credential), `*.key`, a `*.pem` named like
        a key, `credentials.json`, `service-account*.json`, or a repository file that holds a private
        key. Directories and globs (`COPY . .`) are expanded against the build context (the
        Dockerfile's directory) minus what `.dockerignore` excludes.
        """,
    rationale="""
        A file copied into a layer stays in the image even if a later step deletes it: anyone who
        can pull the image can extract it.
        """,
    fix=(
        "Use `RUN --mount=type=secret`/`--mount=type=ssh` for build-time credentials and exclude "
        "the file in .dockerignore."
    ),
    bad="""
        FROM alpine:3.20
        COPY id_rsa /root/.ssh/id_rsa
        RUN git clone git@github.com:acme/tools.git
        """,
    good="""
        FROM alpine:3.20
        RUN --mount=type=ssh git clone git@github.com:acme/tools.git
        """,
    example_lang="dockerfile",
    notes="""
        Sources copied from another stage or image (`--from`), URLs and heredocs are not local files.
        A named source that is not in the repository (created by CI before the build) is judged by
        its name alone; severity stays high because most matches are on names.
        """,
    refs=("DS031", "CIS Docker 4.10"),
)
def dockerfile_copies_secret_file(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    if is_allowlisted(dockerfile.src, ctx):
        return
    context = posixpath.dirname(dockerfile.src)
    files: list[str] | None = None
    for instr in dockerfile.instructions:
        if instr.keyword not in ("COPY", "ADD") or "from" in instr.flags():
            continue
        for token in _sources(instr):
            if files is None:
                files = context_files(ctx.repo, context)
            named = resolve(token.text, files)
            if named:
                found = [path for path in named if _is_secret_file(ctx, posixpath.join(context, path))]
            else:
                found = [token.text] if _is_secret_name(token.text) else []
            if found:
                shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
                yield Violation(
                    f"{instr.keyword} {token.text} puts credential file(s) {shown} into the image; {_FIX}",
                    at=FixedSpan(instr.locate(token.start, token.end)),
                    evidence=f"{instr.keyword}:{token.text}:{','.join(found)}",
                )


def _sources(instr: Instruction) -> list[Token]:
    operands = instr.operands()
    if instr.exec_form() is not None or len(operands) < 2:
        return []
    return [t for t in operands[:-1] if "://" not in t.text and not t.text.startswith(("<<", "git@"))]


def _is_secret_name(path: str) -> bool:
    return sensitive_kind(path) is not None or is_key_file(path)


def _is_secret_file(ctx: Context, path: str) -> bool:
    kind = sensitive_kind(path)
    source = ctx.repo.file(path)
    text = source.text if source is not None else None
    if kind == "always" or is_key_file(path):
        return True
    if kind == "conditional":
        return text is None or credential_field(text) is not None
    if source is None or text is None or ("PRIVATE KEY" not in text and "AGE-SECRET-KEY" not in text):
        return False
    return any(located.hit.kind in _KEY_KINDS for located in file_hits(source) if not located.where)
