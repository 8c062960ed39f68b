"""SEC005 sops-file-partially-encrypted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.secrets._detector_rule import is_allowlisted
from checks.secrets._positions import whole_file
from checks.secrets._values import ENC_VALUE, is_literal, is_literal_text, is_secret_key, scalar_text
from checks.secrets.detectors import scan_text
from linter.context import Context
from linter.location import FixedSpan, Located, Span
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.sourcefile import FileKind, SourceFile
from linter.yamlload import parse_yaml
from linter.yamlnodes import YMap, YNode, YScalar, YSeq

_FIX = "re-encrypt with `sops -e` using a creation rule whose encrypted_regex covers ^(data|stringData)$"
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][\w.-]*)\s*(?P<op>[=:])\s*(?P<value>.*?)\s*$")


@dataclass(slots=True)
class Clear:
    """A value left unencrypted in a SOPS file."""

    name: str
    at: Located
    why: str  # "Secret value", "secret-like key", or the detector kinds


@Rule(
    id="SEC005",
    slug="sops-file-partially-encrypted",
    title="A SOPS file contains unencrypted secret values or broken metadata.",
    severity=Severity.CRITICAL,
    nist=("4.1.4",),
    target=Target.FILE,
    summary="""
        Reads every file with SOPS metadata (a top-level `sops` mapping in YAML/JSON, `sops_*` lines
        in dotenv, a `[sops]` section in INI) and reports (a) metadata without a non-empty `mac`
        (decrypted in place or hand-edited), (b) a v1 Secret whose `data`/`stringData` holds a value
        that is not `ENC[AES256_GCM,...]`, or (c) any other value left in clear that sits under a
        secret-like key or matches a token pattern. One finding per document, listing the keys.
        """,
    rationale="""
        SOPS protects only the values it encrypted: a value excluded by `encrypted_regex` or
        `unencrypted_suffix`, or a file decrypted in place and committed, is as exposed as a plain
        Secret while looking safe to reviewers.
        """,
    fix=(
        "Re-encrypt with `sops -e`, using a creation rule whose `encrypted_regex` covers "
        "`^(data|stringData)$` (or all secret-like keys)."
    ),
    bad="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: payments-db
        stringData:
          username: ENC[AES256_GCM,data:c2hvcA==,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]
          password: hunter2-in-clear
        sops:
          mac: ENC[AES256_GCM,data:bWFj,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]
          encrypted_regex: ^username$
          version: 3.9.1
        """,
    good="""
        apiVersion: v1
        kind: Secret
        metadata:
          name: payments-db
        stringData:
          username: ENC[AES256_GCM,data:c2hvcA==,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]
          password: ENC[AES256_GCM,data:cGFzc3dk,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]
        sops:
          mac: ENC[AES256_GCM,data:bWFj,iv:aXZpdml2aXY=,tag:dGFndGFn,type:str]
          encrypted_regex: ^(data|stringData)$
          version: 3.9.1
        """,
    notes="""
        Empty values are not reported (SOPS leaves them as they are). A missing `mac` is reported at
        the `sops` key, together with the values found in clear. SEC001 and the detector rules do
        not report what this finding covers (the whole document).
        """,
)
def sops_file_partially_encrypted(source: SourceFile, ctx: Context) -> Iterator[Violation]:
    text = source.text
    if text is None or "sops" not in text or is_allowlisted(source.path, ctx):
        return
    docs = source.docs
    if not docs and source.kind in (FileKind.JSON, FileKind.OTHER) and text.lstrip().startswith("{"):
        docs = parse_yaml(text, source.path).docs
    if docs:
        for doc in docs:
            if isinstance(doc.root, YMap) and isinstance(doc.root.get("sops"), YMap):
                yield from _document(doc.root, source)
    elif re.search(r"^sops_\w+=", text, re.MULTILINE):
        yield from _flat(source, _dotenv(source), "dotenv")
    elif re.search(r"^\s*\[sops\]\s*$", text, re.MULTILINE):
        yield from _flat(source, _ini(source), "INI")


def _document(root: YMap, source: SourceFile) -> Iterator[Violation]:
    sops = root.map("sops")
    assert sops is not None
    mac = sops.value("mac")
    broken = not (isinstance(mac, str) and mac.strip())
    clear = _clear_values(root)
    what = _describe(root)
    if not broken and not clear:
        return
    names = ", ".join(c.name for c in clear)
    listed = f"; in clear: {names}" if clear else ""
    if broken:
        message = f"SOPS metadata of {what} has no mac (decrypted in place or hand-edited){listed}; {_FIX}"
        at: Located = sops
    else:
        message = f"{what} has values SOPS did not encrypt ({_reasons(clear)}); {_FIX}"
        at = clear[0].at
    yield Violation(message, at=at, evidence=f"{what}:{'mac' if broken else ''}:{names}", covers=(root,))


def _describe(root: YMap) -> str:
    kind, name = root.value("kind"), root.at("metadata.name")
    if isinstance(kind, str) and isinstance(name, YScalar):
        return f'{kind} "{name.value}"'
    return "the SOPS document"


def _reasons(clear: list[Clear]) -> str:
    return "; ".join(f"{c.name}: {c.why}" for c in clear)


def _clear_values(root: YMap) -> list[Clear]:
    is_secret = root.value("kind") == "Secret" and root.value("apiVersion") == "v1"
    found: list[Clear] = []
    for name, node in root.items.items():
        if name == "sops":
            continue
        secret_section = is_secret and name in ("data", "stringData")
        for path, key, leaf in _leaves(node, name):
            text = scalar_text(leaf)
            if text is None or not text.strip() or ENC_VALUE.match(text.strip()):
                continue
            if secret_section:
                found.append(Clear(path, leaf, "Secret value"))
            elif key is not None and is_secret_key(key) and is_literal(leaf, key=key):
                found.append(Clear(path, leaf, "secret-like key"))
            else:
                kinds = sorted({hit.kind for hit in scan_text(text)})
                if kinds:
                    found.append(Clear(path, leaf, " and ".join(kinds)))
    return found


def _leaves(node: YNode, path: str, key: str | None = None) -> Iterator[tuple[str, str | None, YScalar]]:
    if isinstance(node, YScalar):
        yield path, key if key is not None else path.rpartition(".")[2], node
    elif isinstance(node, YMap):
        for name, child in node.items.items():
            yield from _leaves(child, f"{path}.{name}", name)
    elif isinstance(node, YSeq):
        for index, child in enumerate(node.items):
            yield from _leaves(child, f"{path}[{index}]", key)


def _dotenv(source: SourceFile) -> list[tuple[str, str, Located]]:
    out: list[tuple[str, str, Located]] = []
    for number, line in enumerate(source.lines, start=1):
        match = _ASSIGNMENT.match(line)
        if match and match.group("op") == "=" and not line.lstrip().startswith("#"):
            col = match.start("value") + 1
            span = Span(source.path, number, col, number, col + max(1, len(match.group("value"))))
            out.append((match.group("key"), match.group("value"), FixedSpan(span)))
    return out


def _ini(source: SourceFile) -> list[tuple[str, str, Located]]:
    out: list[tuple[str, str, Located]] = []
    section = ""
    for number, line in enumerate(source.lines, start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        match = _ASSIGNMENT.match(line)
        if match and not stripped.startswith((";", "#")):
            col = match.start("value") + 1
            span = Span(source.path, number, col, number, col + max(1, len(match.group("value"))))
            key = match.group("key")
            out.append((f"{section}.{key}" if section else key, match.group("value"), FixedSpan(span)))
    return out


def _flat(source: SourceFile, pairs: list[tuple[str, str, Located]], what: str) -> Iterator[Violation]:
    meta = [(k, v, at) for k, v, at in pairs if k.startswith(("sops_", "sops."))]
    mac = next((v for k, v, _ in meta if k in ("sops_mac", "sops.mac")), "")
    clear: list[Clear] = []
    for name, written, at in pairs:
        value = written.strip().strip("\"'")
        if name.startswith(("sops_", "sops.")) or not value or ENC_VALUE.match(value):
            continue
        key = name.rpartition(".")[2]
        if is_secret_key(key) and is_literal_text(value, key):
            clear.append(Clear(name, at, "secret-like key"))
        else:
            kinds = sorted({hit.kind for hit in scan_text(value)})
            if kinds:
                clear.append(Clear(name, at, " and ".join(kinds)))
    broken = not mac.strip()
    if not broken and not clear:
        return
    names = ", ".join(c.name for c in clear)
    if broken:
        anchor = meta[0][2] if meta else whole_file(source)
        message = f"SOPS metadata of this {what} file has no mac (decrypted in place or hand-edited)"
        message += f"; in clear: {names}; {_FIX}" if clear else f"; {_FIX}"
    else:
        anchor = clear[0].at
        message = f"this {what} file has values SOPS did not encrypt ({_reasons(clear)}); {_FIX}"
    yield Violation(
        message, at=anchor, evidence=f"{what}:{'mac' if broken else ''}:{names}", covers=(whole_file(source),)
    )
