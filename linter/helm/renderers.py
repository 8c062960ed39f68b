"""The two ways to run Helm's template engine offline, behind one small interface.

Neither ever reaches the network: no `helm dependency update`, no repositories, and the `lookup`
function answers nothing. Charts are handed over as archives built from the files gitops-lint
already read, so a chart's files can never reach outside the scanned tree.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

RENDER_TIMEOUT = 60  # seconds, for the helm binary


class HelmFailed(Exception):
    """Rendering failed; ``template`` and ``line`` locate the error inside the chart when Helm says."""

    def __init__(self, message: str, template: str | None = None, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.template = template
        self.line = line


class HelmRenderer(Protocol):
    name: str

    def render(
        self, chart: str, files: Mapping[str, bytes], values: dict[str, Any], release: str, namespace: str
    ) -> dict[str, str]:
        """Template path inside the chart (e.g. `templates/deploy.yaml`) -> rendered manifest."""
        ...


_ERROR_AT = re.compile(r"(?:^|\s)([\w.-]+)/(templates/[^\s:]+):(\d+)(?::\d+)?")


def _failure(text: str) -> HelmFailed:
    match = _ERROR_AT.search(text)
    message = " ".join(text.split())
    if match:
        return HelmFailed(message, match.group(2), int(match.group(3)))
    return HelmFailed(message)


def _archive(chart: str, files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path, data in sorted(files.items()):
            info = tarfile.TarInfo(f"{chart}/{path}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _strip_chart(chart: str, rendered: Mapping[str, str]) -> dict[str, str]:
    """`chart/templates/x.yaml` -> `templates/x.yaml` (subchart output keeps `charts/sub/...`)."""
    out: dict[str, str] = {}
    for path, text in rendered.items():
        inside = path.split("/", 1)[1] if "/" in path else path
        out[inside] = text
    return out


class SdkRenderer:
    """Helm's Go SDK in-process, through the `helm-python-sdk` package (`gitops-lint[helm]`)."""

    name = "helm-python-sdk"

    def __init__(self) -> None:
        import helm_python

        self._helm: Any = helm_python

    def render(
        self, chart: str, files: Mapping[str, bytes], values: dict[str, Any], release: str, namespace: str
    ) -> dict[str, str]:
        helm = self._helm
        try:
            loaded = helm.Chart.load_archive(_archive(chart, files))
            rendered = loaded.render(values=values, name=release, namespace=namespace)
        except helm.HelmError as exc:
            raise _failure(str(exc)) from None
        return _strip_chart(chart, rendered)


class BinaryRenderer:
    """`helm template` from a `helm` binary on PATH, on a temporary copy of the chart."""

    name = "helm"

    def __init__(self, executable: str) -> None:
        self.executable = executable

    def render(
        self, chart: str, files: Mapping[str, bytes], values: dict[str, Any], release: str, namespace: str
    ) -> dict[str, str]:
        with tempfile.TemporaryDirectory(prefix="gitops-lint-helm-") as work:
            archive = Path(work) / f"{chart}.tgz"
            archive.write_bytes(_archive(chart, files))
            values_file = Path(work) / "values.json"
            values_file.write_text(json.dumps(values))
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": work,
                "HELM_CACHE_HOME": work,
                "HELM_CONFIG_HOME": work,
                "HELM_DATA_HOME": work,
            }
            try:
                proc = subprocess.run(
                    [
                        self.executable,
                        "template",
                        release,
                        str(archive),
                        "--namespace",
                        namespace,
                        "--values",
                        str(values_file),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=RENDER_TIMEOUT,
                    env=env,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise HelmFailed(f"helm template timed out after {RENDER_TIMEOUT}s") from None
            except OSError as exc:
                raise HelmFailed(f"cannot run {self.executable}: {exc}") from None
        if proc.returncode != 0:
            raise _failure(proc.stderr)
        return _split_sources(proc.stdout)


def _split_sources(output: str) -> dict[str, str]:
    """`helm template` output: documents preceded by `# Source: chart/templates/x.yaml`."""
    rendered: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        if line.startswith("# Source: "):
            path = line[len("# Source: ") :].strip()
            inside = path.split("/", 1)[1] if "/" in path else path
            current = rendered.setdefault(inside, [])
            if current:
                current.append("---")
            continue
        if current is not None and line != "---":
            current.append(line)
    return {path: "\n".join(lines) + "\n" for path, lines in rendered.items()}


def find_renderer(preference: str) -> HelmRenderer | None:
    """The renderer to use: `auto` (the SDK, else a helm binary), `sdk`, `binary`, or `none`."""
    if preference in ("auto", "sdk"):
        try:
            return SdkRenderer()
        except Exception:  # ImportError, or the native library failing to load
            if preference == "sdk":
                return None
    if preference in ("auto", "binary"):
        executable = shutil.which("helm")
        if executable is not None:
            return BinaryRenderer(executable)
    return None
