"""What a rule is: its metadata, the kind of subject it inspects, and what it reports.

A rule module defines one check function and decorates it with its metadata::

    @Rule(id="CTR001", slug="privileged-container", ...)
    def privileged_container(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
        ...

The decorator returns the ``Rule`` itself (with ``check`` filled in); nothing is registered as a
side effect. Families list their rules explicitly in ``checks/<family>/__init__.py``.

Checks are pure: they read the parsed subject and the context, do no I/O, and yield
``Violation``s that point at a node. Messages never contain line numbers (the fingerprint that
baselines depend on is derived from them), and say what is wrong and how to fix it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from linter.severity import Severity

if TYPE_CHECKING:
    from linter.context import Context
    from linter.location import Located


class Target(StrEnum):
    """The subject the engine hands to a rule's check function."""

    FILE = "file"  # linter.sourcefile.SourceFile: every file that was read
    DOCKERFILE = "dockerfile"  # linter.dockerfile.Dockerfile
    OBJECT = "k8s-object"  # linter.k8s.Resource (optionally only some kinds)
    POD_SPEC = "pod-spec"  # linter.k8s.PodSpec: each pod template of a workload
    REPO = "repo"  # linter.repository.Repository: the whole scanned set, once
    # linter.suppress.Directive: each suppression comment or annotation, once the findings have been
    # matched against it (rules about the suppressions themselves: reason, expiry, use).
    SUPPRESSION = "suppression"
    # Git history: only `check` has one. The subjects are linter.history.commits objects.
    COMMIT = "commit"  # Commit: each commit of the checked range, oldest first (merges included)
    RANGE = "commit-range"  # CommitRange: the whole range once (its net diff, base and head)

    @property
    def needs_history(self) -> bool:
        """Subjects that exist only when a commit range is checked (`audit` cannot run these)."""
        return self in (Target.COMMIT, Target.RANGE)


@dataclass(slots=True)
class Violation:
    """One thing a rule found. ``at`` says where; the engine adds everything else."""

    message: str
    at: Located | None = None
    severity: Severity | None = None  # only for the sub-cases a condition names
    evidence: str | None = None  # what makes the finding unique in its subject; default: message
    subject: Any = None  # for REPO rules: the Resource the finding is about (its identity)
    about: str | None = None  # what a superseding rule must also be about; default: the location
    # Regions this finding reports as a whole (e.g. each secret value it names): findings of rules
    # superseded by this one that lie inside such a region are folded into it, whatever their subject.
    covers: tuple[Located, ...] = ()


CheckFn = Callable[[Any, "Context"], Iterable[Violation]]

_ID = re.compile(r"^[A-Z]+[0-9]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NIST = re.compile(r"^4\.[1-6](\.[1-5])?$")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    slug: str
    title: str
    severity: Severity
    nist: tuple[str, ...]
    target: Target
    summary: str  # what it does
    rationale: str  # why is this bad
    fix: str
    bad: str
    good: str
    default: bool = True
    kinds: frozenset[str] | None = None  # OBJECT rules: only these kinds (None: all)
    notes: str = ""  # decisions, differences from other tools
    refs: tuple[str, ...] = ()
    # "Not reported when RULE fires": a finding of this rule is dropped when one of these rules
    # reports the same thing (same subject and `about`, by default the same location).
    superseded_by: tuple[str, ...] = ()
    example_lang: str = "yaml"
    # Where the examples live when they are run as tests (tests/test_rule_examples.py), e.g.
    # "kustomization.yaml" or ".github/workflows/build.yml"; default: a Dockerfile or a manifest.
    example_path: str = ""
    # Configuration the examples assume (key, value) pairs, e.g. (("trusted_registries", ["ghcr.io/acme"]),).
    example_config: tuple[tuple[str, Any], ...] = ()
    check: CheckFn | None = None

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"bad rule id {self.id!r}")
        if not _SLUG.match(self.slug):
            raise ValueError(f"bad rule slug {self.slug!r}")
        if any(not _NIST.match(section) for section in self.nist):
            raise ValueError(f"{self.id}: bad SP 800-190 section in {self.nist}")

    def __call__(self, check: CheckFn) -> Rule:
        """Decorator form: attach the check function to this metadata."""
        return dataclasses.replace(self, check=check)

    @property
    def family(self) -> str:
        return self.id.rstrip("0123456789")

    def run(self, subject: Any, ctx: Context) -> Iterable[Violation]:
        if self.check is None:
            raise RuntimeError(f"rule {self.id} has no check function")
        return self.check(subject, ctx)
