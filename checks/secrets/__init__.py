"""SEC: embedded clear-text secrets (SP 800-190 4.1.4)."""

from checks.secrets.plaintext_secret import plaintext_secret_manifest

RULES = (plaintext_secret_manifest,)
