"""Benchmark `gitops-lint check` on a 20-commit pull request against a full `audit` of the same tree.

    python bench/bench_check.py --docs 10000 [--commits 20] [--runs 3] [--keep DIR]

Builds the synthetic repository of bench_audit.py (sample-repo copied into tenant directories),
commits it as `main`, then makes a `pr` branch of ``--commits`` commits that touch a few files
each: scale a Deployment, break and fix an image tag, add a privileged debug pod, rename a
manifest, edit a Dockerfile, merge `main` back in halfway. It then times, in child processes,
`audit` of the tree at head and `check --base main --head pr`, and prints the phases of one check
run in this process (range and diffs, reading and linting each tree) and how many blobs it parsed.
No timing is asserted anywhere: this is for humans and closing notes.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_audit import build

_GIT_ENV = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false")


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *_GIT_ENV, *args], cwd=repo, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old in text:
        path.write_text(text.replace(old, new, 1))


def make_pull_request(repo: Path, commits: int) -> None:
    """`pr`: ``commits`` commits (one a merge of `main`), each touching a few files of a few tenants."""
    tenants = sorted(p for p in (repo / "tenants").iterdir() if p.is_dir())
    git(repo, "checkout", "-q", "-b", "pr")
    for number in range(commits):
        tenant = tenants[(number * 7) % len(tenants)]
        step = number % 5
        if number == commits // 2:
            git(repo, "checkout", "-q", "main")
            (repo / "MAINTAINERS.md").write_text("platform team\n")
            commit_all(repo, "main: maintainers")
            git(repo, "checkout", "-q", "pr")
            git(repo, "merge", "-q", "--no-ff", "main", "-m", "Merge main into pr")
            continue
        if step == 0:
            edit(tenant / "apps/storefront/base/deployment.yaml", "replicas: 2", f"replicas: {3 + number}")
        elif step == 1:
            edit(tenant / "apps/storefront/base/deployment.yaml", ":latest", ":1.8.0")
        elif step == 2:
            debug = tenant / "platform/debug" / f"pod-{number}.yaml"
            debug.parent.mkdir(parents=True, exist_ok=True)
            debug.write_text(
                f"apiVersion: v1\nkind: Pod\nmetadata: {{name: debug-{number}}}\nspec:\n  containers:\n"
                "    - name: shell\n      image: docker.io/library/busybox:1.36.1\n"
                "      securityContext: {privileged: true}\n"
            )
        elif step == 3:
            source = tenant / "apps/storefront/Dockerfile"
            if source.exists():
                source.rename(tenant / "apps/storefront/web.Dockerfile")
        else:
            edit(tenant / "platform/monitoring/node-debugger.yaml", "hostPID: true", "hostPID: false")
        commit_all(repo, f"Change {number} in {tenant.name}")


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv[2:5])} failed ({proc.returncode}): {proc.stderr}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="approximate number of YAML documents")
    parser.add_argument("--commits", type=int, default=20, help="commits in the pull request")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gitops-lint-bench-check-"))
    try:
        if workdir.exists() and args.keep:
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        files, docs = build(workdir, args.docs)
        git(workdir, "init", "-q", "-b", "main")
        commit_all(workdir, "Synthetic platform repository")
        make_pull_request(workdir, args.commits)
        changed = len([line for line in git(workdir, "diff", "--name-only", "main...pr").splitlines() if line])
        out = Path(tempfile.mkdtemp(prefix="gitops-lint-bench-out-"))
        lint = [sys.executable, "-m", "linter"]
        audit = timed([*lint, "audit", str(workdir), "--format", "json", "-o", str(out / "a.json")], args.runs)
        check = timed(
            [
                *lint,
                "check",
                "--repo",
                str(workdir),
                "--base",
                "main",
                "--head",
                "pr",
                "--format",
                "json",
                "-o",
                str(out / "c.json"),
            ],
            args.runs,
        )
        print(
            f"repository: {files} files, {docs} YAML documents; pull request: {args.commits} commits, "
            f"{changed} files changed ({workdir})"
        )
        print(f"audit (head, work tree): best {min(audit):.2f}s, median {statistics.median(audit):.2f}s")
        print(
            f"check main..pr:          best {min(check):.2f}s, median {statistics.median(check):.2f}s "
            f"({min(check) / min(audit):.2f}x the audit)"
        )
        phases(workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def phases(repo: Path) -> None:
    """One check in this process, phase by phase."""
    from linter.check import run_check
    from linter.config import Config

    gc.disable()
    run = run_check(repo, Config(), "main", "pr")
    total = sum(run.timings.values())
    parts = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in run.timings.items())
    commits = run.history.commits
    print(f"check phases (in process, {total:.2f}s): {parts}")
    print(
        f"{len(commits)} commits ({sum(1 for c in commits if c.is_merge)} merge); {run.blobs_parsed} blobs parsed for "
        f"two trees of {len(run.head.files)} files; {len(run.findings)} new findings, {len(run.fixed)} fixed"
    )


if __name__ == "__main__":
    main()
