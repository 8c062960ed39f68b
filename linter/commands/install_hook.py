"""`gitops-lint install-hook [pre-commit|pre-push]`: a plain git hook, for repositories that do not
use the pre-commit framework.

- ``pre-commit`` judges the staged files on their own (``audit --file-local``), fast;
- ``pre-push`` checks the commits being pushed (``check``) for each pushed branch: from what the
  remote has to what is pushed, or, for a new branch, from where its commits leave the remote's.

The hook runs the interpreter that installed it (falling back to ``gitops-lint`` on PATH when that
one is gone) and carries a marker line: a hook without it is someone else's and is only replaced
with ``--force`` (it is kept next to ours as ``<name>.orig``).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from linter.commands.common import EXIT_OK, UsageError

MARKER = "# gitops-lint-hook"
HOOKS = ("pre-commit", "pre-push")

_PREAMBLE = """#!/usr/bin/env bash
{marker} {name}: installed by `gitops-lint install-hook {name}`; delete this file to remove it.
set -u
if [ -x {python} ]; then lint=({python} -m linter); else lint=(gitops-lint); fi
"""

_PRE_COMMIT = """files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(git diff --cached --name-only --diff-filter=ACMR -z)
[ "${#files[@]}" -eq 0 ] && exit 0
exec "${lint[@]}" audit --file-local -- "${files[@]}"
"""

# stdin: "<local ref> <local sha> <remote ref> <remote sha>" per pushed ref; $1 is the remote.
_PRE_PUSH = """remote="$1"
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  [[ "$local_sha" =~ ^0+$ ]] && continue  # a deletion: nothing to check
  base="$remote_sha"
  if [[ "$base" =~ ^0+$ ]] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    # A new branch, or one the remote moved since we last fetched: start where the pushed
    # commits leave what we know of the remote.
    base=$(git rev-list --boundary "$local_sha" --not --remotes="$remote" | sed -n 's/^-//p' | head -n 1)
    if [ -z "$base" ]; then
      echo "gitops-lint: $local_ref shares no commit with what is known of $remote; not checked" >&2
      continue
    fi
  fi
  "${lint[@]}" check --base "$base" --head "$local_sha" || status=$?
done
exit "$status"
"""


def register(commands: Any) -> None:
    parser = commands.add_parser("install-hook", help="install a git hook that runs gitops-lint")
    parser.add_argument("hook", nargs="?", choices=HOOKS, default="pre-commit", help="which hook (default: pre-commit)")
    parser.add_argument("--force", action="store_true", help="replace a hook that gitops-lint did not install")
    parser.add_argument("--repo", metavar="DIR", default=".", help="the repository (default: the current directory)")
    parser.set_defaults(handler=run)


def script(hook: str, python: str) -> str:
    body = _PRE_COMMIT if hook == "pre-commit" else _PRE_PUSH
    return _PREAMBLE.format(marker=MARKER, name=hook, python=shlex.quote(python)) + body


def hooks_dir(repo: Path) -> Path:
    """Where git looks for hooks (``core.hooksPath`` and worktrees included)."""

    def git(*args: str, cwd: Path) -> str:
        try:
            proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            raise UsageError(f"cannot run git: {exc}") from None
        if proc.returncode != 0:
            raise UsageError(f"not a git repository: {repo}")
        return proc.stdout.strip()

    if not repo.is_dir():
        raise UsageError(f"no such directory: {repo}")
    top = Path(git("rev-parse", "--show-toplevel", cwd=repo))
    return top / git("rev-parse", "--git-path", "hooks", cwd=top)


def run(args: argparse.Namespace) -> int:
    directory = hooks_dir(Path(args.repo))
    target = directory / args.hook
    if target.exists() and MARKER not in target.read_text(encoding="utf-8", errors="replace"):
        if not args.force:
            raise UsageError(
                f"{target} exists and was not installed by gitops-lint; "
                "add --force to replace it (it is kept as " + target.name + ".orig)"
            )
        target.replace(target.with_name(target.name + ".orig"))
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(script(args.hook, sys.executable), encoding="utf-8")
    target.chmod(0o755)
    print(f"installed {target}")
    return EXIT_OK
