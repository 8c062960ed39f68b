"""CI: pipeline gates in GitHub Actions and GitLab CI."""

from checks.ci.build_without_scan import image_build_without_scan
from checks.ci.no_secret_scanning import no_secret_scanning
from checks.ci.out_of_band_deploy import out_of_band_cluster_deploy
from checks.ci.publish_unsigned import image_published_without_signature_or_sbom
from checks.ci.scan_not_blocking import image_scan_not_blocking
from checks.ci.unpinned_action import unpinned_third_party_action

RULES = (
    image_build_without_scan,
    image_scan_not_blocking,
    image_published_without_signature_or_sbom,
    no_secret_scanning,
    out_of_band_cluster_deploy,
    unpinned_third_party_action,
)
