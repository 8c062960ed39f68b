"""A stand-in pod built from the conventional keys of a chart's values, for charts that cannot be
rendered: what a chart is asked to deploy is still judged where it is written.

Charts conventionally pass `securityContext` (or `containerSecurityContext`) to their container,
`podSecurityContext` to the pod, `hostNetwork`/`hostPID`/`hostIPC` to the pod, and build the
image from `image.registry`, `image.repository`, `image.tag` and `image.digest`. The stand-in is
*partial*: only findings about a value actually written in the values are kept (a setting the
values leave out may well be set by the templates), and each says that it comes from values.
"""

from __future__ import annotations

from linter.k8s import Resource
from linter.yamlnodes import YMap, YNode, YScalar, YSeq, map_like, scalar_like

_POD_KEYS = ("hostNetwork", "hostPID", "hostIPC")


def pod_from_values(chart_name: str, values: YMap, label: str, consumer_src: str) -> Resource | None:
    synthetic: set[int] = set()

    def made(node: YNode) -> YNode:
        synthetic.add(id(node))
        return node

    container = made(map_like(values))
    assert isinstance(container, YMap)
    container.items["name"] = made(scalar_like(values, chart_name))
    image = _image(values)
    if image is not None:
        container.items["image"] = image
    for key in ("securityContext", "containerSecurityContext"):
        context = values.map(key)
        if context is not None:
            container.items["securityContext"] = context
            break
    pod = made(map_like(values))
    assert isinstance(pod, YMap)
    containers = made(YSeq(values.src, values.line, values.col, values.end_line, values.end_col))
    assert isinstance(containers, YSeq)
    containers.items.append(container)
    pod.items["containers"] = containers
    for key in _POD_KEYS:
        node = values.get(key)
        if isinstance(node, YScalar):
            pod.items[key] = node
    pod_context = values.map("podSecurityContext")
    if pod_context is not None:
        pod.items["securityContext"] = pod_context
    if len(container.items) == 1 and len(pod.items) == 1:
        return None  # nothing conventional to judge
    root = made(map_like(values))
    assert isinstance(root, YMap)
    root.items["apiVersion"] = made(scalar_like(values, "v1"))
    root.items["kind"] = made(scalar_like(values, "Pod"))
    metadata = made(map_like(values))
    assert isinstance(metadata, YMap)
    metadata.items["name"] = made(scalar_like(values, chart_name))
    root.items["metadata"] = metadata
    root.items["spec"] = pod
    resource = Resource(consumer_src, -1, root, "v1", "Pod", chart_name, None)
    resource.render_root = label
    resource.partial = f"from the Helm values of {label}, chart not rendered"
    resource.synthetic_nodes = frozenset(synthetic)
    return resource


def _image(values: YMap) -> YScalar | None:
    """`registry/repository:tag@digest` from the values, located at the tag (else the digest), or
    None when the values leave the tag to the chart (its appVersion, usually)."""
    node = values.get("image")
    if isinstance(node, YScalar) and isinstance(node.value, str) and node.value:
        return node
    if not isinstance(node, YMap):
        return None
    repository = node.text("repository")
    tag, digest = node.scalar("tag"), node.scalar("digest")
    tag_text = tag.text if tag is not None and tag.value not in (None, "") else ""
    digest_text = digest.text if digest is not None and digest.value not in (None, "") else ""
    if not repository or not (tag_text or digest_text):
        return None
    registry = node.text("registry")
    reference = f"{registry}/{repository}" if registry else repository
    reference += f":{tag_text}" if tag_text else ""
    reference += f"@{digest_text}" if digest_text else ""
    decider = tag if tag_text else digest
    assert decider is not None
    return scalar_like(decider, reference)
