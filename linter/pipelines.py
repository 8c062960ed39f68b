"""CI pipelines read structurally: GitHub Actions workflows (`.github/workflows/*.y*ml`) and GitLab CI
(`.gitlab-ci.yml` plus its local `include:` files), as jobs of located steps. A step is an action
(`uses:` with `with:`) or a script (`run:`, one GitLab `script` line); scripts are parsed into shell
commands with positions in the file."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.location import Span
from linter.shell import Command, parse
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

GITLAB_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "include",
        "default",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "pages",
    }
)


@dataclass(slots=True)
class Step:
    node: YNode  # the step mapping (GitHub) or the script line (GitLab)
    uses: YScalar | None = None
    with_: YMap | None = None
    run: YScalar | None = None
    continue_on_error: YNode | None = None
    _commands: list[Command] | None = None

    @property
    def action(self) -> str:
        """`owner/repo[/path]` of a `uses:` (the ref removed), lowercase."""
        return self.uses.text.split("@", 1)[0].lower() if self.uses is not None else ""

    def input(self, name: str) -> YScalar | None:
        node = self.with_.get(name) if self.with_ is not None else None
        return node if isinstance(node, YScalar) else None

    def commands(self) -> list[Command]:
        if self._commands is None:
            self._commands = (
                parse(str(self.run.value)) if self.run is not None and isinstance(self.run.value, str) else []
            )
        return self._commands

    def command_span(self, command: Command) -> Span:
        """Where a command of this step's script is written (exact line for block scalars)."""
        assert self.run is not None
        text = str(self.run.value)
        line = text.count("\n", 0, command.start)
        span = self.run.span()
        if line and not self.run.plain:
            return Span(span.path, self.run.line + line + 1, 1, self.run.line + line + 1, 2)
        return span


def script_span(run: YScalar, start: int, end: int, lines: list[str]) -> Span:
    """Where offsets ``start``-``end`` of a script scalar are in its file, given the file's lines:
    exact for plain one-line scalars and literal (`|`) blocks; for other styles the first line of
    the scalar that holds the same text, else the scalar itself."""
    text = str(run.value)
    word = text[start:end]
    if run.plain and "\n" not in text:
        return Span(run.src, run.line, run.col + start, run.line, run.col + end)
    header = lines[run.line - 1][run.col - 1 :] if 0 < run.line <= len(lines) else ""
    if header.startswith("|"):
        line = run.line + 1 + text.count("\n", 0, start)
        written = lines[line - 1] if line <= len(lines) else ""
        col = len(written) - len(written.lstrip()) + start - (text.rfind("\n", 0, start) + 1) + 1
        return Span(run.src, line, col, line, col + len(word))
    for line in range(run.line, min(run.end_line, len(lines)) + 1):
        col = lines[line - 1].find(word) if word else -1
        if col >= 0 and (line > run.line or col >= run.col - 1):
            return Span(run.src, line, col + 1, line, col + 1 + len(word))
    return run.span()


@dataclass(slots=True)
class Job:
    name: str
    node: YMap
    platform: str  # github | gitlab
    steps: list[Step] = field(default_factory=list)
    continue_on_error: YNode | None = None  # continue-on-error (GitHub) / allow_failure (GitLab)


@dataclass(slots=True)
class Pipeline:
    path: str
    platform: str
    root: YMap
    jobs: list[Job] = field(default_factory=list)
    pull_request: bool = False  # runs on pull/merge requests
    templates: list[YScalar] = field(default_factory=list)  # GitLab `include: template:` entries

    def steps(self) -> Iterator[tuple[Job, Step]]:
        for job in self.jobs:
            for step in job.steps:
                yield job, step


def is_workflow(path: str) -> bool:
    return path.startswith(".github/workflows/") and path.endswith((".yml", ".yaml"))


def pipelines(files: list[SourceFile]) -> list[Pipeline]:
    by_path = {f.path: f for f in files}
    found: list[Pipeline] = []
    for source in files:
        root = _root(source)
        if root is None:
            continue
        if is_workflow(source.path):
            found.append(_github(source.path, root))
        elif source.path == ".gitlab-ci.yml":
            found.append(_gitlab(source.path, root, by_path))
    return found


def _root(source: SourceFile) -> YMap | None:
    if source.fatal or not source.docs:
        return None
    root = source.docs[0].root
    return root if isinstance(root, YMap) else None


def _github(path: str, root: YMap) -> Pipeline:
    pipeline = Pipeline(path, "github", root)
    triggers = root.get("on") or root.get("true")  # YAML 1.1 reads a bare `on` key as true
    if isinstance(triggers, YScalar):
        pipeline.pull_request = str(triggers.value).startswith("pull_request")
    elif isinstance(triggers, YSeq):
        pipeline.pull_request = any(
            isinstance(i, YScalar) and str(i.value).startswith("pull_request") for i in triggers.items
        )
    elif isinstance(triggers, YMap):
        pipeline.pull_request = any(key.startswith("pull_request") for key in triggers.items)
    jobs = root.map("jobs")
    for name, node in jobs.items.items() if jobs is not None else ():
        if not isinstance(node, YMap):
            continue
        job = Job(name, node, "github", continue_on_error=node.get("continue-on-error"))
        uses = node.scalar("uses")  # a reusable workflow is one step of its own
        if uses is not None:
            job.steps.append(Step(node, uses=uses, with_=node.map("with")))
        steps = node.seq("steps")
        for step in steps.maps() if steps is not None else ():
            job.steps.append(
                Step(
                    step,
                    uses=step.scalar("uses"),
                    with_=step.map("with"),
                    run=step.scalar("run"),
                    continue_on_error=step.get("continue-on-error"),
                )
            )
        pipeline.jobs.append(job)
    return pipeline


def _gitlab(path: str, root: YMap, files: dict[str, SourceFile]) -> Pipeline:
    pipeline = Pipeline(path, "gitlab", root)
    roots = [root, *_gitlab_includes(root, files, pipeline)]
    for document in roots:
        for name, node in document.items.items():
            if name in GITLAB_RESERVED or not isinstance(node, YMap) or name.startswith("."):
                continue
            job = Job(name, node, "gitlab", continue_on_error=node.get("allow_failure"))
            for key in ("before_script", "script", "after_script"):
                lines = node.get(key)
                items = lines.items if isinstance(lines, YSeq) else [lines] if lines is not None else []
                for line in items:
                    if isinstance(line, YScalar) and isinstance(line.value, str):
                        job.steps.append(Step(line, run=line))
            rules = node.seq("rules")
            if rules is not None and "merge_request" in str(rules.to_python()):
                pipeline.pull_request = True
            pipeline.jobs.append(job)
    workflow = root.map("workflow")
    if workflow is not None and "merge_request" in str(workflow.to_python()):
        pipeline.pull_request = True
    return pipeline


def _gitlab_includes(root: YMap, files: dict[str, SourceFile], pipeline: Pipeline) -> list[YMap]:
    include = root.get("include")
    entries = include.items if isinstance(include, YSeq) else [include] if include is not None else []
    found: list[YMap] = []
    for entry in entries:
        local = entry if isinstance(entry, YScalar) else entry.get("local") if isinstance(entry, YMap) else None
        if isinstance(entry, YMap) and isinstance(entry.get("template"), YScalar):
            template = entry.get("template")
            assert isinstance(template, YScalar)
            pipeline.templates.append(template)
        if isinstance(local, YScalar) and isinstance(local.value, str) and "://" not in local.value:
            included = files.get(posixpath.normpath(local.value.lstrip("/")))
            document = _root(included) if included is not None else None
            if document is not None:
                found.append(document)
    return found
