"""SEC: embedded clear-text secrets (SP 800-190 4.1.4)."""

from checks.secrets.aws_access_key import aws_access_key
from checks.secrets.gcp_credential import gcp_credential
from checks.secrets.generic_credential import generic_credential
from checks.secrets.git_forge_token import git_forge_token
from checks.secrets.jwt_token import jwt_token
from checks.secrets.plaintext_secret import plaintext_secret_manifest
from checks.secrets.private_key import private_key_material
from checks.secrets.slack_token import slack_token

RULES = (
    plaintext_secret_manifest,
    aws_access_key,
    gcp_credential,
    git_forge_token,
    slack_token,
    private_key_material,
    jwt_token,
    generic_credential,
)
