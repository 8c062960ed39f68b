"""REG010 argocd-image-override-unpinned."""

from __future__ import annotations

from collections.abc import Iterator

from checks.registry._overrides import argo_images
from linter.context import Context
from linter.gitops.model import ArgoApp
from linter.imageref import is_templated
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar, YSeq

_TAG_KEYS = ("tag", "imagetag")


@Rule(
    id="REG010",
    slug="argocd-image-override-unpinned",
    title="An Argo CD Application overrides an image tag without a digest.",
    severity=Severity.LOW,
    nist=("4.2.2", "4.1.5"),
    target=Target.OBJECT,
    kinds=frozenset({"Application", "ApplicationSet"}),
    summary="""
        In production Applications (and ApplicationSet templates), reports `kustomize.images`
        overrides without `@sha256:` and a 64-hex digest, and `helm.parameters` entries whose name
        ends in `tag` or `imageTag` (e.g. `image.tag`) with a value that has no `sha256:`, unless a
        sibling parameter with the same prefix sets `digest`. Every `source` and `sources[]` entry
        is read; templated values are skipped.
        """,
    rationale="""
        An override in the Application changes what runs without changing the reviewed manifests
        or chart values. A tag there can be moved in the registry, so production can change with
        no commit at all.
        """,
    fix="Override with a digest (`app=registry/app@sha256:...`) or set the chart's digest value.",
    bad="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: shop-production
          namespace: argocd
        spec:
          source:
            repoURL: https://github.com/acme/deploy
            path: shop
            kustomize:
              images:
                - ghcr.io/acme/shop:2.4.1
        """,
    good="""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: shop-production
          namespace: argocd
        spec:
          source:
            repoURL: https://github.com/acme/deploy
            path: shop
            kustomize:
              images:
                - ghcr.io/acme/shop:2.4.1@sha256:4f3c2b1a09d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2
        """,
    notes="""
        Production is judged as for the other Argo CD rules: the Application's file, name or
        namespace, or its destination name, server or namespace, matching `prod_patterns`. A tag
        parameter with an empty value (the chart's default) is not an override and is skipped.
        """,
)
def argocd_image_override_unpinned(resource: Resource, ctx: Context) -> Iterator[Violation]:
    for override in argo_images(ctx):
        if override.app.resource is not resource or not ctx.gitops.app_is_prod(override.app):
            continue
        if override.pinned or is_templated(override.text):
            continue
        yield Violation(
            f"{override.app.describe()} overrides the image {override.text!r} without a digest; "
            "override with repo:tag@sha256:<digest>",
            at=override.node,
        )
    for app in ctx.gitops.argo_apps:
        if app.resource is resource and ctx.gitops.app_is_prod(app):
            yield from _helm_parameters(app)


def _helm_parameters(app: ArgoApp) -> Iterator[Violation]:
    for source in app.sources:
        parameters = source.at("helm.parameters")
        entries = list(parameters.maps()) if isinstance(parameters, YSeq) else []
        by_name = {entry.text("name"): entry for entry in entries if entry.text("name")}
        for name, entry in by_name.items():
            assert name is not None
            prefix, _, last = name.rpartition(".")
            value = entry.get("value")
            if last.lower() not in _TAG_KEYS or not isinstance(value, YScalar) or value.value in (None, ""):
                continue
            if "sha256:" in value.text or is_templated(value.text) or _has_digest(by_name, prefix):
                continue
            yield Violation(
                f"{app.describe()} sets Helm parameter {name!r} to the tag {value.text!r} without a digest; "
                f"set {(prefix + '.') if prefix else ''}digest (or a tag@sha256:<digest>)",
                at=value,
            )


def _has_digest(by_name: dict[str | None, YMap], prefix: str) -> bool:
    for name, entry in by_name.items():
        if name is None:
            continue
        other_prefix, _, last = name.rpartition(".")
        if other_prefix == prefix and last.lower() == "digest" and entry.text("value"):
            return True
    return False
