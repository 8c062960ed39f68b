"""The GitHub Action's step: decide what to check, run gitops-lint, publish its outputs.

On a pull request it runs ``gitops-lint check`` from the merge-base of the pull request's base
branch (``origin/<base>``) to the pull request's head commit; ``GITHUB_SHA`` is the merge commit
GitHub made for the run, not what the author pushed. With the ``base`` input it compares with that
branch or commit on any event; otherwise it audits ``path``. The formats are ``github``
(annotations and the job summary) and ``sarif`` (for code scanning). The step's outputs are
``findings``, ``new-findings`` (the same as ``findings`` when nothing was compared) and
``sarif-file``; its exit code is gitops-lint's.

Inputs arrive as ``INPUT_*`` environment variables (the action passes them through ``env:``, never
into the shell's text). Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

EXIT_ERROR = 2
PR_EVENTS = ("pull_request", "pull_request_target")
SEVERITIES = ("critical", "high", "medium", "low", "info")


class ActionError(Exception):
    """Something the workflow must change; shown as one error annotation."""


def git(*args: str) -> str | None:
    proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def commit(ref: str) -> str | None:
    return git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")


def load_event(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ActionError(f"cannot read the event payload {path}: {exc}") from None
    return event if isinstance(event, dict) else {}


def shallow_hint() -> str:
    if git("rev-parse", "--is-shallow-repository") == "true":
        return (
            " The checkout is shallow: set `fetch-depth: 0` on actions/checkout so that the pull "
            "request's history and its base branch are there."
        )
    return " Fetch it (actions/checkout with `fetch-depth: 0` fetches every branch)."


def compared_range(env: dict[str, str], event: dict[str, Any]) -> tuple[str, str] | None:
    """(merge-base, head) to check, or None to audit."""
    pull = event.get("pull_request") if env.get("GITHUB_EVENT_NAME") in PR_EVENTS else None
    base_input = env.get("INPUT_BASE", "").strip()
    if not isinstance(pull, dict) and not base_input:
        return None
    if isinstance(pull, dict):
        head = str(pull.get("head", {}).get("sha", ""))
        base_name = base_input or str(pull.get("base", {}).get("ref", "")) or env.get("GITHUB_BASE_REF", "")
    else:
        head, base_name = env.get("GITHUB_SHA", ""), base_input
    if not head or commit(head) is None:
        raise ActionError(f"the head commit {head or '(unknown)'} is not in the checkout." + shallow_hint())
    base = next(
        (sha for ref in (f"refs/remotes/origin/{base_name}", base_name) if (sha := commit(ref)) is not None), None
    )
    if base is None:
        raise ActionError(
            f"the base {base_name!r} is not in the checkout (looked for origin/{base_name})." + shallow_hint()
        )
    merge_base = git("merge-base", base, head)
    if merge_base is None:
        raise ActionError(f"{base_name!r} and {head[:12]} share no history in the checkout." + shallow_hint())
    return merge_base, head


def command(env: dict[str, str], span: tuple[str, str] | None, sarif: str) -> list[str]:
    lint = [sys.executable, "-m", "linter"]
    if span is None:
        argv = [*lint, "audit", env.get("INPUT_PATH") or "."]
    else:
        argv = [*lint, "check", "--base", span[0], "--head", span[1]]
    argv += ["--format", "github", "--format", f"sarif:{sarif}"]
    fail_on = env.get("INPUT_FAIL_ON", "").strip().lower()
    if fail_on:
        if fail_on not in SEVERITIES:
            raise ActionError(f"fail-on: {fail_on!r} is not one of {', '.join(SEVERITIES)}")
        argv += ["--fail-on", fail_on]
    config = env.get("INPUT_CONFIG", "").strip()
    if config:
        argv += ["--config", config]
    return argv


def counts(sarif: Path) -> tuple[int, int]:
    """(findings, new findings) from the SARIF log: results marked ``baselineState: new`` when two
    trees were compared, every result otherwise."""
    try:
        runs = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    except (OSError, ValueError, KeyError):
        return 0, 0
    results = [r for run in runs for r in run.get("results", [])]
    if any("baselineState" in r for r in results):
        return len(results), sum(1 for r in results if r.get("baselineState") == "new")
    return len(results), len(results)


def set_outputs(env: dict[str, str], values: dict[str, str]) -> None:
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        for key, value in values.items():
            handle.write(f"{key}={value}\n")


def main() -> int:
    env = dict(os.environ)
    workspace = Path(env.get("GITHUB_WORKSPACE") or ".")
    os.chdir(workspace)
    sarif = env.get("INPUT_SARIF_FILE", "").strip() or "gitops-lint.sarif"
    if not re.fullmatch(r"[^\r\n]+", sarif):
        sarif = "gitops-lint.sarif"
    try:
        span = compared_range(env, load_event(env.get("GITHUB_EVENT_PATH")))
        argv = command(env, span, sarif)
    except ActionError as exc:
        print(f"::error title=gitops-lint::{str(exc).replace('%', '%25')}")
        return EXIT_ERROR
    print(f"gitops-lint: {' '.join(argv[3:])}", flush=True)
    code = subprocess.run(argv, check=False).returncode
    findings, new = counts(workspace / sarif)
    set_outputs(env, {"findings": str(findings), "new-findings": str(new), "sarif-file": sarif})
    return code


if __name__ == "__main__":
    sys.exit(main())
