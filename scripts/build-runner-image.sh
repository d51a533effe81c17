#!/usr/bin/env bash
# Builds the job image `act` runs workflows in (its `-P ubuntu-latest=<image>`), without any
# container registry: debootstrap a minimal Debian, then `docker import` it.
#
# What act needs inside a job container: bash (run steps default to `bash -e {0}`), tar (act
# copies files in with `docker cp`), and node only for JavaScript actions (none of ours: the
# action is composite, and act skips a local `actions/checkout`). What the action needs: python3
# >= 3.11 with venv and pip (bookworm has 3.11), git, curl, CA certificates. The Docker engine is
# reached through the host socket that act mounts (--container-daemon-socket), so no docker
# client is needed; set WITH_DOCKER_CLI=1 to add Debian's docker.io for debugging by hand.
# Usage: build-runner-image.sh [IMAGE_TAG] [SUITE]     (idempotent: an existing tag is kept)
set -euo pipefail
tag="${1:-architect-bot/act-runner:bookworm}"
suite="${2:-bookworm}"
packages="python3,python3-venv,python3-pip,git,nodejs,curl,ca-certificates,xz-utils,zstd,unzip,procps"
if [ "${WITH_DOCKER_CLI:-0}" = 1 ]; then packages="$packages,docker.io"; fi

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "build-runner-image: $tag already present, nothing to do"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "build-runner-image: debootstrap needs root; run as root (or tag any image with bash, python3>=3.11 and git as $tag)" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  else
    echo "build-runner-image: debootstrap is missing and apt-get is not available" >&2
    exit 1
  fi
fi

start=$(date +%s)
root="$(mktemp -d "${TMPDIR:-/tmp}/architect-runner-rootfs.XXXXXX")"
trap 'rm -rf "$root" "$root.log"' EXIT
echo "build-runner-image: debootstrap $suite into $root (a minute or two)"
debootstrap --variant=minbase --include="$packages" "$suite" "$root" >"$root.log" 2>&1 || {
  echo "build-runner-image: debootstrap failed; last lines of its log:" >&2
  tail -n 20 "$root.log" >&2
  exit 1
}
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
# GitHub's runners ship a user-writable tool cache; some actions expect the folder.
mkdir -p "$root/opt/hostedtoolcache"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV RUNNER_TOOL_CACHE=/opt/hostedtoolcache' \
  --change 'LABEL org.architect-bot.act-runner=1' \
  --change 'CMD ["/bin/bash"]' \
  - "$tag" >/dev/null
echo "build-runner-image: built $tag in $(( $(date +%s) - start )) s"
