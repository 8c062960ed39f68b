"""GIT: per-commit and merge checks over a pull request's range (`gitops-lint check`)."""

from checks.git.dco_signoff import missing_dco_signoff
from checks.git.evil_merge import evil_merge
from checks.git.merge_commit import merge_commit_in_linear_history
from checks.git.protected_path import protected_path_changed
from checks.git.risky_file import risky_file_added
from checks.git.secret_in_history import secret_in_commit_history
from checks.git.suppression_changed import suppression_or_baseline_changed
from checks.git.unsigned_commit import unsigned_commit
from checks.git.unsigned_merge import unsigned_merge_commit

RULES = (
    unsigned_commit,
    secret_in_commit_history,
    evil_merge,
    unsigned_merge_commit,
    merge_commit_in_linear_history,
    missing_dco_signoff,
    protected_path_changed,
    suppression_or_baseline_changed,
    risky_file_added,
)
