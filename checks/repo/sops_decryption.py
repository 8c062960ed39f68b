"""REPO004 sops-without-decryption."""

from __future__ import annotations

from collections.abc import Iterator

from checks.repo._graph import kustomizations, reachable
from linter.context import Context
from linter.gitops.paths import normal
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap


def is_sops_file(source: SourceFile) -> bool:
    """SOPS_ENCRYPTED: a YAML/JSON document with `sops.mac`, a dotenv `sops_mac=` line, an INI `[sops]`."""
    for doc in source.docs:
        if isinstance(doc.root, YMap):
            sops = doc.root.map("sops")
            if sops is not None and sops.text("mac"):
                return True
    text = source.text if not source.docs else None
    return bool(text) and ("\nsops_mac=" in f"\n{text}" or "\n[sops]" in f"\n{text}")


@Rule(
    id="REPO004",
    slug="sops-without-decryption",
    title="SOPS-encrypted files are deployed by a path that cannot decrypt them.",
    severity=Severity.HIGH,
    nist=("4.1.4",),
    target=Target.REPO,
    summary="""
        Reports a Flux Kustomization whose `spec.path` reaches a SOPS-encrypted file (through its
        kustomization, or the directory itself) without `spec.decryption.provider: sops`, and an Argo CD
        source path that reaches one without a KSOPS generator on that path and without a config
        management `plugin` (Argo CD has no built-in SOPS support).
        """,
    rationale="""
        The ciphertext would be applied as-is (a Secret full of `ENC[...]` values) or the sync fails — and
        a quick "fix" under time pressure tends to be committing the decrypted file.
        """,
    fix="Add `spec.decryption.provider: sops` (Flux) or a KSOPS generator / CMP (Argo CD).",
    bad="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: secrets, namespace: flux-system}
        spec:
          interval: 10m
          path: ./
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: apps}
        stringData:
          password: ENC[AES256_GCM,data:q8Xk2m,iv:Zm9vYmFy,tag:dGFndGFn,type:str]
        sops:
          mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
        """,
    good="""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: secrets, namespace: flux-system}
        spec:
          interval: 10m
          path: ./
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
          decryption: {provider: sops, secretRef: {name: sops-age}}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: apps}
        stringData:
          password: ENC[AES256_GCM,data:q8Xk2m,iv:Zm9vYmFy,tag:dGFndGFn,type:str]
        sops:
          mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
        """,
)
def sops_without_decryption(repo: Repository, ctx: Context) -> Iterator[Violation]:
    encrypted = {s.path for s in repo.files if is_sops_file(s)}
    if not encrypted:
        return
    for kustomization in ctx.gitops.flux_objects("Kustomization"):
        spec = kustomization.root.map("spec")
        target = spec.text("path") if spec is not None else None
        if spec is None or target is None or spec.text_at("decryption.provider") == "sops":
            continue
        found = sorted(reachable(ctx, normal(target)) & encrypted)
        if found:
            yield Violation(
                f"{kustomization.describe()} deploys SOPS-encrypted {', '.join(found)} without "
                "decryption.provider: sops",
                at=spec,
                subject=kustomization,
            )
    ksops = _ksops_dirs(ctx)
    for app in ctx.gitops.argo_apps:
        for source in app.sources:
            path = source.scalar("path")
            if path is None or "plugin" in source or not ctx.gitops.is_this_repo(source.text("repoURL")):
                continue
            directory = normal(path.text)
            if directory in ksops:
                continue
            found = sorted(reachable(ctx, directory) & encrypted)
            if found:
                yield Violation(
                    f"{app.describe()} deploys SOPS-encrypted {', '.join(found)} but Argo CD cannot "
                    "decrypt them (no KSOPS generator or plugin)",
                    at=path,
                    subject=app.resource,
                )


def _ksops_dirs(ctx: Context) -> set[str]:
    """Directories whose kustomization runs a KSOPS generator."""
    found: set[str] = set()
    for _, spec in kustomizations(ctx):
        generators = spec.root.seq("generators")
        for item in generators.items if generators is not None else ():
            target = ctx.repo.file(spec.resolve(str(item.to_python())))
            if target is not None and target.text and "viaduct.ai/v1" in target.text and "ksops" in target.text:
                found.add(spec.directory)
    return found
