"""FLUX015 controller-lockdown-weak."""

from __future__ import annotations

from collections.abc import Iterator

from checks.flux._flux import controller_args, flag
from linter.context import Context
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity

_INSECURE = ("--insecure-kubeconfig-exec", "--insecure-kubeconfig-tls")
_LOCKDOWN = {
    "--no-cross-namespace-refs": (
        "kustomize-controller",
        "helm-controller",
        "notification-controller",
        "image-reflector-controller",
        "image-automation-controller",
    ),
    "--no-remote-bases": ("kustomize-controller",),
    "--default-service-account": ("kustomize-controller", "helm-controller"),
}


@Rule(
    id="FLUX015",
    slug="controller-lockdown-weak",
    title="Flux controllers run with insecure kubeconfig options or without multi-tenancy lockdown.",
    severity=Severity.MEDIUM,
    nist=("4.3.1", "4.3.5"),
    target=Target.REPO,
    summary="""
        Reads the Flux controller Deployments in the repository (gotk-components.yaml, after the
        flux-system kustomization's patches): reports `--insecure-kubeconfig-exec=true` or
        `--insecure-kubeconfig-tls=true` (high), and, in multi-tenant repositories, a missing lockdown
        flag: `--no-cross-namespace-refs=true`, `--no-remote-bases=true` on the kustomize-controller, and
        `--default-service-account` on the kustomize- and helm-controllers.
        """,
    rationale="""
        Without the lockdown flags a tenant can reference other namespaces' sources, pull remote bases
        nobody reviewed, and reconcile with the controllers' cluster-admin identity. Insecure kubeconfig
        options let a kubeconfig run arbitrary commands or skip TLS inside the controller.
        """,
    fix="Apply the Flux multi-tenancy lockdown patches and remove insecure kubeconfig flags.",
    bad="""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: kustomize-controller, namespace: flux-system}
        spec:
          template:
            spec:
              containers:
                - name: manager
                  image: ghcr.io/fluxcd/kustomize-controller:v1.4.0
                  args: ["--watch-all-namespaces=true", "--insecure-kubeconfig-exec=true"]
        """,
    good="""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: kustomize-controller, namespace: flux-system}
        spec:
          template:
            spec:
              containers:
                - name: manager
                  image: ghcr.io/fluxcd/kustomize-controller:v1.4.0
                  args: ["--watch-all-namespaces=true"]
        """,
)
def controller_lockdown_weak(repo: Repository, ctx: Context) -> Iterator[Violation]:
    controllers = controller_args(ctx)
    deployments = {r.name: r for r in repo.resources if r.kind == "Deployment" and r.name in controllers}
    for name, args in sorted(controllers.items()):
        for option in _INSECURE:
            arg = flag(args, option)
            if arg is not None and arg.text.endswith("=true"):
                yield Violation(
                    f"{name} runs with {arg.text}", at=arg, subject=deployments[name], severity=Severity.HIGH
                )
    if not ctx.gitops.multi_tenant:
        return
    for option, names in _LOCKDOWN.items():
        for name in names:
            if name not in controllers:
                continue
            arg = flag(controllers[name], option)
            if arg is None or arg.text.endswith("=false"):
                yield Violation(
                    f"multi-tenant repository: {name} runs without {option}",
                    subject=deployments[name],
                    evidence=f"{name}:{option}",
                )
