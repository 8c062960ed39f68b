"""CI003 image-published-without-signature-or-sbom."""

from __future__ import annotations

from collections.abc import Iterator

from checks.ci._steps import ordered_steps, pushes
from linter.context import Context
from linter.pipelines import Step, pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_SBOM_ACTIONS = ("anchore/sbom-action", "actions/attest-build-provenance", "actions/attest-sbom")


def _signs(step: Step) -> bool:
    if step.action.startswith("sigstore/cosign-installer"):
        return False  # installs cosign; the signing is a `cosign sign` command
    return any(
        (c.name == "cosign" and c.args[:1] == ["sign"]) or (c.name == "notation" and c.args[:1] == ["sign"])
        for c in step.commands()
    )


def _attests(step: Step) -> bool:
    if step.action in _SBOM_ACTIONS:
        return True
    if step.action == "docker/build-push-action":
        sbom, provenance = step.input("sbom"), step.input("provenance")
        return (sbom is not None and str(sbom.value).lower() == "true") or (
            provenance is not None and "max" in str(provenance.value)
        )
    for c in step.commands():
        if c.name == "syft" or (c.name == "cosign" and c.args[:1] == ["attest"]):
            return True
        if c.name == "docker" and c.args[:1] == ["buildx"] and (c.has("--sbom") or c.has("--provenance")):
            return True
    return False


@Rule(
    id="CI003",
    slug="image-published-without-signature-or-sbom",
    title="A pipeline publishes an image without signing it or attaching an SBOM/provenance.",
    severity=Severity.MEDIUM,
    nist=("4.1.5", "4.2.3", "4.1.1"),
    target=Target.REPO,
    default=False,
    summary="""
        Reports pipelines that push an image with no signing step after the push (`cosign sign`,
        `notation sign`), or (as low, when that is the only gap) no SBOM/provenance step (syft,
        anchore/sbom-action, build-push-action `sbom`/`provenance: mode=max`, buildx `--sbom`/
        `--provenance`, `cosign attest`, attest actions). Off by default.
        """,
    rationale="""
        Signatures let clusters (admission policies, Flux `verify`) accept only images this pipeline
        built; SBOMs and provenance tell you what is inside and how it was made when the next CVE lands.
        """,
    fix="Sign pushed digests (cosign/notation) after the scan and attach SBOM and provenance attestations.",
    bad="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: docker buildx build --push -t ghcr.io/acme/web:1.0.0 .
        """,
    good="""
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: docker buildx build --push --sbom=true --provenance=mode=max -t ghcr.io/acme/web:1.0.0 .
              - run: cosign sign --yes ghcr.io/acme/web@${DIGEST}
        """,
    example_path=".github/workflows/image.yml",
    refs=("CIS Docker 4.5", "CIS Docker 4.12"),
)
def image_published_without_signature_or_sbom(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        steps = list(ordered_steps(pipeline))
        push = next(((j, s, step) for j, s, step in steps if pushes(step)), None)
        if push is None:
            continue
        signed = any(_signs(step) and (j, s) > push[:2] for j, s, step in steps)
        attested = any(_attests(step) for _, _, step in steps)
        if not signed:
            extra = " or attaching an SBOM" if not attested else ""
            yield Violation(
                f"{pipeline.path} pushes an image without signing it{extra}",
                at=push[2].node,
                evidence=f"{pipeline.path}:unsigned",
            )
        elif not attested:
            yield Violation(
                f"{pipeline.path} pushes an image without an SBOM or provenance attestation",
                at=push[2].node,
                severity=Severity.LOW,
                evidence=f"{pipeline.path}:no-sbom",
            )
