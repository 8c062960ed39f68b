"""IMG021 copy-context-without-dockerignore."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from checks.image._builds import build_context
from linter.context import Context
from linter.dockerfile import Dockerfile, Instruction
from linter.dockerignore import IgnorePattern, ignore_file, is_ignored, parse_patterns
from linter.rule import Rule, Target, Violation
from linter.sensitive import judged_by_content, sensitive_reason
from linter.severity import Severity
from linter.sourcefile import SourceFile

_WHOLE = frozenset({".", "*"})
_KEYS = (".pem", ".key")
# A file every checkout has in its root: excluding it is the first thing a .dockerignore does.
_GIT_PROBE = ".git/HEAD"


def copies_whole_context(instr: Instruction) -> bool:
    """A COPY/ADD from the build context whose source is `.`, `./`, `*` (or `/`: the context root)."""
    if instr.keyword not in ("COPY", "ADD") or "from" in instr.flags() or instr.heredocs:
        return False
    exec_form = instr.exec_form()
    sources = exec_form[:-1] if exec_form is not None else [t.text for t in instr.operands()[:-1]]
    return any(posixpath.normpath(source.lstrip("/") or ".") in _WHOLE for source in sources)


def _is_credential_file(source: SourceFile) -> bool:
    if source.path.endswith(_KEYS):
        return True
    # Names first: only the few files that are sensitive by their content are read.
    if sensitive_reason(source.path, None) is None and not judged_by_content(source.path):
        return False
    return sensitive_reason(source.path, source.text) is not None


def _exposed(ctx: Context, context: str, patterns: list[IgnorePattern]) -> list[str]:
    """What the build context should not carry and the ignore patterns let through."""
    # Only a context at the repository root holds the checkout's .git directory.
    missing = [".git"] if not context and not is_ignored(_GIT_PROBE, patterns) else []
    prefix = f"{context}/" if context else ""
    credentials = ctx.shared(
        "img021-credential-files", lambda: [s.path for s in ctx.repo.files if _is_credential_file(s)]
    )
    for path in credentials:
        inside = path[len(prefix) :]
        if path.startswith(prefix) and not is_ignored(inside, patterns):
            missing.append(inside)
    return missing


@Rule(
    id="IMG021",
    slug="copy-context-without-dockerignore",
    title="The whole build context is copied while secrets are not excluded.",
    severity=Severity.LOW,
    nist=("4.1.4",),
    target=Target.DOCKERFILE,
    summary="""
        Reports a COPY or ADD (in any stage) of `.`, `./` or `*` from the build context when the
        context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore` next to the Dockerfile),
        or when its patterns do not exclude `.git` (for a context at the repository root) or a
        credential file that is in the context: SENSITIVE_FILES (keystores, SSH keys,
        kubeconfigs, `.env` files, Terraform state...) and `*.pem`/`*.key`. The context is the
        one CI builds the Dockerfile with (GitHub Actions or GitLab CI build steps), else the
        Dockerfile's directory.
        """,
    rationale="""
        `COPY . .` puts everything in the context into a layer: the git history (with any secret
        ever committed), local `.env` files, keys and kubeconfigs. Anyone who can pull the image can
        read them, even when a later step deletes the files.
        """,
    fix="Add a .dockerignore that excludes .git, .env*, keys and kubeconfigs, or copy explicit paths.",
    bad="""
        # file: Dockerfile
        FROM node:22.11-alpine
        WORKDIR /app
        COPY . .
        # file: .env
        DATABASE_URL=postgres://app@db/app
        """,
    good="""
        # file: Dockerfile
        FROM node:22.11-alpine
        WORKDIR /app
        COPY . .
        # file: .env
        DATABASE_URL=postgres://app@db/app
        # file: .dockerignore
        .git
        .env*
        **/*.pem
        **/*.key
        """,
    example_lang="dockerfile",
    notes="""
        Patterns follow the builder: they match from the context root, so `*.pem` excludes only
        the root's keys and `**/*.pem` those of every directory; `!` re-includes. Only files that
        are in the scanned repository can be checked, except `.git`: a build from a checkout at
        the repository root always has it, so there it must be excluded (a context in a
        subdirectory has none). Without any `.dockerignore` the COPY is reported whatever the
        repository shows, because a developer's build context also holds untracked, ignored files
        such as `.env`. A COPY of a named directory is not
        reported (SEC013 reports credential files that any COPY really picks up).
        """,
    refs=("CIS Docker 4.10",),
)
def copy_context_without_dockerignore(dockerfile: Dockerfile, ctx: Context) -> Iterator[Violation]:
    copies = [instr for instr in dockerfile.instructions if copies_whole_context(instr)]
    if not copies:
        return
    context = build_context(ctx, dockerfile.src)
    ignore = ignore_file(ctx.repo, dockerfile.src, context)
    label = f"{context!r}" if context else "(the repository root)"
    if ignore is None:
        problem = ", which has no .dockerignore"
        evidence = "no .dockerignore"
    else:
        missing = _exposed(ctx, context, parse_patterns(ignore.text or ""))
        if not missing:
            return
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        problem = f", but {ignore.path} does not exclude {shown}"
        evidence = f"not excluded: {','.join(missing)}"
    for instr in copies:
        yield Violation(
            f"{instr.keyword} copies the whole build context {label}{problem}; exclude .git, .env*, keys "
            "and kubeconfigs in .dockerignore or copy explicit paths",
            at=instr,
            evidence=evidence,
        )
