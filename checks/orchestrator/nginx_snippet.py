"""ORC021 ingress-nginx-snippet-annotation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.orchestrator._kinds import is_ingress
from linter.context import Context
from linter.k8s import Resource
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YScalar

SNIPPET = re.compile(r"^nginx\.ingress\.kubernetes\.io/[a-z-]*snippet$")
# What turns a snippet into code execution or file disclosure in the shared controller.
DANGEROUS = ("_by_lua", "lua_", "alias ", "root ", "load_module", "include ", "/var/run/secrets")


@Rule(
    id="ORC021",
    slug="ingress-nginx-snippet-annotation",
    title="An Ingress uses ingress-nginx snippet annotations.",
    severity=Severity.HIGH,
    nist=("4.4.1", "4.3.2"),
    target=Target.OBJECT,
    kinds=frozenset({"Ingress"}),
    summary="""
        Reports each annotation of an Ingress whose key matches
        `^nginx\\.ingress\\.kubernetes\\.io/[a-z-]*snippet$` (configuration-snippet, server-snippet,
        auth-snippet, stream-snippet, modsecurity-snippet). Critical when the value contains `_by_lua`,
        `lua_`, `alias `, `root `, `load_module`, `include ` or `/var/run/secrets`.
        """,
    rationale="""
        Snippets inject raw nginx configuration into the controller shared by every tenant: whoever
        may edit an Ingress can read the controller's service account token and every Secret it sees,
        or run code in it (CVE-2021-25742).
        """,
    fix="Remove snippets and use supported annotations; keep `allow-snippet-annotations` disabled on the controller.",
    bad="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
          annotations:
            nginx.ingress.kubernetes.io/configuration-snippet: |
              more_set_headers "X-Frame-Options: DENY";
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: shop.example.com
        """,
    good="""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
          annotations:
            nginx.ingress.kubernetes.io/custom-headers: shop/security-headers
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [shop.example.com]
              secretName: shop-tls
          rules:
            - host: shop.example.com
        """,
    notes="""
        Checkov CKV_K8S_153 fails any annotation whose key contains `snippet` (also other
        controllers' keys such as `nginx.org/server-snippets`); this rule judges the ingress-nginx
        annotations the catalogue names. Values with Lua (CKV_K8S_152) or `alias` (CKV_K8S_154) are
        the critical sub-case. One finding per annotation.
        """,
    refs=(
        "CKV_K8S_152",
        "CKV_K8S_153",
        "CKV_K8S_154",
        "Kubescape C-0059",
        "KCV0093",
        "Kyverno check-ingress-nginx-controller-version-and-annotation-policy",
    ),
)
def nginx_snippet(resource: Resource, ctx: Context) -> Iterator[Violation]:
    metadata = resource.metadata
    annotations = metadata.get("annotations") if metadata is not None and is_ingress(resource) else None
    if not isinstance(annotations, YMap):
        return
    for key, value in annotations.items.items():
        if not SNIPPET.match(key):
            continue
        text = value.value if isinstance(value, YScalar) and isinstance(value.value, str) else ""
        found = [token.strip() for token in DANGEROUS if token in text]
        critical = f" containing {', '.join(repr(t) for t in found)}" if found else ""
        yield Violation(
            f"{resource.describe()} sets the snippet annotation {key}{critical}: raw nginx configuration in the "
            "shared controller can expose every Secret it sees (CVE-2021-25742); use supported annotations instead",
            at=value,
            severity=Severity.CRITICAL if found else None,
        )
