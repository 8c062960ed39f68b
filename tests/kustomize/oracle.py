"""Compare our renderer with `kubectl kustomize` (the reference implementation)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from linter.config import Config
from linter.discovery import discover
from linter.kustomize.build import Builder
from linter.repository import build_repository

KUBECTL = shutil.which("kubectl")


def canonical(objects: list[Any]) -> Counter[str]:
    return Counter(json.dumps(o, sort_keys=True) for o in objects if o is not None)


def kubectl_render(directory: Path) -> list[Any]:
    assert KUBECTL is not None
    proc = subprocess.run([KUBECTL, "kustomize", str(directory)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"kubectl kustomize {directory} failed: {proc.stderr}")
    return list(yaml.safe_load_all(proc.stdout))


def our_render(root: Path, directory: str) -> list[Any]:
    repo = build_repository(discover(root), Config())
    builder = Builder({f.path: f for f in repo.files})
    return [o.root.to_python() for o in builder.build(directory).objects]


def differences(root: Path, directory: str) -> tuple[list[str], list[str]]:
    """(only kubectl has, only we have), as canonical JSON lines."""
    theirs = canonical(kubectl_render(root / directory))
    ours = canonical(our_render(root, directory))
    return sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
