"""gitops-lint: a NIST SP 800-190 linter for GitOps repositories."""

__version__ = "0.1.0"
