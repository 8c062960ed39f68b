"""Cost of schema validation (the SCHEMA rules) per document, against kubernetes-validate's own API.

    python bench/bench_schema.py [DIR] [--repeat 5]

Builds the repository model of DIR (default: sample-repo; `bench/bench_audit.py --docs 10000
--keep DIR` makes a large one) once, then runs every SCHEMA rule over it `--repeat` times with
fresh results and reports the best run per YAML document and per object; then times
`kubernetes_validate.validate()` on a sample of the built-in objects as plain data. No timing is
asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checks.schema import RULES
from linter.config import Config
from linter.context import Context
from linter.discovery import discover
from linter.k8s import NEWEST_KUBERNETES
from linter.repository import build_repository
from linter.rule import Target
from linter.schema.core import is_builtin_group

SAMPLE = Path(__file__).resolve().parent.parent / "sample-repo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reference", type=int, default=200, help="objects to time kubernetes_validate on")
    args = parser.parse_args()
    config = Config()
    repo = build_repository(discover(args.path), config)
    documents = sum(len(source.docs) for source in repo.files if source.docs)
    subjects: dict[Target, Sequence[Any]] = {
        Target.FILE: repo.files,
        Target.OBJECT: repo.resources,
        Target.POD_SPEC: repo.pod_specs,
    }

    ctx = Context(config, repo, frozenset(rule.id for rule in RULES))
    start = time.perf_counter()
    ctx.schemas.core.for_kind("apps", "v1", "Deployment")
    load = time.perf_counter() - start

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        # Keep the loaded and compiled schemas, forget every result: what a scan pays after loading.
        ctx.schemas._core_issues.clear()
        ctx._shared.clear()
        for rule in RULES:
            start = time.perf_counter()
            for subject in subjects[rule.target]:
                for _violation in rule.run(subject, ctx):
                    pass
            elapsed = time.perf_counter() - start
            best[rule.id] = min(best.get(rule.id, elapsed), elapsed)
    total = sum(best.values())

    import kubernetes_validate

    version = ".".join(map(str, NEWEST_KUBERNETES))
    sample = [r for r in repo.resources if is_builtin_group(r.group) and r.partial is None][: args.reference]
    start = time.perf_counter()
    for resource in sample:
        with contextlib.suppress(Exception):  # only the time matters here
            kubernetes_validate.validate(resource.root.to_python(), version, strict=True)
    theirs = (time.perf_counter() - start) / max(1, len(sample))

    print(f"{args.path}: {documents} YAML documents, {len(repo.resources)} objects, {len(repo.pod_specs)} pod specs")
    print(f"loading the Kubernetes {version} schemas once: {load * 1000:.1f} ms")
    for rule_id, seconds in best.items():
        print(f"  {rule_id}: {seconds * 1000:.1f} ms")
    print(
        f"all SCHEMA rules (best of {args.repeat}): {total * 1000:.0f} ms = "
        f"{total / max(1, documents) * 1000:.3f} ms per document, "
        f"{total / max(1, len(repo.resources)) * 1000:.3f} ms per object"
    )
    print(f"kubernetes_validate.validate(): {theirs * 1000:.2f} ms per object ({len(sample)} objects)")


if __name__ == "__main__":
    main()
