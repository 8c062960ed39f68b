"""YAML written inside a YAML string (a kustomize inline patch, Argo CD `helm.values`, a ConfigMap
holding a values file, aws-auth `mapRoles`), parsed with positions in the outer file."""

from __future__ import annotations

from linter.sourcefile import SourceFile
from linter.yamlload import YamlResult, parse_yaml
from linter.yamlnodes import YScalar, shift


def parse_embedded(value: YScalar, outer: SourceFile | None) -> YamlResult:
    """Parse ``value`` (a string scalar of ``outer``); every node is moved to where its text is
    written in ``outer``: exact for block scalars (`|`, `|-`), the string's start otherwise."""
    result = parse_yaml(str(value.value), value.src)
    lines, cols = _offset(value, outer)
    for doc in result.docs:
        if doc.root is not None:
            shift(doc.root, lines, cols, value.src)
        doc.line += lines
    return result


def _offset(value: YScalar, outer: SourceFile | None) -> tuple[int, int]:
    """Where line 1, column 1 of the embedded text sits in the outer file."""
    if outer is None or outer.text is None:
        return value.line - 1, value.col - 1
    indicator = outer.line_text(value.line)[value.col - 1 : value.col]
    if not value.plain and indicator in ("|", ">"):
        for number in range(value.line + 1, value.end_line + 1):
            content = outer.line_text(number)
            if content.strip():
                return number - 1, len(content) - len(content.lstrip(" "))
        return value.line, 0
    return value.line - 1, value.col - 1


# Well-known objects whose string values hold YAML documents; the repository model parses them
# once (Resource.embedded) and reports text that does not parse as a YAML syntax problem (PARSE001).
EMBEDDED_YAML: dict[tuple[str, str], tuple[str, ...]] = {
    ("ConfigMap", "aws-auth"): ("mapRoles", "mapUsers", "mapAccounts"),
}
