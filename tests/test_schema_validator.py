"""The located-tree schema validator (linter/schema): it agrees with jsonschema on the schemas that
kubernetes-validate ships, and no input makes it (or the SCHEMA rules) raise."""

from __future__ import annotations

import copy
import json
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.k8s import NEWEST_KUBERNETES
from linter.schema.core import CoreSchemas
from linter.schema.validator import Issue, IssueKind, Validator, closest
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YSeq
from tests.conftest import SHARED, findings
from tests.rules.test_schema import crd

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
                "containers": [
                    {
                        "name": "web",
                        "image": "ghcr.io/acme/web:1.4.2",
                        "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                        "env": [{"name": "MODE", "value": "safe"}],
                        "resources": {"limits": {"memory": "256Mi", "cpu": 1}},
                        "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
                        "livenessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 10},
                    }
                ],
            },
        },
    },
}
NEWEST = ".".join(map(str, NEWEST_KUBERNETES))


@cache
def core() -> CoreSchemas:
    return CoreSchemas(NEWEST_KUBERNETES)


@cache
def reference_validator() -> jsonschema.Draft202012Validator:
    """kubernetes-validate's own way: jsonschema over the strict schema of the kind."""
    folder = resources.files("kubernetes_validate").joinpath(f"kubernetes-json-schema/v{NEWEST}.0-local-strict")
    definitions = json.loads(folder.joinpath("_definitions.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/io.k8s.api.apps.v1.Deployment", "$defs": definitions["$defs"]}
    )


def located(data: Any) -> YNode:
    parsed = parse_yaml(yaml.safe_dump(data, sort_keys=False), "t.yaml")
    assert not parsed.fatal and parsed.docs and parsed.docs[0].root is not None
    return parsed.docs[0].root


def ours(node: YNode) -> list[Issue]:
    schema = core().for_kind("apps", "v1", "Deployment")
    assert schema is not None
    return Validator(core().resolve).validate(node, schema)


def test_the_default_target_is_the_newest_version_kubernetes_validate_ships() -> None:
    assert kubernetes_validate.utils.major_minor(kubernetes_validate.utils.latest_version()) == NEWEST
    assert core().version == NEWEST_KUBERNETES


def test_older_targets_use_the_nearest_older_schemas_and_the_oldest_below_them() -> None:
    assert CoreSchemas((1, 30)).version == (1, 30)
    oldest = min(CoreSchemas((1, 0)).version, NEWEST_KUBERNETES)
    assert CoreSchemas((1, 10)).version == oldest


def test_removed_group_versions_are_not_served_kinds() -> None:
    # DeleteOptions is registered under every group version; it must not make these look served.
    assert ("extensions", "v1beta1") not in core().group_versions
    assert ("policy", "v1beta1") not in core().group_versions
    assert ("apps", "v1") in core().group_versions


def test_closest_field_name() -> None:
    known = ("runAsNonRoot", "runAsUser", "readOnlyRootFilesystem")
    assert closest("runAsNonroot", known) == "runAsNonRoot"
    assert closest("readonlyRootFilesystem", known) == "readOnlyRootFilesystem"
    assert closest("somethingElse", known) is None


def _paths_of(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths_of(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths_of(value, (*path, index)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


# Values whose meaning is the same to YAML 1.1 (the API server), PyYAML and JSON: no null, no
# strings that YAML 1.1 reads as booleans or numbers, no substitutions.
_VALUES = st.one_of(
    st.integers(-5, 70000),
    st.booleans(),
    st.sampled_from(["web", "TCP", "Always", "256Mi", "RuntimeDefault", "x y", ""]),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.dictionaries(st.sampled_from(["name", "value", "zz"]), st.sampled_from(["a", "b"]), max_size=2),
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(DEPLOYMENT)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths_of(data)[1:]))
        parent = _get(data, path[:-1])
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "runAsNonroot", "image", "name", "drops"]))] = draw(_VALUES)
    return data


def _issue_paths(issues: list[Issue]) -> set[tuple[Any, ...]]:
    # jsonschema reports unknown and missing fields at the object that has (or lacks) them.
    return {
        i.path[:-1] if i.kind == IssueKind.UNKNOWN_FIELD else i.path
        for i in issues
        if i.kind != IssueKind.DUPLICATE  # list-map keys are an x-kubernetes extension jsonschema ignores
    }


def test_reference_agrees_on_the_valid_object() -> None:
    assert ours(located(DEPLOYMENT)) == []
    assert list(reference_validator().iter_errors(DEPLOYMENT)) == []


@settings(max_examples=200, deadline=None)
@given(mutated())
def test_same_verdicts_as_kubernetes_validate(data: dict[str, Any]) -> None:
    """Every mutation of a valid Deployment gets errors at the same paths from our validator as from
    jsonschema over kubernetes-validate's strict schema."""
    theirs = {tuple(error.absolute_path) for error in reference_validator().iter_errors(data)}
    assert _issue_paths(ours(located(data))) == theirs


_KEYS = st.sampled_from(
    ["spec", "containers", "securityContext", "name", "image", "template", "metadata", "runAsNonroot", "x", "0"]
)
_TREES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=6)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(_KEYS, children, max_size=4)),
    max_leaves=12,
)


def _nodes(node: YNode) -> list[YNode]:
    out = [node]
    if isinstance(node, YMap):
        for child in node.items.values():
            out.extend(_nodes(child))
    elif isinstance(node, YSeq):
        for child in node.items:
            out.extend(_nodes(child))
    return out


@settings(max_examples=300, deadline=None)
@given(_TREES)
def test_validator_never_raises_and_points_inside_the_tree(data: Any) -> None:
    node = located(data)
    inside = {id(n) for n in _nodes(node)}
    for definition in ("io.k8s.api.apps.v1.Deployment", "io.k8s.api.core.v1.PodSecurityContext"):
        schema = core().definition(definition)
        assert schema is not None
        for issue in Validator(core().resolve).validate(node, schema):
            assert id(issue.node) in inside and issue.node.line >= 1


ARGO_APPLICATION = SHARED / "schemas" / "crds" / "argocd" / "application-crd.yaml"


@cache
def argo_application_schema() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the file is 400 KB
    crd = yaml.load(ARGO_APPLICATION.read_text(encoding="utf-8"), Loader=loader)
    schema: dict[str, Any] = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    return schema


@pytest.mark.skipif(not ARGO_APPLICATION.is_file(), reason="the shared Argo CD CRDs are not on this machine")
@settings(max_examples=100, deadline=None)
@given(_TREES)
def test_crd_validation_never_raises(data: Any) -> None:
    schema = argo_application_schema()
    node = located({"spec": data})
    for issue in Validator(lambda _ref: None).validate(node, schema):
        assert issue.node.line >= 1


_DOCUMENTS = st.fixed_dictionaries(
    {
        "apiVersion": st.sampled_from(["v1", "apps/v1", "batch/v1beta1", "acme.io/v1", "argoproj.io/v1alpha1"]),
        "kind": st.sampled_from(["Pod", "Deployment", "CronJob", "Widget", "Rollout", "List"]),
        "metadata": st.one_of(_TREES, st.just({"name": "x"})),
        "spec": _TREES,
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_DOCUMENTS, min_size=1, max_size=3))
def test_schema_rules_never_raise(documents: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump_all(documents, sort_keys=False)
    with tempfile.TemporaryDirectory() as tmp:
        findings(Path(tmp), {"crd.yaml": crd(), "fuzz.yaml": text}, "SCHEMA")  # asserts no rule error
