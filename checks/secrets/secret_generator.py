"""SEC010 kustomize-secret-generator-plaintext."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._folding import detected_kinds
from checks.secrets._positions import whole_file
from checks.secrets._values import is_literal_text, is_sops_text
from linter.context import Context
from linter.location import Located
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind, SourceFile
from linter.yamlnodes import YMap, YScalar, YSeq

_FIX = "replace the generator with a SOPS-encrypted Secret (KSOPS or Flux decryption) or an ExternalSecret"


@Rule(
    id="SEC010",
    slug="kustomize-secret-generator-plaintext",
    title="A kustomize secretGenerator builds a Secret from clear-text input.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Reports kustomization `secretGenerator` entries whose `literals` hold a `key=value` with a
        literal value, or whose `files`/`envs` point at a repository file that exists, is not empty
        and is not SOPS-encrypted. One finding per item.
        """,
    rationale="""
        The generated Secret is only base64 of what is committed: the literal or the file is the
        secret, in clear, in the repository.
        """,
    fix="Replace the generator with a SOPS-encrypted Secret (KSOPS or Flux decryption) or an ExternalSecret.",
    bad="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        secretGenerator:
          - name: api-credentials
            literals:
              - API_TOKEN=tok-51MzQ8xKpT3vW9
        """,
    good="""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        generators:
          - secret-generator.yaml  # KSOPS: decrypts api-credentials.enc.yaml at build time
        """,
    example_path="kustomization.yaml",
    notes="""
        Files that do not exist in the repository (created by CI before the build) are not
        reported; SEC015 reports sensitive files that do. The Secret the generator makes is not
        reported again by SEC001, nor token patterns inside the literals and files (SEC017-SEC023).
        """,
)
def kustomize_secret_generator_plaintext(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    if source.kind != FileKind.KUSTOMIZATION or source.fatal or is_allowlisted(source.path, ctx):
        return
    base = posixpath.dirname(source.path)
    for doc in source.docs:
        generators = doc.root.seq("secretGenerator") if isinstance(doc.root, YMap) else None
        for generator in generators.maps() if generators is not None else ():
            name = generator.text("name") or "?"
            yield from _literals(generator, name)
            for field in ("files", "envs", "env"):
                yield from _files(generator, field, name, base, ctx)


def _literals(generator: YMap, name: str) -> Iterator[Violation]:
    literals = generator.seq("literals")
    for item in literals.items if literals is not None else ():
        if not isinstance(item, YScalar) or not isinstance(item.value, str):
            continue
        key, sep, value = item.value.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if sep and is_literal_text(value, key):
            detected = detected_kinds([(key, value)])
            yield Violation(
                f"secretGenerator {name!r} has the literal {key} in clear{detected}; {_FIX}",
                at=item,
                evidence=f"{name}:literal:{key}",
                covers=(item,),
            )


def _files(generator: YMap, field: str, name: str, base: str, ctx: Context) -> Iterator[Violation]:
    items = generator.get(field)
    nodes = items.items if isinstance(items, YSeq) else [items]
    for item in nodes:
        if not isinstance(item, YScalar) or not isinstance(item.value, str):
            continue
        path = item.value.partition("=")[2] if "=" in item.value else item.value
        target = ctx.repo.file(posixpath.normpath(posixpath.join(base, path.strip())))
        if target is None:
            continue
        text = target.text
        if text is not None and (not text.strip() or is_sops_text(text)):
            continue
        covers: tuple[Located, ...] = (item, whole_file(target)) if text is not None else (item,)
        detected = detected_kinds([(path.strip(), text)]) if text is not None else ""
        kind = "env file" if field != "files" else "file"
        yield Violation(
            f"secretGenerator {name!r} reads the unencrypted {kind} {target.path}{detected}; {_FIX}",
            at=item,
            evidence=f"{name}:{field}:{target.path}",
            covers=covers,
        )
