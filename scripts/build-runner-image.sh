#!/usr/bin/env bash
# The job image `act` runs workflows in, alone. bot/sandbox/scripts/build-offline-image.sh builds it
# (one debootstrap for this and the sandbox image; see its header for what goes in and why).
# Usage: build-runner-image.sh [IMAGE_TAG] [SUITE]     (idempotent: an existing tag is kept;
#        WITH_DOCKER_CLI=1 adds Debian's docker.io)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
exec bash "$here/bot/sandbox/scripts/build-offline-image.sh" --sandbox '' \
  --runner "${1:-architect-bot/act-runner:bookworm}" --suite "${2:-bookworm}"
