"""What a kustomization file refers to, read without rendering anything."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.sourcefile import SourceFile
from linter.yamlnodes import YMap, YScalar

KUSTOMIZE_GROUP = "kustomize.config.k8s.io"


def is_kustomize_config(api_version: str) -> bool:
    """Kustomization/Component documents configure kustomize; they are not cluster objects."""
    return api_version.startswith(KUSTOMIZE_GROUP + "/")


def patch_paths(source: SourceFile) -> Iterator[str]:
    """Files that a kustomization uses as patches (partial objects), relative to the scan root."""
    base = posixpath.dirname(source.path)
    for doc in source.docs:
        root = doc.root
        if not isinstance(root, YMap):
            continue
        for key in ("patches", "patchesStrategicMerge", "patchesJson6902"):
            seq = root.seq(key)
            if seq is None:
                continue
            for item in seq.items:
                path = item.text("path") if isinstance(item, YMap) else None
                if path is None and isinstance(item, YScalar) and isinstance(item.value, str):
                    path = item.value if "\n" not in item.value else None
                if path:
                    yield posixpath.normpath(posixpath.join(base, path))
