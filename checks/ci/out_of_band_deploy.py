"""CI005 out-of-band-cluster-deploy."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.location import FixedSpan
from linter.pipelines import Job, pipelines
from linter.repository import Repository
from linter.rule import Rule, Target, Violation
from linter.severity import Severity
from linter.shell import Command

_KUBECTL = frozenset(
    {"apply", "create", "replace", "patch", "delete", "edit", "run", "set", "scale", "label", "annotate"}
)
_HELM = frozenset({"install", "upgrade", "uninstall", "rollback", "delete"})
_ARGOCD = frozenset({"sync", "set", "create", "delete"})
_EPHEMERAL_ACTIONS = ("helm/kind-action", "medyagh/setup-minikube", "nolar/setup-k3d-k3s", "azure/setup-kind")


def _mutates(c: Command) -> bool:
    args = [a for a in c.args if not a.startswith("-")]
    if c.name == "kubectl":
        verb = args[0] if args else ""
        if verb == "rollout":
            return args[1:2] == ["restart"]
        return verb in _KUBECTL and not c.has("--dry-run")
    if c.name == "helm":
        return bool(args) and args[0] in _HELM and not c.has("--dry-run")
    if c.name == "argocd":
        return args[:1] == ["app"] and args[1:2] != [] and args[1] in _ARGOCD
    return False


def _ephemeral(job: Job) -> bool:
    for step in job.steps:
        if step.action.startswith(_EPHEMERAL_ACTIONS):
            return True
        for c in step.commands():
            if (
                (c.name == "kind" and c.args[:2] == ["create", "cluster"])
                or (c.name == "k3d" and c.args[:2] == ["cluster", "create"])
                or (c.name == "minikube" and c.args[:1] == ["start"])
            ):
                return True
    return False


@Rule(
    id="CI005",
    slug="out-of-band-cluster-deploy",
    title="A pipeline changes a cluster directly, bypassing the GitOps controller.",
    severity=Severity.MEDIUM,
    nist=("4.4.5", "4.3.1"),
    target=Target.REPO,
    summary="""
        Reports CI steps that change a cluster directly: `kubectl` apply/create/replace/patch/delete/edit/
        run/set/scale/label/annotate or `rollout restart` without `--dry-run`, `helm` install/upgrade/
        uninstall/rollback without `--dry-run`, and `argocd app sync|set|create|delete`. Jobs that create
        an ephemeral cluster (kind, k3d, minikube, kind-action) are exempt.
        """,
    rationale="""
        In GitOps the repository is the source of truth and the controller applies it. A pipeline with
        cluster credentials that applies changes itself is a second, unreviewed path to production, and
        its credentials are a prize for anyone who can run a job.
        """,
    fix="Change the desired state in git and let Argo CD/Flux apply it.",
    bad="""
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: kubectl apply -f k8s/
        """,
    good="""
        on: push
        jobs:
          validate:
            runs-on: ubuntu-latest
            steps:
              - run: kubectl apply --dry-run=server -f k8s/
        """,
    example_path=".github/workflows/deploy.yml",
)
def out_of_band_cluster_deploy(repo: Repository, ctx: Context) -> Iterator[Violation]:
    for pipeline in pipelines(repo.files):
        for job in pipeline.jobs:
            if _ephemeral(job):
                continue
            for step in job.steps:
                for command in step.commands():
                    if _mutates(command):
                        text = " ".join([command.words[0].text, *command.args[:2]])
                        yield Violation(
                            f"{pipeline.path} job {job.name!r} changes the cluster directly ({text}); "
                            "let the GitOps controller apply it",
                            at=FixedSpan(step.command_span(command)),
                            evidence=f"{job.name}:{text}",
                        )
