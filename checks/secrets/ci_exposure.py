"""SEC014 ci-secret-exposure."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from checks.secrets._command_secrets import SECRET_EXPRESSION, Exposure, exposures
from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._positions import in_scalar
from linter.context import Context
from linter.location import FixedSpan, Located, Span
from linter.pipelines import pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile

_FIX = "read credentials from secret variables via stdin or BuildKit --secret, never as literals or build args"
_MAKEFILES = ("Makefile", "makefile", "GNUmakefile", "*.mk")
_BUILD_ACTION = "docker/build-push-action"


@Rule(
    id="SEC014",
    slug="ci-secret-exposure",
    title="A CI pipeline passes a credential on a command line or as a build argument.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.REPO,
    summary="""
        Reads GitHub Actions `run:` steps, GitLab CI scripts (with local includes), Makefile recipes
        and `*.sh` scripts as shell commands and reports (a) a literal password given to `docker`,
        `podman`, `buildah`, `nerdctl`, `oras` or `skopeo login`, `helm registry login` or `crane
        auth login` (`-p`, `--password`), echoed into `--password-stdin`, in `curl -u user:password`,
        `mysql -p<password>` or `PGPASSWORD=<password>`; (b) a secret passed to an image build as
        `--build-arg` (`${{ secrets.* }}`, a secret-named variable, or a secret-named ARG taken from
        the environment), and `docker/build-push-action` `build-args` holding `${{ secrets.` .
        """,
    rationale="""
        Command lines are logged by CI runners and visible in process lists; build arguments are
        stored in the image history, so a secret given that way ships with the image.
        """,
    fix="Read credentials from secret variables via stdin or BuildKit `--secret`, never as literals or build args.",
    bad="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: docker login -u ci -p Regist3y-Pass ghcr.io
              - run: docker build --build-arg NPM_TOKEN=${{ secrets.NPM_TOKEN }} -t ghcr.io/acme/web .
        """,
    good="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: echo "$REGISTRY_TOKEN" | docker login -u ci --password-stdin ghcr.io
                env:
                  REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}
              - run: docker build --secret id=npm,env=NPM_TOKEN -t ghcr.io/acme/web .
                env:
                  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
        """,
    example_path=".github/workflows/build.yml",
    notes="""
        Which GitLab variables are masked or protected is not in the repository: a build argument
        taken from a variable counts as a secret when the variable's name is secret-like
        (`$CI_JOB_TOKEN`, `$NPM_TOKEN`). `${{ github.token }}` counts as a secret expression.
        """,
    refs=("CIS Docker 4.10",),
)
def ci_secret_exposure(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        source = repo.file(pipeline.path)
        for _, step in pipeline.steps():
            if step.run is not None and isinstance(step.run.value, str) and not is_allowlisted(step.run.src, ctx):
                script = step.run.value
                for exposure in exposures(script):
                    at = in_scalar(step.run, repo.file(step.run.src) or source, exposure.start, exposure.end)
                    yield _violation(exposure, at)
            args = step.input("build-args")
            if step.action == _BUILD_ACTION and args is not None and isinstance(args.value, str):
                match = SECRET_EXPRESSION.search(args.value)
                if match is not None and not is_allowlisted(args.src, ctx):
                    end = args.value.find("}}", match.start())
                    at = in_scalar(args, repo.file(args.src), match.start(), end + 2 if end >= 0 else match.end())
                    yield _violation(Exposure(f"{_BUILD_ACTION} build-args from a secret expression", 0, 0), at)
    for source in repo.files:
        if is_allowlisted(source.path, ctx):
            continue
        name = source.path.rpartition("/")[2]
        if name.endswith(".sh") and source.text is not None:
            for exposure in exposures(source.text):
                text = source.text
                line = text.count("\n", 0, exposure.start) + 1
                col = exposure.start - (text.rfind("\n", 0, exposure.start) + 1) + 1
                yield _violation(exposure, _span(source, line, col, exposure))
        elif any(fnmatch.fnmatchcase(name, pattern) for pattern in _MAKEFILES) and source.text is not None:
            yield from _makefile(source)


def _makefile(source: SourceFile) -> Iterator[Violation]:
    for number, line in enumerate(source.lines, start=1):
        if not line.startswith("\t"):
            continue
        body = line[1:]
        stripped = body.lstrip("@-+ \t")
        offset = 1 + len(body) - len(stripped)
        for exposure in exposures(stripped.replace("$$", "$ ")):
            yield _violation(exposure, _span(source, number, offset + exposure.start + 1, exposure))


def _span(source: SourceFile, line: int, col: int, exposure: Exposure) -> Located:
    return FixedSpan(Span(source.path, line, col, line, col + max(1, exposure.end - exposure.start)))


def _violation(exposure: Exposure, at: Located) -> Violation:
    return Violation(
        f"CI passes a credential on the command line ({exposure.what}); {_FIX}",
        at=at,
        evidence=exposure.what,
        covers=(at,),
    )
