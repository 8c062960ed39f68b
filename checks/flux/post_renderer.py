"""FLUX012 post-renderer-alters-security-fields."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.flux._flux import is_flux, spec_of
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YSeq, walk

_SECURITY_FIELDS = frozenset(
    {
        "securityContext",
        "privileged",
        "allowPrivilegeEscalation",
        "capabilities",
        "runAsUser",
        "runAsNonRoot",
        "hostNetwork",
        "hostPID",
        "hostIPC",
        "hostPath",
        "image",
    }
)
_JSON_PATH = re.compile(r"(?:^|/)(" + "|".join(sorted(_SECURITY_FIELDS)) + r")(?:/|$)")


def _touches(patch: YNode) -> str | None:
    """The security field a post-renderer patch sets or removes, if any."""
    for node in walk(patch):
        if isinstance(node, YMap):
            for key in node.items:
                if key in _SECURITY_FIELDS:
                    return key
                if key in ("patch", "path") and isinstance(node.items[key].to_python(), str):
                    text = str(node.items[key].to_python())
                    found = _JSON_PATH.search(text) or re.search(r"\b(" + "|".join(_SECURITY_FIELDS) + r")\s*:", text)
                    if found:
                        return found.group(1)
    return None


@Rule(
    id="FLUX012",
    slug="post-renderer-alters-security-fields",
    title="A HelmRelease post-renderer changes security-relevant fields hidden from chart review.",
    severity=Severity.MEDIUM,
    nist=("4.4.3",),
    target=Target.OBJECT,
    kinds=frozenset({"HelmRelease"}),
    summary="""
        Reports HelmRelease `postRenderers[].kustomize` patches (and legacy `patchesStrategicMerge` /
        `patchesJson6902`) that set or remove `securityContext`, `privileged`,
        `allowPrivilegeEscalation`, `capabilities`, `runAsUser`, `runAsNonRoot`, `hostNetwork`,
        `hostPID`, `hostIPC`, `hostPath` or `image`, and post-renderer `images[]` entries. The rendered
        result is still judged by the workload rules when the chart is rendered.
        """,
    rationale="""
        Reviewers read the chart's values; a post-renderer changes the output after them, so a
        privileged container or swapped image slips past the review that the values received.
        """,
    fix="Set these fields through reviewed chart values, or document the patch with a suppression.",
    bad="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: agent, namespace: monitoring}
        spec:
          chart:
            spec: {chart: agent, version: 1.2.3, sourceRef: {kind: HelmRepository, name: vendor}}
          postRenderers:
            - kustomize:
                patches:
                  - target: {kind: DaemonSet}
                    patch: |
                      - op: add
                        path: /spec/template/spec/containers/0/securityContext/privileged
                        value: true
        """,
    good="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: agent, namespace: monitoring}
        spec:
          chart:
            spec: {chart: agent, version: 1.2.3, sourceRef: {kind: HelmRepository, name: vendor}}
          postRenderers:
            - kustomize:
                patches:
                  - target: {kind: DaemonSet}
                    patch: |
                      - op: add
                        path: /metadata/labels/team
                        value: observability
        """,
)
def post_renderer_alters_security_fields(resource: Resource, ctx: Context) -> Iterator[Violation]:
    renderers = spec_of(resource).seq("postRenderers")
    if not is_flux(resource) or renderers is None:
        return
    for renderer in renderers.maps():
        kustomize = renderer.map("kustomize")
        if kustomize is None:
            continue
        for key in ("patches", "patchesStrategicMerge", "patchesJson6902"):
            entries = kustomize.get(key)
            for entry in entries.items if isinstance(entries, YSeq) else ():
                field = _touches(entry)
                if field is not None:
                    yield Violation(
                        f"{resource.describe()} post-renderer patch changes {field} after chart review; set it "
                        "through values",
                        at=entry,
                        evidence=f"{key}:{field}",
                    )
        images = kustomize.seq("images")
        for entry in images.items if images is not None else ():
            yield Violation(
                f"{resource.describe()} post-renderer replaces images after chart review", at=entry, evidence="images"
            )
