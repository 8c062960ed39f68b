"""A fixed little repository and two rules of the tests' own, so that the output formats can be
held to golden files that do not move when the real rules and their texts change.

``TST001`` reports every ``flag SEVERITY: MESSAGE`` comment at the comment itself, with the
message as written (``\\n`` becomes a newline): the tree below puts ``%``, commas, colons,
Markdown, HTML and newlines into messages, and into the paths of the files that carry them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from linter.audit import run_audit
from linter.config import Config
from linter.context import Context
from linter.k8s import Resource
from linter.location import FixedSpan, Span
from linter.reporting import Report
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile
from tests.conftest import write_tree

FLAG = re.compile(r"flag (critical|high|medium|low|info): (.*)$")


@Rule(
    id="TST001",
    slug="flagged-line",
    title="A line is flagged for the output tests.",
    severity=Severity.MEDIUM,
    nist=("4.1.2",),
    target=Target.FILE,
    summary="Reports `flag SEVERITY: MESSAGE` comments.",
    rationale="Gives the format tests findings with any text and severity.",
    fix="Remove the flag.",
    bad="# flag high: something",
    good="# nothing flagged",
    example_lang="text",
)
def flagged_line(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    for number, line in enumerate(source.lines, start=1):
        match = FLAG.search(line)
        if match:
            start = match.start() + 1
            yield Violation(
                match.group(2).replace("\\n", "\n"),
                at=FixedSpan(Span(source.path, number, start, number, len(line) + 1)),
                severity=Severity.parse(match.group(1)),
            )


@Rule(
    id="TST002",
    slug="pod-host-network",
    title="A pod shares the host network (output tests).",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.2"),
    target=Target.OBJECT,
    kinds=frozenset({"Pod"}),
    summary="Reports `hostNetwork: true` on a Pod.",
    rationale="Gives the format tests a finding about a Kubernetes object.",
    fix="Remove hostNetwork.",
    bad="kind: Pod\nspec: {hostNetwork: true}",
    good="kind: Pod\nspec: {}",
)
def pod_host_network(resource: Resource, ctx: Context) -> Iterator[Violation]:
    spec = resource.root.map("spec")
    node = spec.scalar("hostNetwork") if spec is not None else None
    if node is not None and node.value is True:
        yield Violation(f"{resource.describe()} sets hostNetwork: true; remove it", at=node)


RULES = [flagged_line, pod_host_network]

TREE: dict[str, str] = {
    "Dockerfile": """
        FROM alpine:3.20
        # flag low: base image is old, consider 3.21
        RUN apk add --no-cache curl
        """,
    "deploy/pod.yaml": """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: shop
        spec:
          hostNetwork: true
          containers:
            - name: web
              image: ghcr.io/acme/web:1.0.0  # flag info: pinned@sha256 would be better
        """,
    "deploy/odd dir/100%, a:b.yaml": """
        # flag critical: 100% of "quotes", commas, colons: and a|pipe *bold* <b>html</b> `tick` [link](x)
        # flag high: two\\nlines and a carriage%0Areturn
        kind: ConfigMap
        """,
    "deploy/notes.yaml": """
        # flag medium: @acme/security-team review this: 50%
        kind: ConfigMap
        """,
}


def write_fixture(root: Path) -> None:
    write_tree(root, TREE)


def fixture_report(root: Path, **fields: Any) -> Report:
    """The report of the fixed tree, as ``audit`` would build it (fields override)."""
    write_fixture(root)
    audit = run_audit(root, Config(), rules=RULES)
    assert not audit.result.errors, audit.result.errors
    values: dict[str, Any] = {
        "command": "audit",
        "root": audit.root,
        "display_prefix": "",
        "findings": audit.result.findings,
        "rules": RULES,
        "files_scanned": len(audit.repo.files),
        "objects": len(audit.repo.resources),
        "tool_version": "0.0.0-test",
    }
    values.update(fields)
    return Report(**values)
