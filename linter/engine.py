"""Run the enabled rules over a repository model and turn their violations into findings.

Rules are grouped by target once, so each file, object and pod template is visited once and
handed to exactly the rules that want it (object rules are also indexed by kind). The engine
knows nothing about any particular rule.
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from linter.config import Config
from linter.context import Context, NeedsRepository
from linter.dockerfile import Dockerfile
from linter.finding import Finding, fingerprint, relocatable_fingerprint
from linter.k8s import PodSpec, Resource
from linter.location import Located, Span
from linter.overrides import apply_overrides
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.selection import severity_by_rule
from linter.sourcefile import SourceFile
from linter.suppress import Directive, apply_suppressions, collect_directives
from linter.yamlnodes import YScalar

Maker = Callable[[Rule, Violation], Finding | None]


class HistorySubject(Protocol):
    """A subject of the history targets (a commit, a commit range): what the engine needs of it."""

    @property
    def identity(self) -> str: ...  # what fingerprints hash, e.g. "commit:<sha>"

    def anchor(self) -> Located: ...  # where a finding without a location points

    def finding_extra(self) -> dict[str, Any]: ...  # keys added to each finding, e.g. the commit


class History(HistorySubject, Protocol):
    """A checked commit range: the RANGE subject, holding the COMMIT subjects (oldest first)."""

    @property
    def commits(self) -> Sequence[HistorySubject]: ...


@dataclass(slots=True)
class RuleError:
    """A rule crashed on a subject. The scan goes on; the CLI reports it and exits 2."""

    rule_id: str
    subject: str
    message: str
    trace: str


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    # Rules that did not judge everything they were given (a file-local scan): the compliance
    # summary must not count them as coverage.
    incomplete: set[str] = field(default_factory=set)
    notes: dict[str, int] = field(default_factory=dict)  # what was not checked, counted (Context.notes)
    suppressed: list[Finding] = field(default_factory=list)  # each with its `suppressed_by`
    directives: list[Directive] = field(default_factory=list)  # every suppression, as applied


def lint(
    repo: Repository,
    rules: Sequence[Rule],
    config: Config,
    *,
    registry: Sequence[Rule] | None = None,
    today: date | None = None,
    history: History | None = None,
    identity_paths: Mapping[str, str] | None = None,
    file_local: bool = False,
    selection: bool = False,
) -> Result:
    """Run ``rules`` over ``repo``. ``registry`` (default: every known rule) resolves the rule
    names that suppressions and per-path settings use; ``today`` decides which suppressions expired.
    Rules of the history targets run only when ``history`` is given. ``identity_paths`` maps file
    paths to the paths fingerprints use (files renamed since, so that two trees compare).
    ``file_local``: judge each file on its own, as a per-file hook needs: repository-wide rules do
    not run, and a check that consults the rest of the repository (through its context) reports
    nothing on that subject. ``selection``: ``repo`` holds only some files of a repository (paths
    given on the command line), so repository-wide rules, which would take what is outside the
    selection as missing, do not run either."""
    ident = (lambda path: identity_paths.get(path, path)) if identity_paths else (lambda path: path)
    ctx = Context(config, repo, frozenset(rule.id for rule in rules), file_local=file_local)
    result = Result()
    by_target: dict[Target, list[Rule]] = defaultdict(list)
    for rule in rules:
        if (file_local or selection) and rule.target == Target.REPO:
            result.incomplete.add(rule.id)
        else:
            by_target[rule.target].append(rule)
    overrides = severity_by_rule(config.severity, rules)

    def emit(rule: Rule, subject: Any, label: str, make: Maker) -> None:
        found: list[Finding] = []
        try:
            for violation in rule.run(subject, ctx):
                finding = make(rule, violation)
                if finding is None:
                    continue
                severity = overrides.get(rule.id)
                if severity is not None:
                    finding.severity = severity
                found.append(finding)
        except NeedsRepository:
            result.incomplete.add(rule.id)
            return
        except Exception as exc:  # one broken rule must not hide the others' findings
            result.errors.append(RuleError(rule.id, label, f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        result.findings.extend(found)

    for source in repo.files:
        for rule in by_target[Target.FILE]:
            emit(rule, source, source.path, _file_maker(source, ident(source.path)))
    for source in repo.files:
        dockerfile = source.dockerfile
        if dockerfile is None or source.fatal:
            continue
        for rule in by_target[Target.DOCKERFILE]:
            emit(rule, dockerfile, source.path, _dockerfile_maker(dockerfile, ident(dockerfile.src)))
    object_rules = _by_kind(by_target[Target.OBJECT])
    for resource in repo.resources:
        for rule in object_rules.get(resource.kind, ()) + object_rules.get("*", ()):
            emit(rule, resource, resource.src, _resource_maker(resource))
    for pod in repo.pod_specs:
        for rule in by_target[Target.POD_SPEC]:
            emit(rule, pod, pod.resource.src, _resource_maker(pod.resource))
    for rule in by_target[Target.REPO]:
        emit(rule, repo, "<repository>", _repo_maker(ident))
    # Configuration and inline suppressions first, then precedence: a disabled or suppressed
    # finding must not silence the rule that it would otherwise supersede.
    known = registry if registry is not None else _registry()
    findings = apply_overrides(result.findings, config.overrides, known)
    directives = collect_directives(repo, findings, known) if config.inline_suppressions else []
    outcome = apply_suppressions(findings, directives, ctx.enabled, today or date.today())
    result.suppressed = _merge_render_roots(outcome.suppressed)
    result.directives = outcome.directives
    result.findings = []
    for directive in outcome.directives:
        for rule in by_target[Target.SUPPRESSION]:
            emit(rule, directive, directive.path, _directive_maker(directive, ident))
    about_suppressions = apply_overrides(result.findings, config.overrides, known)
    result.findings = []
    if history is not None:
        # After the suppressions: what history holds cannot be silenced from inside the tree it
        # checks (a comment the pull request adds to a file), only by configuration.
        for commit in history.commits:
            for rule in by_target[Target.COMMIT]:
                emit(rule, commit, commit.identity, _history_maker(commit))
        for rule in by_target[Target.RANGE]:
            emit(rule, history, history.identity, _history_maker(history))
    about_history = result.findings
    result.findings = (
        _merge_render_roots(_apply_precedence(outcome.reported, rules)) + about_suppressions + about_history
    )
    result.findings.sort(key=Finding.sort_key)
    result.suppressed.sort(key=Finding.sort_key)
    result.notes = dict(sorted(ctx.notes.items()))
    return result


def _registry() -> Sequence[Rule]:
    from checks import ALL_RULES  # the registry only: the engine names no rule

    return ALL_RULES


def _merge_render_roots(findings: list[Finding]) -> list[Finding]:
    """One finding per fact: the same finding at the same place, produced by several render roots
    (a base shared by overlays), is reported once with every root listed."""
    merged: dict[tuple[str, str, Span, str], Finding] = {}
    out: list[Finding] = []
    for finding in findings:
        roots = finding.extra.get("roots")
        if not roots:
            out.append(finding)
            continue
        key = (finding.rule_id, finding.fingerprint, finding.span, finding.message)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
            out.append(finding)
        else:
            first.extra["roots"] = sorted(set(first.extra["roots"]) | set(roots))
    return out


def _apply_precedence(findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """Drop findings that a more specific rule reports too ("not reported when RULE fires")."""
    superseded = {rule.id: rule.superseded_by for rule in rules if rule.superseded_by}
    if not superseded:
        return findings
    reported = {(f.rule_id, f.about) for f in findings}
    covered: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for f in findings:
        for region in f.covers:
            covered[(f.rule_id, region.path)].append(region)

    def dropped(f: Finding) -> bool:
        for other in superseded.get(f.rule_id, ()):
            if (other, f.about) in reported or any(_inside(f.span, r) for r in covered.get((other, f.path), ())):
                return True
        return False

    return [f for f in findings if not dropped(f)]


def _inside(span: Span, region: Span) -> bool:
    return (region.line, region.col) <= (span.line, span.col) and (span.end_line, span.end_col) <= (
        region.end_line,
        region.end_col,
    )


def _by_kind(rules: Iterable[Rule]) -> dict[str, tuple[Rule, ...]]:
    table: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for kind in rule.kinds or ("*",):
            table[kind].append(rule)
    return {kind: tuple(found) for kind, found in table.items()}


def _finding(rule: Rule, violation: Violation, span: Span, identity: str, scope: str = "", **extra: Any) -> Finding:
    about = violation.about if violation.about is not None else f"{span.path}:{span.line}:{span.col}"
    evidence = violation.evidence or violation.message
    return Finding(
        rule_id=rule.id,
        slug=rule.slug,
        severity=violation.severity or rule.severity,
        message=violation.message,
        span=span,
        nist=rule.nist,
        fingerprint=fingerprint(rule.id, identity, evidence),
        # Precedence compares findings within one rendering: a base object rendered by two overlays
        # shares its identity, but one overlay's finding must not silence the other's.
        about=f"{identity}\0{scope}\0{about}",
        covers=tuple(region.span() for region in violation.covers),
        relocatable=relocatable_fingerprint(rule.id, identity, evidence, span.path),
        node=violation.at,
        **extra,
    )


def _resource_ref(resource: Resource) -> dict[str, str]:
    ref = {"apiVersion": resource.api_version, "kind": resource.kind}
    if resource.namespace:
        ref["namespace"] = resource.namespace
    if resource.name:
        ref["name"] = resource.name
    return ref


def _resource_maker(resource: Resource) -> Maker:
    identity = "k8s:" + (resource.origin_identity or resource.identity())
    roots = [resource.render_root] if resource.render_root else None

    def make(rule: Rule, violation: Violation) -> Finding | None:
        at = violation.at if violation.at is not None else resource.kind_node()
        if resource.partial is not None:
            if not isinstance(at, YScalar) or id(at) in resource.synthetic_nodes:
                return None  # about something the source does not say: not for a partial object
            violation.evidence = violation.evidence or violation.message
            violation.message = f"{violation.message} ({resource.partial})"
        finding = _finding(
            rule,
            violation,
            at.span(),
            identity,
            scope=resource.render_root or "",
            resource=_resource_ref(resource),
            subject=resource,
        )
        if roots:
            finding.extra["roots"] = list(roots)
        return finding

    return make


def _file_maker(source: SourceFile, identity_path: str) -> Maker:
    def make(rule: Rule, violation: Violation) -> Finding:
        span = violation.at.span() if violation.at is not None else Span.at_line(source.path, 1)
        return _finding(rule, violation, span, "file:" + identity_path)

    return make


def _dockerfile_maker(dockerfile: Dockerfile, identity_path: str) -> Maker:
    def make(rule: Rule, violation: Violation) -> Finding:
        span = violation.at.span() if violation.at is not None else Span.at_line(dockerfile.src, 1)
        stage = dockerfile.stage_at(span.line)
        label = stage.label if stage is not None else None
        return _finding(rule, violation, span, f"dockerfile:{identity_path}:{label or ''}", stage=label)

    return make


def _directive_maker(directive: Directive, ident: Callable[[str], str]) -> Maker:
    def make(rule: Rule, violation: Violation) -> Finding:
        span = violation.at.span() if violation.at is not None else directive.span
        return _finding(rule, violation, span, "file:" + ident(span.path))

    return make


def _repo_maker(ident: Callable[[str], str]) -> Maker:
    def make(rule: Rule, violation: Violation) -> Finding | None:
        subject = violation.subject
        if isinstance(subject, Resource):
            return _resource_maker(subject)(rule, violation)
        if isinstance(subject, PodSpec):
            return _resource_maker(subject.resource)(rule, violation)
        if violation.at is None:
            raise ValueError(f"{rule.id}: a repository-wide violation needs a location or a subject")
        span = violation.at.span()
        return _finding(rule, violation, span, "file:" + ident(span.path))

    return make


def _history_maker(subject: HistorySubject) -> Maker:
    def make(rule: Rule, violation: Violation) -> Finding:
        at = violation.at if violation.at is not None else subject.anchor()
        return _finding(rule, violation, at.span(), subject.identity, extra=subject.finding_extra())

    return make
