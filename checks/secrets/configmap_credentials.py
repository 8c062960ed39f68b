"""SEC008 configmap-credentials."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds, with_articles
from checks.secrets._positions import in_scalar
from checks.secrets._values import decode_base64, is_literal, is_literal_text, is_secret_key, scalar_text
from checks.secrets.detectors import scan_text
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YScalar

_FIX = "move the value into a Secret (encrypted in git) and reference it"
# One `key=value` (dotenv, properties, INI), `key: value` (YAML) or `"key": "value"` (JSON) line.
_LINE = re.compile(
    r"""^\s*(?:export\s+)?(?P<q>["']?)(?P<key>[A-Za-z_][\w.-]*)(?P=q)\s*(?:=|:(?!//))\s*(?P<value>.*?)\s*,?\s*$"""
)


@Rule(
    id="SEC008",
    slug="configmap-credentials",
    title="A ConfigMap contains credentials.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.OBJECT,
    kinds=frozenset({"ConfigMap"}),
    summary="""
        Reports, in v1 ConfigMaps (kustomize `configMapGenerator` output included), a `data` key that
        is secret-like with a literal value; a line inside a `data` value (dotenv, properties or INI
        `key=value`, YAML `key: value`, JSON `"key": "value"`) whose key is secret-like and whose
        value is a literal; and any `data` value or base64-decoded `binaryData` value that matches a
        token pattern (SEC017-SEC023). One finding per key or embedded line.
        """,
    rationale="""
        ConfigMaps are not secrets: they are readable by far more roles, shown in clear by every
        tool, never encrypted at rest, and often copied into logs and support bundles.
        """,
    fix="Move the value into a Secret (encrypted in git) and reference it.",
    bad="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: orders
        data:
          application.properties: |
            spring.datasource.url=jdbc:postgresql://db:5432/orders
            spring.datasource.password=Orders-2024!
        """,
    good="""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: orders
        data:
          application.properties: |
            spring.datasource.url=jdbc:postgresql://db:5432/orders
            spring.datasource.password=${DB_PASSWORD}
        """,
    notes="""
        A value rendered from Helm values (a chart rendered by gitops-lint) is reported once, at the
        values line, by SEC009.
        Requiring a literal value and the SECRET_KEY exclusions (`passwordFile`, `tokenUrl`,
        `secretName`...) avoids the key-name-only false positives reported against Trivy KSV109.
        An embedded line is located exactly when the value is a literal block (`|`), else at its
        data key.
        """,
    superseded_by=("SEC009",),
    refs=("KSV109", "KSV-01010", "Polaris sensitiveConfigmapContent", "Kubescape C-0012", "CKV_SECRET_*"),
)
def configmap_credentials(resource: Resource, ctx: Context) -> Iterator[Violation]:
    if resource.api_version != "v1" or is_allowlisted(resource.src, ctx):
        return
    data = resource.root.map("data")
    source = ctx.repo.file(resource.src)
    for key, node in data.items.items() if data is not None else ():
        text = scalar_text(node)
        if text is None or not isinstance(node, YScalar):
            continue
        if is_secret_key(key) and is_literal(node, key=key):
            yield Violation(
                f"{resource.describe()} data.{key} holds a credential{detected_kinds([(key, text)])}; {_FIX}",
                at=node,
                evidence=f"data.{key}",
                covers=(node,),
            )
            continue
        lines: list[tuple[int, int]] = []
        for start, end, name in _embedded_secrets(text):
            lines.append((start, end))
            at = in_scalar(node, source, start, end)
            yield Violation(
                f"{resource.describe()} data.{key} sets {name} to a literal secret; {_FIX}",
                at=at,
                evidence=f"data.{key}:{name}",
                covers=(at,),
            )
        kinds = sorted({hit.kind for hit in scan_text(text) if not any(s <= hit.start < e for s, e in lines)})
        if kinds:
            yield Violation(
                f"{resource.describe()} data.{key} holds {with_articles(kinds)}; {_FIX}",
                at=node,
                evidence=f"data.{key}:{','.join(kinds)}",
                covers=(node,),
            )
    binary = resource.root.map("binaryData")
    for key, node in binary.items.items() if binary is not None else ():
        raw = scalar_text(node)
        decoded = decode_base64(raw) if raw is not None else None
        detected = detected_kinds([(key, decoded)]) if decoded is not None else ""
        if detected:
            yield Violation(
                f"{resource.describe()} binaryData.{key} holds a credential{detected}; {_FIX}",
                at=node,
                evidence=f"binaryData.{key}",
                covers=(node,),
            )


def _embedded_secrets(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, key) of each embedded line whose key is secret-like and whose value is a literal."""
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        match = _LINE.match(line.rstrip("\r\n"))
        if match is None or line.lstrip().startswith(("#", ";", "//")):
            continue
        name, value = match.group("key"), _unquote(match.group("value"))
        if is_secret_key(name) and is_literal_text(value, name) and not value.startswith(("{", "[", "|", ">")):
            yield start + match.start("key"), start + match.end("value"), name


def _unquote(value: str) -> str:
    value = re.sub(r"\s+#.*$", "", value) if not value.startswith(("'", '"')) else value
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
