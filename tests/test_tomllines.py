"""Located TOML entries for configuration files."""

from __future__ import annotations

from linter.location import Span
from linter.pipelines import script_span
from linter.tomllines import entries, split_key
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YScalar


def test_tables_keys_values_and_positions() -> None:
    text = (
        "version = 2\n"
        '[plugins."io.containerd.grpc.v1.cri".registry.configs."reg:5000".tls]\n'
        "  insecure_skip_verify = true  # lab only\n"
        "[[registry]]\n"
        'location = "a.io"\n'
        "[[registry]]\n"
        "insecure = false\n"
    )
    found = entries(text, "config.toml")
    assert [(e.dotted, e.value, e.line, e.col) for e in found] == [
        (("version",), 2, 1, 1),
        (
            ("plugins", "io.containerd.grpc.v1.cri", "registry", "configs", "reg:5000", "tls", "insecure_skip_verify"),
            True,
            3,
            3,
        ),
        (("registry", "location"), "a.io", 5, 1),
        (("registry", "insecure"), False, 7, 1),
    ]
    assert found[2].block != found[3].block  # two [[registry]] tables
    assert found[1].span() == Span("config.toml", 3, 3, 3, 23)


def test_multi_line_arrays_with_comments_and_bad_values() -> None:
    text = "registries = [\n  'a.io',  # first ]\n  \"b.io\",\n]\nafter = 1\nbroken = [\n"
    found = entries(text, "registries.conf")
    assert [(e.key, e.value, e.line) for e in found] == [
        (("registries",), ["a.io", "b.io"], 1),
        (("after",), 1, 5),
        (("broken",), None, 6),
    ]


def test_split_key() -> None:
    assert split_key('a."b.c".d') == ("a", "b.c", "d")


def run_of(text: str) -> tuple[YScalar, list[str]]:
    root = parse_yaml(text, "ci.yml").docs[0].root
    assert isinstance(root, YMap)
    run = root.scalar("run")
    assert run is not None
    return run, text.splitlines()


def test_script_span_in_plain_literal_and_folded_scalars() -> None:
    run, lines = run_of("run: crane cp a b --insecure\n")
    assert script_span(run, 13, 23, lines) == Span("ci.yml", 1, 19, 1, 29)
    run, lines = run_of("run: |\n  echo hi\n  crane cp a b --insecure\n")
    start = str(run.value).index("--insecure")
    assert script_span(run, start, start + 10, lines) == Span("ci.yml", 3, 16, 3, 26)
    run, lines = run_of("run: >-\n  crane cp a b\n  --insecure\n")
    start = str(run.value).index("--insecure")
    assert script_span(run, start, start + 10, lines) == Span("ci.yml", 3, 3, 3, 13)
