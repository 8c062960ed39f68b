"""The repository as a GitOps graph: Argo CD and Flux objects, what they deploy from where, and
which URLs mean "this repository"."""
