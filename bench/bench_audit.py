"""Benchmark `gitops-lint audit` on a synthetic repository built from sample-repo content.

    python bench/bench_audit.py --docs 10000 [--keep DIR] [--runs 3]

Copies the sample repository's files into numbered tenant directories (renaming the objects so they
stay distinct) until the tree holds about the requested number of YAML documents, then runs the
CLI in a child process several times and prints files/s, documents/s and the child's peak memory.
No timing is asserted anywhere: this is for humans and closing notes.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample-repo"


def count_docs(text: str) -> int:
    return max(1, len(re.findall(r"^---\s*$", text, flags=re.MULTILINE)) + 1)


def build(target: Path, docs_wanted: int) -> tuple[int, int]:
    sources = [p for p in SAMPLE.rglob("*") if p.is_file() and p.name != "EXPECTED.md"]
    docs_per_copy = sum(count_docs(p.read_text()) for p in sources if p.suffix in (".yaml", ".yml"))
    copies = max(1, -(-docs_wanted // docs_per_copy))
    files = docs = 0
    for i in range(copies):
        tenant = target / "tenants" / f"t{i:04d}"
        for path in sources:
            rel = path.relative_to(SAMPLE)
            out = tenant / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text()
            if path.suffix in (".yaml", ".yml"):
                text = re.sub(
                    r"^(\s*name:\s*)([a-z0-9][-a-z0-9.]*)$", rf"\g<1>\g<2>-t{i:04d}", text, flags=re.MULTILINE
                )
                docs += count_docs(text)
            out.write_text(text)
            files += 1
    return files, docs


def run_once(repo: Path, output: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "audit",
            str(repo),
            "--format",
            "json",
            "--output",
            str(output),
            "--exit-zero",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {proc.stderr}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="approximate number of YAML documents")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gitops-lint-bench-"))
    try:
        if workdir.exists() and args.keep:
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        files, docs = build(workdir, args.docs)
        times = []
        peak_kib = 0
        output = Path(tempfile.mkstemp(prefix="gitops-lint-bench-", suffix=".json")[1])
        for _ in range(args.runs):
            elapsed, peak_kib = run_once(workdir, output)
            times.append(elapsed)
        best, median = min(times), statistics.median(times)
        print(f"repository: {files} files, {docs} YAML documents ({workdir})")
        print(f"audit wall time: best {best:.2f}s, median {median:.2f}s over {args.runs} runs")
        print(f"throughput (best run): {files / best:,.0f} files/s, {docs / best:,.0f} docs/s")
        print(f"peak memory of the audit process: {peak_kib / 1024:.0f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
