"""Cost of schema validation per object (SCHEMA002/003), against kubernetes-validate's own API.

    python bench/bench_schema.py [--repeat 20]

Validates every built-in object of sample-repo (rendered as an audit sees them) `--repeat` times
with the located-tree validator, then once with `kubernetes_validate.validate()` on plain data,
and prints the cost per object of each. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from pathlib import Path

from linter.config import Config
from linter.discovery import discover
from linter.k8s import NEWEST_KUBERNETES
from linter.repository import build_repository
from linter.schema.catalog import Schemas
from linter.schema.core import is_builtin_group

SAMPLE = Path(__file__).resolve().parent.parent / "sample-repo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    config = Config()
    repo = build_repository(discover(SAMPLE), config)
    objects = [r for r in repo.resources if is_builtin_group(r.group) and r.partial is None]

    start = time.perf_counter()
    schemas = Schemas(repo, config, NEWEST_KUBERNETES)
    schemas.core.for_kind("apps", "v1", "Deployment")
    load = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(args.repeat):
        schemas._core_issues.clear()  # keep the loaded schemas, forget the results: validation only
        for resource in objects:
            schemas.core_issues(resource)
    ours = (time.perf_counter() - start) / (args.repeat * len(objects))

    import kubernetes_validate

    version = ".".join(map(str, NEWEST_KUBERNETES))
    start = time.perf_counter()
    for resource in objects:
        with contextlib.suppress(Exception):  # only the time matters here
            kubernetes_validate.validate(resource.root.to_python(), version, strict=True)
    theirs = (time.perf_counter() - start) / len(objects)

    print(f"{len(objects)} built-in objects from {SAMPLE.name}")
    print(f"loading the Kubernetes {version} schemas once: {load * 1000:.1f} ms")
    print(f"located-tree validator: {ours * 1000:.3f} ms per object")
    print(f"kubernetes_validate.validate(): {theirs * 1000:.2f} ms per object")


if __name__ == "__main__":
    main()
