"""AWS: Amazon EKS specifics (load balancers, storage encryption, aws-auth, node metadata service)."""

from checks.aws.alb_without_tls import alb_internet_facing_without_tls
from checks.aws.aws_auth_masters import eks_aws_auth_grants_system_masters
from checks.aws.ebs_unencrypted import ebs_storageclass_unencrypted
from checks.aws.efs_in_transit import efs_encryption_in_transit_disabled
from checks.aws.node_imds import node_metadata_service_exposed
from checks.aws.public_nlb import public_network_load_balancer_unrestricted
from checks.aws.weak_tls_policy import alb_weak_tls_policy

RULES = (
    alb_internet_facing_without_tls,
    alb_weak_tls_policy,
    public_network_load_balancer_unrestricted,
    ebs_storageclass_unencrypted,
    efs_encryption_in_transit_disabled,
    eks_aws_auth_grants_system_masters,
    node_metadata_service_exposed,
)
