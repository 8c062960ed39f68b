"""Follow renamed objects: fields that name a ConfigMap, Secret, ServiceAccount, Role, ... are
rewritten to the object's final name (after prefixes, suffixes and generator hashes), as kustomize
does once the whole build is done."""

from __future__ import annotations

from linter.kustomize.fieldspecs import NAME_REFERENCES, targets
from linter.kustomize.objects import RObject
from linter.yamlnodes import YMap, YScalar, YSeq, scalar_like


def fix_references(objects: list[RObject]) -> None:
    renamed = [o for o in objects if o.names]
    if not renamed:
        return
    for referrer in objects:
        rid = referrer.id
        for kind, specs in NAME_REFERENCES.items():
            candidates = [o for o in renamed if o.id.kind == kind]
            if not candidates:
                continue
            for fs in specs:
                if not fs.applies(rid):
                    continue
                for parent, key in targets(referrer.root, fs, referrer.root):
                    _rewrite(parent, key, candidates, rid.namespace)
        if rid.kind in ("RoleBinding", "ClusterRoleBinding"):
            _fix_binding(referrer, renamed)


def _target(candidates: list[RObject], name: str, namespace: str) -> RObject | None:
    matching = [c for c in candidates if name in c.names]
    if len(matching) > 1:
        same_namespace = [c for c in matching if c.id.namespace == namespace]
        matching = same_namespace or matching
    return matching[0] if len(matching) == 1 else None


def _rewrite(parent: YMap, key: str, candidates: list[RObject], namespace: str) -> None:
    current = parent.items.get(key)
    if isinstance(current, YScalar) and isinstance(current.value, str):
        target = _target(candidates, current.value, namespace)
        if target is not None:
            parent.items[key] = scalar_like(current, target.id.name)
    elif isinstance(current, YSeq):
        for index, item in enumerate(current.items):
            if isinstance(item, YScalar) and isinstance(item.value, str):
                target = _target(candidates, item.value, namespace)
                if target is not None:
                    current.items[index] = scalar_like(item, target.id.name)


def _fix_binding(binding: RObject, renamed: list[RObject]) -> None:
    role_ref = binding.root.map("roleRef")
    if role_ref is not None:
        kind = role_ref.text("kind")
        candidates = [o for o in renamed if o.id.kind == kind]
        _rewrite(role_ref, "name", candidates, binding.id.namespace)
    subjects = binding.root.seq("subjects")
    accounts = [o for o in renamed if o.id.kind == "ServiceAccount"]
    for subject in subjects.maps() if subjects is not None and accounts else ():
        if subject.text("kind") == "ServiceAccount":
            _rewrite(subject, "name", accounts, subject.text("namespace") or binding.id.namespace)
