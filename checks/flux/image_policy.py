"""FLUX018 image-policy-tag-only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.location import FixedSpan, Span
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile

_MARKER = re.compile(r"#\s*(\{\s*\"\$imagepolicy\"\s*:\s*\"[^\"]+\"\s*\})")


@Rule(
    id="FLUX018",
    slug="image-policy-tag-only",
    title="Image automation writes tags rather than digests.",
    severity=Severity.LOW,
    nist=("4.2.2",),
    target=Target.REPO,
    summary="""
        Reports ImagePolicies whose `spec.digestReflectionPolicy` is absent or `Never`, and image setter
        markers `# {"$imagepolicy": "<ns>:<name>:tag"}` with no `:digest` marker in the same mapping.
        """,
    rationale="""
        A tag written into the manifests can be re-pushed in the registry; the digest is the only
        reference to exactly what automation selected and what was scanned.
        """,
    fix="Set `digestReflectionPolicy: Always` and use `:digest` (or full-reference) setters.",
    bad="""
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImagePolicy
        metadata: {name: web, namespace: flux-system}
        spec:
          imageRepositoryRef: {name: web}
          policy: {semver: {range: 1.x}}
        """,
    good="""
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImagePolicy
        metadata: {name: web, namespace: flux-system}
        spec:
          imageRepositoryRef: {name: web}
          policy: {semver: {range: 1.x}}
          digestReflectionPolicy: Always
        """,
)
def image_policy_tag_only(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for policy in ctx.gitops.flux_objects("ImagePolicy"):
        spec = spec_of(policy)
        reflection = spec.scalar("digestReflectionPolicy")
        if is_flux(policy) and (reflection is None or reflection.value == "Never"):
            yield Violation(
                f"{policy.describe()} reflects tags only; set digestReflectionPolicy: Always",
                at=reflection or spec,
                subject=policy,
            )
    for source in repo.files:
        if source.kind.is_yaml and source.text and "$imagepolicy" in source.text:
            yield from _markers(source)


def _markers(source: SourceFile) -> Iterator[Violation]:
    lines = source.lines
    markers: list[tuple[int, int, str, int]] = []  # (line, col, kind, indentation)
    for number, line in enumerate(lines, start=1):
        match = _MARKER.search(line)
        if match is None:
            continue
        try:
            value = str(json.loads(match.group(1))["$imagepolicy"])
        except (ValueError, KeyError):
            continue
        kind = value.rsplit(":", 1)[1] if value.count(":") >= 2 else "image"
        markers.append((number, match.start() + 1, kind, len(line) - len(line.lstrip())))
    for number, col, kind, indent in markers:
        if kind != "tag":
            continue
        siblings = [m for m in markers if m[3] == indent and abs(m[0] - number) <= 5 and m[2] == "digest"]
        if not siblings:
            yield Violation(
                "image setter writes the tag only; add a companion :digest setter",
                at=FixedSpan(Span(source.path, number, col, number, len(lines[number - 1]) + 1)),
                evidence=f"marker:{lines[number - 1].strip()}",
            )
