"""Suppressions: every comment and annotation form, through Kustomize, and the SUP rules about them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import ALL_RULES
from linter.audit import Audit
from linter.config import Config
from linter.context import Context
from linter.discovery import discover
from linter.engine import lint
from linter.finding import Finding
from linter.k8s import PodSpec
from linter.repository import build_repository
from linter.rule import Rule, Target, Violation
from linter.selection import resolve
from linter.severity import Severity
from tests.conftest import PROJECT, audit_tree, write_tree

SCHEMA = json.loads((PROJECT / "linter" / "schemas" / "findings-v1.schema.json").read_text())

# A pod with three findings at known places: HOST001 at 6:3, CTR001 at 12:9 (container a's
# privileged) and CTR001 at 16:9 (container b's).
POD = """
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:{pod_comment}
  hostPID: true{host_comment}
  securityContext: {{runAsNonRoot: true}}
  containers:
    - name: a
      image: ghcr.io/acme/a:1.0.0
      securityContext:
        privileged: true{a_comment}
    - name: b
      image: ghcr.io/acme/b:1.0.0
      securityContext:
        privileged: true
"""


def pod(pod_comment: str = "", host_comment: str = "", a_comment: str = "") -> str:
    return POD.format(pod_comment=pod_comment, host_comment=host_comment, a_comment=a_comment)


def run(tmp_path: Path, files: dict[str, str], *rules: str, **settings: object) -> Audit:
    audit = audit_tree(tmp_path, files, select=list(rules) or ["HOST001", "CTR001", "SUP"], **settings)
    assert audit.result.errors == []
    return audit


def rows(found: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.span.line, f.span.col) for f in found]


# --- comments ------------------------------------------------------------------------------------


def test_comment_on_the_offending_line(tmp_path: Path) -> None:
    audit = run(tmp_path, {"p.yaml": pod(host_comment='  # gitops-lint: ignore=HOST001 reason="node exporter"')})
    assert rows(audit.result.findings) == [("CTR001", 12, 9), ("CTR001", 16, 9)]
    [suppressed] = audit.result.suppressed
    assert suppressed.rule_id == "HOST001" and suppressed.suppressed_by is not None
    assert suppressed.suppressed_by.reason == "node exporter"


def test_comment_on_the_line_above_by_slug_and_family(tmp_path: Path) -> None:
    files = {"p.yaml": pod(pod_comment='\n  # gitops-lint: ignore=host-pid,CTR reason="x"')}
    audit = run(tmp_path, files)
    # The comment covers the hostPID line only, even though it names the whole CTR family.
    assert rows(audit.result.findings) == [("CTR001", 13, 9), ("CTR001", 17, 9)]
    assert rows(audit.result.suppressed) == [("HOST001", 7, 3)]


def test_a_blank_line_separates_a_comment_from_the_line_below(tmp_path: Path) -> None:
    files = {"p.yaml": pod(pod_comment='\n  # gitops-lint: ignore=HOST001 reason="x"\n')}
    audit = run(tmp_path, files)
    assert ("HOST001", 8, 3) in rows(audit.result.findings)
    assert ("SUP003", 6, 3) in rows(audit.result.findings)


def test_ignore_document_covers_the_whole_document_only(tmp_path: Path) -> None:
    other = pod().replace("name: p", "name: q")
    text = '# gitops-lint: ignore-document=CTR001 reason="lab"\n' + pod().lstrip() + "---\n" + other.lstrip()
    audit = run(tmp_path, {"p.yaml": text})
    assert [(f.rule_id, f.resource and f.resource["name"]) for f in audit.result.findings] == [
        ("HOST001", "p"),
        ("HOST001", "q"),
        ("CTR001", "q"),
        ("CTR001", "q"),
    ]
    assert len(audit.result.suppressed) == 2


def test_ignore_document_below_the_first_key_is_misplaced(tmp_path: Path) -> None:
    text = pod(pod_comment='\n  # gitops-lint: ignore-document=CTR001 reason="lab"')
    audit = run(tmp_path, {"p.yaml": text})
    assert audit.result.suppressed == []
    [invalid] = [f for f in audit.result.findings if f.rule_id == "SUP004"]
    assert (invalid.span.line, invalid.span.col) == (6, 3)
    assert "is not in the first lines of its document" in invalid.message and "does not apply" in invalid.message


def test_ignore_file_at_the_top(tmp_path: Path) -> None:
    text = '# Monitoring agents.\n# gitops-lint: ignore-file=HOST001,CTR001 reason="agent"\n---\n' + pod().lstrip()
    audit = run(tmp_path, {"p.yaml": text, "q.yaml": pod()})
    assert {f.path for f in audit.result.findings} == {"q.yaml"}
    assert len(audit.result.suppressed) == 3


def test_ignore_file_further_down_does_not_apply(tmp_path: Path) -> None:
    audit = run(tmp_path, {"p.yaml": pod() + '# gitops-lint: ignore-file=HOST001 reason="x"\n'})
    assert audit.result.suppressed == []
    assert "is not in the comments at the top of the file" in next(
        f.message for f in audit.result.findings if f.rule_id == "SUP004"
    )


DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG GO=1.22
# gitops-lint: ignore-stage=REG001 reason="the builder image is pinned by the CI cache"

FROM golang AS build
RUN go build ./...

FROM alpine
# gitops-lint: ignore=IMG001 reason="runs the migration as root once"
RUN apk add --no-cache \\
    ca-certificates
"""


def test_dockerfile_stage_and_instruction(tmp_path: Path) -> None:
    audit = run(tmp_path, {"Dockerfile": DOCKERFILE}, "REG001", "IMG001", "SUP")
    # REG001 of the builder stage is suppressed, not that of the final stage. IMG001 points at
    # the final FROM (line 8), not at the RUN below the comment, so the comment is unused.
    assert rows(audit.result.findings) == [("IMG001", 8, 1), ("REG001", 8, 6), ("SUP003", 9, 1)]
    assert rows(audit.result.suppressed) == [("REG001", 5, 6)]


def test_dockerfile_comment_covers_a_continued_instruction(tmp_path: Path) -> None:
    text = '# gitops-lint: ignore=REG001 reason="x"\nFROM \\\n    golang AS build\nFROM alpine:3.20\n'
    audit = run(tmp_path, {"Dockerfile": text}, "REG001", "SUP")
    assert audit.result.findings == []
    assert rows(audit.result.suppressed) == [("REG001", 3, 5)]


def test_stage_directive_away_from_from_is_misplaced(tmp_path: Path) -> None:
    text = 'FROM golang AS build\nRUN true\n# gitops-lint: ignore-stage=REG001 reason="x"\nRUN true\n'
    audit = run(tmp_path, {"Dockerfile": text}, "REG001", "SUP")
    assert rows(audit.result.findings) == [("REG001", 1, 6), ("SUP004", 3, 1)]


# --- annotations ---------------------------------------------------------------------------------

ANNOTATED = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
{object_annotations}
spec:
  template:
    metadata:
      annotations:
{pod_annotations}
    spec:
      securityContext: {{runAsNonRoot: true}}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          securityContext: {{privileged: true, allowPrivilegeEscalation: false}}
        - name: sidecar
          image: ghcr.io/acme/sidecar:1.0.0
          securityContext: {{privileged: true, allowPrivilegeEscalation: false}}
"""


def annotated(object_annotations: str = "    a: b", pod_annotations: str = "        a: b") -> str:
    return ANNOTATED.format(object_annotations=object_annotations, pod_annotations=pod_annotations)


def test_object_annotation(tmp_path: Path) -> None:
    text = annotated('    gitops-lint.io/ignore: "CTR001"\n    gitops-lint.io/ignore-reason: "debug image"')
    audit = run(tmp_path, {"d.yaml": text})
    assert audit.result.findings == []
    assert [f.suppressed_by.scope.value for f in audit.result.suppressed if f.suppressed_by] == ["object", "object"]


def test_pod_template_annotation_counts_for_the_pod(tmp_path: Path) -> None:
    text = annotated(
        pod_annotations='        gitops-lint.io/ignore: privileged-container\n        gitops-lint.io/ignore-reason: "x"'
    )
    audit = run(tmp_path, {"d.yaml": text})
    assert audit.result.findings == [] and len(audit.result.suppressed) == 2


def test_per_container_annotation(tmp_path: Path) -> None:
    text = annotated('    gitops-lint.io/ignore.sidecar: CTR001\n    gitops-lint.io/ignore-reason: "vpn sidecar"')
    audit = run(tmp_path, {"d.yaml": text})
    assert [(f.rule_id, f.message.split('"')[1]) for f in audit.result.findings] == [("CTR001", "web")]
    [suppressed] = audit.result.suppressed
    assert '"sidecar"' in suppressed.message and suppressed.suppressed_by is not None
    assert suppressed.suppressed_by.container == "sidecar"


def test_per_container_annotation_for_a_missing_container(tmp_path: Path) -> None:
    text = annotated('    gitops-lint.io/ignore.sidekick: CTR001\n    gitops-lint.io/ignore-reason: "x"')
    audit = run(tmp_path, {"d.yaml": text})
    [invalid] = [f for f in audit.result.findings if f.rule_id == "SUP004"]
    assert invalid.message == (
        "annotation gitops-lint.io/ignore.sidekick names container 'sidekick', but Deployment \"web\" has no such "
        "container; it does not apply"
    )
    assert (invalid.span.line, invalid.span.col) == (6, 5)


def test_unknown_annotation_and_bad_date(tmp_path: Path) -> None:
    lines = [
        "gitops-lint.io/ignored: CTR001",
        "gitops-lint.io/ignore: CTR001",
        'gitops-lint.io/ignore-until: "31/03/2027"',
    ]
    text = annotated("\n".join("    " + line for line in lines))
    audit = run(tmp_path, {"d.yaml": text})
    messages = [f.message for f in audit.result.findings if f.rule_id == "SUP004"]
    assert any(m.startswith("annotation gitops-lint.io/ignored is not a gitops-lint annotation") for m in messages)
    assert any("has gitops-lint.io/ignore-until '31/03/2027': not a date" in m for m in messages)
    assert audit.result.suppressed == []  # an unreadable expiry date does not suppress


BASE = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          securityContext:
            allowPrivilegeEscalation: false
            privileged: true
"""
PATCH = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        gitops-lint.io/ignore.web: privileged-container
        gitops-lint.io/ignore-reason: "staging runs the debug build"
"""


def test_annotation_added_by_a_kustomize_overlay(tmp_path: Path) -> None:
    """The annotation exists only after rendering: the staging overlay's patch adds it, so the
    finding (located in the base) is suppressed for staging and reported for production."""
    files = {
        "app/base/deployment.yaml": BASE,
        "app/base/kustomization.yaml": "resources: [deployment.yaml]\n",
        "app/staging/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patch.yaml\n",
        "app/staging/patch.yaml": PATCH,
        "app/production/kustomization.yaml": "resources: [../base]\n",
    }
    audit = run(tmp_path, files, "CTR001", "SUP")
    [reported] = audit.result.findings
    [suppressed] = audit.result.suppressed
    assert (
        (reported.path, reported.span.line)
        == (suppressed.path, suppressed.span.line)
        == ("app/base/deployment.yaml", 14)
    )
    assert reported.extra["roots"] == ["app/production/kustomization.yaml"]
    assert suppressed.extra["roots"] == ["app/staging/kustomization.yaml"]
    assert suppressed.suppressed_by is not None and suppressed.suppressed_by.path == "app/staging/patch.yaml"


def test_base_annotation_survives_rendering_and_comments_reach_overlay_findings(tmp_path: Path) -> None:
    base = BASE.replace(
        "metadata:\n  name: web\n",
        "metadata:\n  name: web\n  annotations: {gitops-lint.io/ignore: CTR001, gitops-lint.io/ignore-reason: lab}\n",
    )
    privileged_patch = PATCH.replace(
        "    metadata:\n      annotations:\n        gitops-lint.io/ignore.web: privileged-container\n"
        '        gitops-lint.io/ignore-reason: "staging runs the debug build"\n',
        "    spec:\n      containers:\n        - name: web\n          securityContext: {privileged: true}\n",
    )
    files = {
        "base/deployment.yaml": base,
        "base/kustomization.yaml": "resources: [deployment.yaml]\n",
        "overlay/kustomization.yaml": "namePrefix: dev-\nresources: [../base]\npatches:\n  - path: patch.yaml\n",
        "overlay/patch.yaml": privileged_patch,
    }
    audit = run(tmp_path, files, "CTR001", "SUP")
    assert audit.result.findings == []
    [suppressed] = audit.result.suppressed
    assert suppressed.path == "overlay/patch.yaml"  # located in the patch, suppressed by the base's annotation

    # A document-level comment in the base covers the object wherever its findings point.
    files["base/deployment.yaml"] = '# gitops-lint: ignore-document=CTR001 reason="lab"\n' + BASE.lstrip()
    audit = run(tmp_path / "again", files, "CTR001", "SUP")
    assert audit.result.findings == [] and audit.result.suppressed[0].path == "overlay/patch.yaml"


# --- reason, expiry, unused, invalid ------------------------------------------------------------


def test_missing_reason_still_suppresses_and_asks_for_one(tmp_path: Path) -> None:
    audit = run(tmp_path, {"p.yaml": pod(host_comment="  # gitops-lint: ignore=HOST001")})
    assert [f.rule_id for f in audit.result.suppressed] == ["HOST001"]
    [sup] = [f for f in audit.result.findings if f.rule_id == "SUP001"]
    assert (sup.span.line, sup.span.col, sup.severity.label) == (6, 18, "low")
    assert "gives no reason" in sup.message


def test_expired_suppression_stops_suppressing_and_says_so(tmp_path: Path) -> None:
    comment = '  # gitops-lint: ignore=HOST001 reason="x" until=2026-06-30'
    files = {"p.yaml": pod(host_comment=comment)}
    write_tree(tmp_path, files)
    config = Config()
    config.select = ["HOST001", "SUP"]
    repo = build_repository(discover(tmp_path), config)
    rules = resolve(ALL_RULES, config.select, [], [])
    last_day = lint(repo, rules, config, today=date(2026, 6, 30))
    assert last_day.findings == [] and len(last_day.suppressed) == 1
    after = lint(repo, rules, config, today=date(2026, 7, 1))
    assert rows(after.findings) == [("HOST001", 6, 3), ("SUP002", 6, 18)]
    assert "expired on 2026-06-30" in after.findings[1].message


def test_unused_suppression_is_info_and_only_judged_when_its_rule_ran(tmp_path: Path) -> None:
    files = {"p.yaml": pod(a_comment='  # gitops-lint: ignore=HOST001 reason="moved"')}
    audit = run(tmp_path, files)
    [unused] = [f for f in audit.result.findings if f.rule_id == "SUP003"]
    assert (unused.span.line, unused.severity.label) == (12, "info")
    not_run = run(tmp_path / "b", files, "CTR001", "SUP")
    assert [f.rule_id for f in not_run.result.findings if f.rule_id.startswith("SUP")] == []


def test_unused_does_not_also_ask_for_a_reason(tmp_path: Path) -> None:
    audit = run(tmp_path, {"p.yaml": pod(a_comment="  # gitops-lint: ignore=HOST001")})
    assert [f.rule_id for f in audit.result.findings if f.rule_id.startswith("SUP")] == ["SUP003"]


@pytest.mark.parametrize(
    ("comment", "problem", "applies"),
    [
        ('ignore=CTR001,NOPE reason="x"', "names unknown rule 'NOPE'", True),
        ('ignore=CTR01 reason="x"', "names unknown rule 'CTR01'", False),
        (
            'ignore=CTR001 reason="x" until=2027-02-30',
            "has until='2027-02-30': not a date written as YYYY-MM-DD",
            False,
        ),
        ('ignore=CTR001 reason="x" reviewer=me', "has an unknown option 'reviewer=me'", True),
        ("ignore=CTR001 reason=it's fine", "cannot be read", False),
        ('skip=CTR001 reason="x"', "does not start with ignore=, ignore-document=", False),
        ('ignore= reason="x"', "names no rule", False),
        ('ignore-stage=CTR001 reason="x"', '"ignore-stage=CTR001" is for Dockerfile stages', False),
        ('ignore=CTR001,SUP003 reason="x"', "names 'SUP003', which reports on suppressions", True),
    ],
)
def test_invalid_suppressions(tmp_path: Path, comment: str, problem: str, applies: bool) -> None:
    audit = run(tmp_path, {"p.yaml": pod(a_comment=f"  # gitops-lint: {comment}")})
    invalid = [f for f in audit.result.findings if f.rule_id == "SUP004"]
    assert any(problem in f.message for f in invalid), [f.message for f in invalid]
    assert all((f.span.line, f.span.col) == (12, 27) for f in invalid)
    assert (len(audit.result.suppressed) == 1) is applies


def test_a_list_with_spaces_after_commas(tmp_path: Path) -> None:
    audit = run(tmp_path, {"p.yaml": pod(a_comment='  # gitops-lint: ignore=CTR001, HOST001 reason="x"')})
    assert len(audit.result.suppressed) == 1
    assert not [f for f in audit.result.findings if f.rule_id == "SUP004"]


# --- the engine: precedence, configuration -------------------------------------------------------


def _host_pid_rule(rule_id: str, superseded_by: tuple[str, ...] = ()) -> Rule:
    def check(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
        node = pod.node.get("hostPID")
        if node is not None:
            yield Violation(f"{rule_id} sees hostPID", at=node)

    meta = Rule(
        id=rule_id,
        slug=f"test-{rule_id.lower()}",
        title="t",
        severity=Severity.HIGH,
        nist=(),
        target=Target.POD_SPEC,
        summary="s",
        rationale="r",
        fix="f",
        bad="b",
        good="g",
        superseded_by=superseded_by,
    )
    return meta(check)


def test_a_suppressed_rule_does_not_silence_the_rule_it_supersedes(tmp_path: Path) -> None:
    """ "Not reported when RULE fires" is evaluated after suppressions: with the specific rule's
    finding suppressed, the general rule reports the same place."""
    general, specific = _host_pid_rule("TST001", superseded_by=("TST002",)), _host_pid_rule("TST002")
    rules = [general, specific]

    def reported(files: dict[str, str], directory: str) -> list[str]:
        write_tree(tmp_path / directory, files)
        repo = build_repository(discover(tmp_path / directory), Config())
        result = lint(repo, rules, Config(), registry=rules)
        return [f.rule_id for f in result.findings]

    assert reported({"p.yaml": pod()}, "plain") == ["TST002"]
    comment = '  # gitops-lint: ignore=TST002 reason="x"'
    assert reported({"p.yaml": pod(host_comment=comment)}, "suppressed") == ["TST001"]


def test_inline_suppressions_can_be_turned_off(tmp_path: Path) -> None:
    files = {"p.yaml": pod(host_comment="  # gitops-lint: ignore=HOST001")}
    audit = run(tmp_path, files, inline_suppressions=False)
    assert "HOST001" in [f.rule_id for f in audit.result.findings]
    assert audit.result.suppressed == [] and audit.result.directives == []


def test_per_path_overrides(tmp_path: Path) -> None:
    files = {"clusters/dev/p.yaml": pod(), "clusters/prod/p.yaml": pod()}
    overrides = [
        {"paths": ["clusters/dev/**"], "ignore": ["HOST"], "severity": {"CTR001": "low"}},
        {"paths": ["**/p.yaml"], "severity": {"privileged-container": "medium"}},
    ]
    audit = run(tmp_path, files, overrides=overrides)
    found = [(f.path.split("/")[1], f.rule_id, f.severity.label) for f in audit.result.findings]
    assert found == [
        ("dev", "CTR001", "medium"),
        ("dev", "CTR001", "medium"),
        ("prod", "HOST001", "high"),
        ("prod", "CTR001", "medium"),
        ("prod", "CTR001", "medium"),
    ]


def test_overrides_match_the_overlay_that_rendered_a_finding(tmp_path: Path) -> None:
    files = {
        "app/base/deployment.yaml": BASE,
        "app/base/kustomization.yaml": "resources: [deployment.yaml]\n",
        "app/dev/kustomization.yaml": "resources: [../base]\n",
        "app/prod/kustomization.yaml": "resources: [../base]\n",
    }
    audit = run(tmp_path, files, "CTR001", overrides=[{"paths": ["app/dev/**"], "ignore": ["CTR001"]}])
    [finding] = audit.result.findings
    assert finding.extra["roots"] == ["app/prod/kustomization.yaml"]


# --- output --------------------------------------------------------------------------------------


def test_show_suppressed_in_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import main

    write_tree(tmp_path, {"p.yaml": pod(host_comment='  # gitops-lint: ignore=HOST001 reason="node exporter"')})
    assert main(["audit", str(tmp_path), "--select", "HOST001,SUP"]) == 0
    text = capsys.readouterr().out
    assert (
        "HOST001" not in text.split("Found")[0] and "Not reported: 1 suppressed (--show-suppressed lists them)." in text
    )
    assert main(["audit", str(tmp_path), "--select", "HOST001,SUP", "--show-suppressed"]) == 0
    text = capsys.readouterr().out
    assert "Suppressed (1):\n" in text
    assert 'p.yaml:6:3: HOST001 high Pod "p" shares the host PID namespace' in text
    assert "suppressed by comment at " in text and 'p.yaml:6: reason "node exporter"\n' in text
    assert main(["audit", str(tmp_path), "--select", "HOST001,SUP", "--show-suppressed", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    assert document["findings"] == [] and document["summary"]["suppressed"] == 1
    [entry] = document["suppressed"]
    assert entry["rule_id"] == "HOST001" and entry["suppression"]["reason"] == "node exporter"
    assert entry["suppression"]["scope"] == "line" and entry["suppression"]["line"] == 6
    assert main(["audit", str(tmp_path), "--select", "HOST001,SUP", "--format", "json"]) == 0
    assert "suppressed" not in json.loads(capsys.readouterr().out)


# --- bad input -----------------------------------------------------------------------------------


def test_odd_shapes_never_raise(tmp_path: Path) -> None:
    odd = {
        "a.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations: null\n"
        "spec: {hostPID: true, serviceAccountName: a, automountServiceAccountToken: false}\n",
        "b.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  annotations: [gitops-lint.io/ignore]\n"
        "spec: {hostPID: true, serviceAccountName: b, automountServiceAccountToken: false}\n",
        "c.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n  annotations:\n"
        "    gitops-lint.io/ignore: {a: b}\n    gitops-lint.io/ignore-reason: 42\nspec: {hostPID: true}\n",
        "d.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: d\n  annotations:\n"
        "    gitops-lint.io/ignore: 123\n    gitops-lint.io/ignore.: HOST001\nspec: {hostPID: true}\n",
        "e.yaml": '# gitops-lint: ignore-document=HOST001 reason="x"\na: [1, 2\n',  # PARSE001
        "f.yaml": '# gitops-lint:\n# gitops-lint: ignore=\n# gitops-lint: ignore=HOST001 reason="\n',
        "Dockerfile": "# gitops-lint: ignore-document=IMG001\nFROM\n",
    }
    audit = run(tmp_path, odd, "ALL")
    assert [
        f.rule_id
        for f in audit.result.findings
        # bare Pods: CTR020; without a namespace: ORC013, ORC015
        if f.path in ("a.yaml", "b.yaml") and f.rule_id not in ("SCHEMA003", "CTR020", "ORC013", "ORC015")
    ] == [
        "HOST001",
        "HOST001",
    ]
    invalid = {(f.path, f.span.line) for f in audit.result.findings if f.rule_id == "SUP004"}
    assert {("c.yaml", 6), ("d.yaml", 6), ("d.yaml", 7), ("f.yaml", 1), ("f.yaml", 2), ("f.yaml", 3)} <= invalid
    assert ("Dockerfile", 1) in invalid


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_comment_text_is_read_without_raising(body: str) -> None:
    from linter.loader import parse_source
    from linter.sourcefile import FileKind, SourceFile
    from linter.suppress.comments import comment_directives

    line = "# gitops-lint: " + body.replace("\n", " ").replace("\r", " ")
    for kind, text in ((FileKind.YAML, f"{line}\na: 1\n"), (FileKind.DOCKERFILE, f"{line}\nFROM x\n")):
        source = parse_source(SourceFile("f", kind), text.encode(), alias_limit=100)
        for directive in comment_directives(source, ALL_RULES):
            assert directive.problems or directive.rules
