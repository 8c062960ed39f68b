#!/bin/sh
# Package the status-page chart and push it to the OCI registries.
set -eu

chart_dir="$(dirname "$0")/../charts/status-page"
helm package "$chart_dir" --destination /tmp/charts

# GitHub Container Registry: token from the CI secret, read on stdin.
echo "$GHCR_TOKEN" | helm registry login ghcr.io -u acme-ci --password-stdin
helm push /tmp/charts/status-page-*.tgz oci://ghcr.io/acme/charts

# Legacy Harbor mirror, kept until the Q3 cut-over.
helm registry login harbor.acme.internal -u robot-charts -p 'Harb0r-r0bot-2023'
helm push /tmp/charts/status-page-*.tgz oci://harbor.acme.internal/charts
