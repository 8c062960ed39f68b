"""The RBAC model the ORC rules share (catalogue: "RBAC grant").

- ``Entry``: one ``rules[]`` item of a Role or ClusterRole, and what it grants (``Want`` -> ``Grant``):
  apiGroups, resources and verbs with ``*``, subresources (``pods/exec``, matched by ``*/exec`` as
  the API server does and by ``pods/*`` as the catalogue does), resourceNames.
- ``reach(role)``: the entries a role holds, its own and those of the ClusterRoles its
  ``aggregationRule`` selects in the repository (each remembers the selector that pulled it in).
- ``RbacIndex``: ClusterRoles, Roles and bindings of the scanned set, built once per scan.
- ``Subject`` / ``role_ref``: what a binding grants to whom.
"""

from __future__ import annotations

import fnmatch
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from checks.orchestrator._scope import deployed_together, describe, same_cluster, source_name
from linter.context import Context
from linter.k8s import Resource, seq_texts
from linter.labelselector import selector_matches
from linter.rule import Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode, YSeq

RBAC_GROUP = "rbac.authorization.k8s.io"
WRITE_VERBS = ("create", "update", "patch", "delete", "deletecollection")
ROLE_KINDS = frozenset({"Role", "ClusterRole"})
BINDING_KINDS = frozenset({"RoleBinding", "ClusterRoleBinding"})


def ignored(resource: Resource, ctx: Context) -> bool:
    """Config `rbac_ignore` (default `system:*`): the platform's own roles and bindings."""
    return bool(resource.name) and any(fnmatch.fnmatchcase(resource.name or "", p) for p in ctx.config.rbac_ignore)


def judged(resource: Resource, ctx: Context) -> bool:
    """An rbac.authorization.k8s.io object the RBAC rules look at."""
    return resource.group == RBAC_GROUP and not ignored(resource, ctx)


@dataclass(frozen=True, slots=True)
class Want:
    """What a condition asks about: any of ``verbs`` on any of ``resources`` in any of ``groups``.
    A resource ``r/*`` stands for every subresource of ``r`` (e.g. ``userextras/*``); no verbs
    stands for any verb."""

    groups: tuple[str, ...]
    resources: tuple[str, ...]
    verbs: tuple[str, ...]
    severity: Severity | None = None  # a sub-case the condition reports at another severity


def _resource_matches(item: str, wanted: str) -> bool:
    if item in ("*", wanted):
        return True
    base, slash, sub = wanted.partition("/")
    if not slash:
        return False
    if sub == "*":
        return item.startswith((base + "/", "*/"))
    # The API server matches `*/exec` for pods/exec; the catalogue also counts `pods/*`, which
    # people write meaning "every subresource" (and other authorizers honour).
    return item in (f"{base}/*", f"*/{sub}")


@dataclass(frozen=True, slots=True)
class Grant:
    """Where an entry grants a Want: the verb and resource items that match."""

    entry: Entry
    want: Want
    verb: str
    verb_node: YNode
    resource: str
    resource_node: YNode

    def describe(self) -> str:
        text = f'rules[{self.entry.index}] grants "{self.verb}" on "{self.resource}"'
        names = self.entry.resource_names
        return f"{text} (resourceNames {', '.join(names)})" if names else text


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``rules[]`` item, in the role that holds it."""

    role: Resource
    index: int
    node: YMap

    def texts(self, field: str) -> list[tuple[str, YNode]]:
        return seq_texts(self.node.get(field))

    @property
    def resource_names(self) -> list[str]:
        return [text for text, _ in self.texts("resourceNames")]

    def grant(self, want: Want) -> Grant | None:
        if not any(group == "*" or group in want.groups for group, _ in self.texts("apiGroups")):
            return None
        verb = next(((t, n) for t, n in self.texts("verbs") if t == "*" or not want.verbs or t in want.verbs), None)
        resource = next(
            ((t, n) for t, n in self.texts("resources") if any(_resource_matches(t, w) for w in want.resources)), None
        )
        if verb is None or resource is None:
            return None
        return Grant(self, want, verb[0], verb[1], resource[0], resource[1])

    def first_grant(self, wants: Iterable[Want]) -> Grant | None:
        return next((g for want in wants if (g := self.grant(want)) is not None), None)

    def grants_everything(self) -> bool:
        """``*`` verbs on ``*`` resources in ``*`` apiGroups: what cluster-admin holds."""
        return all(any(text == "*" for text, _ in self.texts(f)) for f in ("apiGroups", "resources", "verbs"))

    def evidence(self) -> str:
        return json.dumps(self.node.to_python(), sort_keys=True, default=str)


def own_entries(role: Resource) -> list[Entry]:
    rules = role.root.seq("rules")
    if rules is None:
        return []
    return [Entry(role, index, item) for index, item in enumerate(rules.items) if isinstance(item, YMap)]


@dataclass(frozen=True, slots=True)
class Reach:
    """An entry as a role holds it: its own (``via`` None) or pulled in through aggregation (``via``
    is the aggregating role's ``clusterRoleSelectors`` item that selected the entry's ClusterRole)."""

    role: Resource
    entry: Entry
    via: YNode | None = None

    def through(self) -> str:
        return f" through aggregated {describe(self.entry.role)}" if self.via is not None else ""

    def at(self, node: YNode) -> YNode:
        """Point at ``node`` in the role's own rules, else at the selector that pulled the entry in."""
        return self.via if self.via is not None else node

    def violation(self, what: str, grant: Grant, fix: str, *, at: YNode, severity: Severity | None) -> Violation:
        return Violation(
            f"{describe(self.role)} {what}{self.through()}: {grant.describe()}; {fix}",
            at=self.at(at),
            severity=severity,
            evidence=f"{source_name(self.entry.role) if self.via is not None else ''}#{self.entry.evidence()}",
        )


class RbacIndex:
    """ClusterRoles, Roles and bindings of the scanned set, looked up inside one cluster scope. A
    base rendered by several overlays yields several copies of one ClusterRole; a lookup takes the
    first one of the cluster."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cluster_roles: dict[str, list[Resource]] = defaultdict(list)
        self.roles: dict[str, list[Resource]] = defaultdict(list)
        self.bindings: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        self._components: dict[int, list[tuple[YMap, Resource]]] = {}  # every ORC rule asks again
        for resource in ctx.repo.resources:
            if resource.group != RBAC_GROUP or not resource.name:
                continue
            if resource.kind == "ClusterRole":
                self.cluster_roles[resource.name].append(resource)
            elif resource.kind == "Role":
                self.roles[resource.name].append(resource)
            elif resource.kind in BINDING_KINDS:
                ref = role_ref(resource)
                if ref is not None:
                    self.bindings[(ref.kind, ref.name)].append(resource)

    def cluster_role(self, name: str, near: Resource) -> Resource | None:
        return next((r for r in self.cluster_roles.get(name, ()) if same_cluster(r, near, self.ctx)), None)

    def components(self, role: Resource) -> list[tuple[YMap, Resource]]:
        """The ClusterRoles an aggregating ClusterRole's selectors pick (never itself, as the
        aggregation controller skips it)."""
        selectors = role.root.at("aggregationRule.clusterRoleSelectors")
        if role.kind != "ClusterRole" or not isinstance(selectors, YSeq):
            return []
        cached = self._components.get(id(role))
        if cached is not None:
            return cached
        found: list[tuple[YMap, Resource]] = self._components.setdefault(id(role), [])
        seen: set[str] = set()
        for selector in selectors.maps():
            for name in self.cluster_roles:
                other = self.cluster_role(name, role) if name != role.name and name not in seen else None
                if other is not None and selector_matches(selector, other.labels()):
                    seen.add(name)
                    found.append((selector, other))
        return found

    def bound_role(self, binding: Resource) -> Resource | None:
        """The Role or ClusterRole a binding refers to, when it is in the repository."""
        ref = role_ref(binding)
        if ref is None:
            return None
        if ref.kind == "ClusterRole":
            return self.cluster_role(ref.name, binding)
        if ref.kind == "Role" and binding.kind == "RoleBinding":
            return next((r for r in self.roles.get(ref.name, ()) if deployed_together(r, binding, self.ctx)), None)
        return None

    def bindings_of(self, role: Resource) -> list[Resource]:
        """The bindings that grant a role (a Role only through RoleBindings of its namespace)."""
        found = self.bindings.get((role.kind, role.name or ""), [])
        if role.kind == "Role":
            return [b for b in found if b.kind == "RoleBinding" and deployed_together(role, b, self.ctx)]
        return [b for b in found if same_cluster(role, b, self.ctx)]


def rbac_index(ctx: Context) -> RbacIndex:
    return ctx.shared("orc.rbac-index", lambda: RbacIndex(ctx))


def reach(role: Resource, ctx: Context) -> Iterator[Reach]:
    """The entries a role holds: its own, then those of the ClusterRoles it aggregates (transitively)."""
    for entry in own_entries(role):
        yield Reach(role, entry)
    index = rbac_index(ctx)
    seen = {role.name}
    pending = [(selector, component) for selector, component in index.components(role)]
    while pending:
        selector, component = pending.pop(0)
        if component.name in seen:
            continue
        seen.add(component.name)
        for entry in own_entries(component):
            yield Reach(role, entry, selector)
        pending.extend((selector, nested) for _, nested in index.components(component))


def grant_violations(
    role: Resource,
    ctx: Context,
    wants: Sequence[Want],
    what: str,
    fix: str,
    severity: Severity,
    *,
    point_at_verb: bool = False,
    limited: Severity | None = None,
) -> Iterator[Violation]:
    """One violation per entry that grants one of ``wants`` (the first that matches), at its
    resource (or verb) item. An entry limited by resourceNames is reported at ``limited``, by
    default one level below ``severity``."""
    if not judged(role, ctx):
        return
    for held in reach(role, ctx):
        grant = held.entry.first_grant(wants)
        if grant is None:
            continue
        base = want_severity if (want_severity := grant.want.severity) is not None else severity
        level = (limited or base.lowered()) if held.entry.resource_names else base
        at = grant.verb_node if point_at_verb else grant.resource_node
        yield held.violation(what, grant, fix, at=at, severity=level)


# -- bindings -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleRef:
    kind: str
    name: str
    node: YNode  # the `roleRef.name` key


def role_ref(binding: Resource) -> RoleRef | None:
    ref = binding.root.map("roleRef")
    name = ref.scalar("name") if ref is not None else None
    kind = ref.text("kind") if ref is not None else None
    if ref is None or name is None or not isinstance(name.value, str) or kind is None:
        return None
    return RoleRef(kind, name.value, name)


@dataclass(frozen=True, slots=True)
class Subject:
    node: YMap
    kind: str
    name: str
    namespace: str | None  # for ServiceAccounts: the subject's, else the RoleBinding's

    def describe(self) -> str:
        if self.kind == "ServiceAccount":
            return (
                f'ServiceAccount "{self.namespace}/{self.name}"' if self.namespace else f'ServiceAccount "{self.name}"'
            )
        return f'{self.kind} "{self.name}"'

    def names(self) -> list[str]:
        """How config allowlists may name the subject: `name`, `Kind:name`, and for a
        ServiceAccount its user name `system:serviceaccount:<namespace>:<name>`."""
        names = [self.name, f"{self.kind}:{self.name}"]
        if self.kind == "ServiceAccount" and self.namespace:
            names.append(f"system:serviceaccount:{self.namespace}:{self.name}")
        return names

    def listed_in(self, patterns: Iterable[str]) -> bool:
        return any(fnmatch.fnmatchcase(name, p) for p in patterns for name in self.names())


def subjects(binding: Resource) -> list[Subject]:
    seq = binding.root.seq("subjects")
    found: list[Subject] = []
    for item in seq.maps() if seq is not None else ():
        kind, name = item.text("kind"), item.scalar("name")
        if kind is None or name is None or not isinstance(name.value, str):
            continue
        namespace = item.text("namespace")
        if kind == "ServiceAccount" and not namespace and binding.kind == "RoleBinding":
            # The authorizer reads a RoleBinding's namespace-less ServiceAccount as its own namespace.
            namespace = binding.effective_namespace
        found.append(Subject(item, kind, name.value, namespace))
    return found
