"""SEC009 helm-values-literal-secret."""

from __future__ import annotations

from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds
from checks.secrets._helm_values import values_sources
from checks.secrets._values import is_literal, is_secret_key, scalar_text
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

_FIX = "use the chart's existingSecret-style option fed by an encrypted Secret or ExternalSecret"


@Rule(
    id="SEC009",
    slug="helm-values-literal-secret",
    title="Helm values supply a literal secret.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.REPO,
    summary="""
        Reads Helm values wherever a repository gives them: chart `values*.yaml`, files named by Argo
        CD `helm.valueFiles`, Flux `chart.spec.valuesFiles` and kustomize `helmCharts[].valuesFile`,
        Argo CD `helm.values`/`valuesObject`/`parameters`, Flux HelmRelease `spec.values` and
        kustomize `helmCharts[].valuesInline`. Reports a value whose key (its last dotted segment)
        is secret-like and which is a literal, an env-style `{name, value}` pair with a secret-like
        name and a literal value, a `helm.parameters[]` entry likewise, and any value matching a
        token pattern (SEC017-SEC023). SOPS-encrypted values files (helm-secrets) are exempt.
        """,
    rationale="""
        Values are rendered into manifests (often into ConfigMaps and env vars, not only Secrets) and
        stay in git and in the release history stored in the cluster.
        """,
    fix=(
        "Use the chart's existingSecret-style option fed by an encrypted Secret/ExternalSecret, or "
        "HelmRelease valuesFrom a SOPS Secret."
    ),
    bad="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: grafana
        spec:
          chart:
            spec: {chart: grafana, sourceRef: {kind: HelmRepository, name: grafana}}
          values:
            adminUser: admin
            adminPassword: Graf4na-Adm1n
        """,
    good="""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: grafana
        spec:
          chart:
            spec: {chart: grafana, sourceRef: {kind: HelmRepository, name: grafana}}
          values:
            admin:
              existingSecret: grafana-admin
              userKey: admin-user
              passwordKey: admin-password
        """,
    notes="""
        `fileParameters` are not judged (they name files). Env-style pairs (`extraEnv: [{name:
        DB_PASSWORD, value: ...}]`) are judged like container env vars, which the catalogue's
        mapping-key condition alone would miss. Values files that another values file or an Argo CD
        Application names are read once.
        """,
)
def helm_values_literal_secret(repo: Repository, ctx: Context) -> Iterator[Violation]:
    trees, parameters = values_sources(repo)
    reported: set[tuple[str, int, int]] = set()

    def report(node: YScalar, message: str, evidence: str) -> Iterator[Violation]:
        place = (node.src, node.line, node.col)
        if place in reported or is_allowlisted(node.src, ctx):
            return
        reported.add(place)
        yield Violation(message, at=node, evidence=evidence, covers=(node,))

    for tree in trees:
        for path, key, node, pair in _scalars(tree.root, ""):
            text = scalar_text(node)
            if text is None:
                continue
            detected = detected_kinds([(path, text)])
            name = pair if pair is not None else key
            secret = name is not None and is_secret_key(name) and is_literal(node, key=name)
            if detected or secret:
                yield from report(
                    node,
                    f"{tree.label}: {path} is a literal secret{detected}; {_FIX}",
                    f"{tree.label}:{path}",
                )
    for parameter in parameters:
        name, value = parameter.entry.text("name"), parameter.entry.scalar("value")
        text = scalar_text(value)
        if name is None or value is None or text is None:
            continue
        segment = name.rpartition(".")[2]
        detected = detected_kinds([(name, text)])
        if detected or (is_secret_key(segment) and is_literal(value, key=segment)):
            yield from report(
                value,
                f"{parameter.label}: helm parameter {name} is a literal secret{detected}; {_FIX}",
                f"{parameter.label}:parameter:{name}",
            )


def _scalars(node: YNode, path: str) -> Iterator[tuple[str, str | None, YScalar, str | None]]:
    """(path, last key segment, scalar, env-style name) for every scalar below ``node``."""
    if isinstance(node, YMap):
        pair_name = node.text("name") if "value" in node and "valueFrom" not in node else None
        for name, child in node.items.items():
            child_path = f"{path}.{name}" if path else name
            if isinstance(child, YScalar):
                pair = pair_name if name == "value" and pair_name else None
                yield child_path, name.rpartition(".")[2], child, pair
            else:
                yield from _scalars(child, child_path)
    elif isinstance(node, YSeq):
        for index, child in enumerate(node.items):
            if isinstance(child, YScalar):
                yield f"{path}[{index}]", None, child, None
            else:
                yield from _scalars(child, f"{path}[{index}]")
