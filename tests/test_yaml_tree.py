"""The located YAML tree: positions, resolution and the guards against hostile input."""

from __future__ import annotations

from linter import problems as P
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YScalar, YSeq


def root(text: str) -> YMap:
    result = parse_yaml(text, "f.yaml")
    assert not result.problems, result.problems
    node = result.docs[0].root
    assert isinstance(node, YMap)
    return node


def test_keys_and_values_know_their_position() -> None:
    doc = root("spec:\n  containers:\n    - name: api\n      securityContext:\n        privileged: true\n")
    node = doc.at("spec.containers[0].securityContext.privileged")
    assert isinstance(node, YScalar) and node.value is True
    span = node.span()
    assert (span.path, span.line, span.col, span.end_line, span.end_col) == ("f.yaml", 5, 9, 5, 25)
    assert node.key_span().col == 9


def test_nearest_returns_deepest_existing_ancestor() -> None:
    doc = root("spec:\n  securityContext:\n    runAsUser: 1\n")
    node = doc.nearest("spec.securityContext.runAsNonRoot")
    assert isinstance(node, YMap) and node.span().line == 2


def test_multi_document_lines_are_file_lines() -> None:
    result = parse_yaml("a: 1\n---\nb: 2\n---\n# c\nkind: Pod\n", "f.yaml")
    assert [d.line for d in result.docs] == [1, 3, 6]  # where each root node starts
    third = result.docs[2].root
    assert isinstance(third, YMap)
    assert third.get("kind").span().line == 6  # type: ignore[union-attr]


def test_scalars_resolve_like_kubernetes() -> None:
    doc = root('a: yes\nb: "true"\nc: 0644\nd: ~\ne: 1.5\nf: =\ng: 2001-12-14\nh: 0x1f\n')
    assert doc.value("a") is True
    assert doc.value("b") == "true"
    assert doc.value("c") == 420
    assert doc.value("d") is None
    assert doc.value("e") == 1.5
    assert doc.value("f") == "="  # PyYAML's constructor rejects this; we must not
    assert doc.value("g") == "2001-12-14"
    assert doc.value("h") == 31


def test_custom_tags_are_plain_values() -> None:
    doc = root("a: !Ref foo\nb: !vault\n  path: x\n")
    assert doc.value("a") == "foo"
    assert isinstance(doc.get("b"), YMap)


def test_language_tags_are_a_syntax_problem() -> None:
    result = parse_yaml("a: !!python/object/apply:os.system ['id']\n", "f.yaml")
    assert [p.kind for p in result.problems] == [P.YAML_SYNTAX]
    assert result.problems[0].line == 1 and result.fatal


def test_anchors_aliases_and_merge_keys() -> None:
    doc = root("base: &b\n  cpu: 1\n  mem: 2\nderived:\n  <<: *b\n  mem: 3\nlist: [*b, *b]\n")
    derived = doc.map("derived")
    assert derived is not None and derived.to_python() == {"cpu": 1, "mem": 3}
    assert derived.get("cpu").span().line == 2  # type: ignore[union-attr]  # points at the anchor
    seq = doc.get("list")
    assert isinstance(seq, YSeq) and len(seq) == 2


def test_redefined_anchor_uses_the_later_definition() -> None:
    doc = root("a: &x 1\nb: &x 2\nc: *x\n")
    assert doc.value("c") == 2


def test_duplicate_key_is_reported_at_the_second_occurrence_and_last_value_wins() -> None:
    result = parse_yaml("sc:\n  privileged: false\n  runAsUser: 1\n  privileged: true\n", "f.yaml")
    assert [(p.kind, p.line, p.col) for p in result.problems] == [(P.DUPLICATE_KEY, 4, 3)]
    node = result.docs[0].root
    assert isinstance(node, YMap) and node.at("sc.privileged").value is True  # type: ignore[union-attr]


def test_merged_keys_may_be_overridden_without_a_duplicate_problem() -> None:
    result = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n", "f.yaml")
    assert result.problems == []


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    result = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert [p.kind for p in result.problems] == [P.ALIAS_BOMB]
    assert result.docs == []


def test_recursive_alias_is_refused() -> None:
    result = parse_yaml("a: &a [*a]\n", "f.yaml")
    assert [p.kind for p in result.problems] == [P.ALIAS_BOMB]


def test_syntax_error_has_a_location() -> None:
    result = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    (problem,) = result.problems
    assert problem.kind == P.YAML_SYNTAX and problem.line >= 2 and problem.fatal


def test_tab_indentation_is_a_syntax_error() -> None:
    result = parse_yaml("a:\n\tb: 1\n", "f.yaml")
    assert result.problems[0].kind == P.YAML_SYNTAX and result.problems[0].line == 2


def test_deep_nesting_is_bounded() -> None:
    text = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 300)) + "  " * 300 + "x: 1\n"
    result = parse_yaml(text, "f.yaml")
    assert result.fatal


def test_unicode_columns_count_code_points() -> None:
    doc = root("naïve: ünïcode\nkey: v\n")
    assert doc.get("naïve").span().end_col == 15  # type: ignore[union-attr]
