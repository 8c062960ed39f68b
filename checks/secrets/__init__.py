"""SEC: embedded clear-text secrets (SP 800-190 4.1.4)."""

from checks.secrets.argocd_credentials import argocd_credential_secret
from checks.secrets.aws_access_key import aws_access_key
from checks.secrets.ci_exposure import ci_secret_exposure
from checks.secrets.configmap_credentials import configmap_credentials
from checks.secrets.dockerfile_build_arg import dockerfile_secret_build_arg
from checks.secrets.dockerfile_copy import dockerfile_copies_secret_file
from checks.secrets.dockerfile_literal import dockerfile_literal_secret
from checks.secrets.env_literal import env_var_literal_secret
from checks.secrets.gcp_credential import gcp_credential
from checks.secrets.generic_credential import generic_credential
from checks.secrets.git_forge_token import git_forge_token
from checks.secrets.helm_values import helm_values_literal_secret
from checks.secrets.jwt_token import jwt_token
from checks.secrets.key_or_token_secret import plaintext_key_or_token_secret
from checks.secrets.kubeconfig import kubeconfig_credentials_rule
from checks.secrets.plaintext_secret import plaintext_secret_manifest
from checks.secrets.private_key import private_key_material
from checks.secrets.registry_credentials import registry_credentials_committed
from checks.secrets.secret_env import secret_exposed_as_env
from checks.secrets.secret_generator import kustomize_secret_generator_plaintext
from checks.secrets.sensitive_file import sensitive_file_in_repo
from checks.secrets.slack_token import slack_token
from checks.secrets.sops_partial import sops_file_partially_encrypted

RULES = (
    plaintext_secret_manifest,
    registry_credentials_committed,
    plaintext_key_or_token_secret,
    argocd_credential_secret,
    sops_file_partially_encrypted,
    kubeconfig_credentials_rule,
    env_var_literal_secret,
    configmap_credentials,
    helm_values_literal_secret,
    kustomize_secret_generator_plaintext,
    dockerfile_literal_secret,
    dockerfile_secret_build_arg,
    dockerfile_copies_secret_file,
    ci_secret_exposure,
    sensitive_file_in_repo,
    secret_exposed_as_env,
    aws_access_key,
    gcp_credential,
    git_forge_token,
    slack_token,
    private_key_material,
    jwt_token,
    generic_credential,
)
