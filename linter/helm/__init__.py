"""Helm charts: render them offline (Helm's Go SDK through the optional `gitops-lint[helm]` extra,
or a `helm` binary on PATH) once per consumer in the repository, and map every rendered field
back to the template line or the values line it came from."""
