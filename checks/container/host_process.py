"""CTR015 windows-host-process."""

from __future__ import annotations

from collections.abc import Iterator

from checks.container._securitycontext import security_contexts
from linter.context import Context
from linter.k8s import PodSpec, is_true
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.yamlnodes import YMap, YNode

_FIX = "run the workload as a normal Windows container"


def _host_process(sc: YMap | None) -> YNode | None:
    options = sc.get("windowsOptions") if sc is not None else None
    node = options.get("hostProcess") if isinstance(options, YMap) else None
    return node if is_true(node) else None


@Rule(
    id="CTR015",
    slug="windows-host-process",
    title="A Windows container runs as a HostProcess container.",
    severity=Severity.HIGH,
    nist=("4.4.3", "4.5.5"),
    target=Target.POD_SPEC,
    summary="""
        Reports `windowsOptions.hostProcess: true` in the pod's securityContext and in each
        container's.
        """,
    rationale="""
        A HostProcess container runs directly on the Windows node, in the host's network and
        filesystem, with the privileges of a node account (often SYSTEM). It is the Windows
        equivalent of a privileged container with host namespaces.
        """,
    fix="Do not use HostProcess containers for application workloads.",
    bad="""
        spec:
          os: {name: windows}
          hostNetwork: true
          securityContext:
            windowsOptions:
              hostProcess: true
              runAsUserName: "NT AUTHORITY\\\\SYSTEM"
          containers:
            - name: agent
              image: ghcr.io/acme/win-agent:1.2.0
        """,
    good="""
        spec:
          os: {name: windows}
          containers:
            - name: agent
              image: ghcr.io/acme/win-agent:1.2.0
        """,
    notes="The pod-level setting is reported on its own, even when every container sets hostProcess: false.",
    refs=(
        "KSV103",
        "Polaris hostProcess",
        "Kubescape C-0202",
        "Kyverno disallow-host-process",
        "PSS baseline: HostProcess",
    ),
)
def windows_host_process(pod: PodSpec, ctx: Context) -> Iterator[Violation]:
    for who, sc in security_contexts(pod):
        node = _host_process(sc)
        if node is not None:
            yield Violation(f"{who} sets windowsOptions.hostProcess: true; {_FIX}", at=node)
