#!/usr/bin/env bash
# Builds the sandbox's fallback image without any registry: debootstrap a minimal Debian,
# then `docker import` it. Used when the configured image can be neither found nor pulled.
# Usage: build-offline-image.sh [IMAGE_TAG] [SUITE]
set -euo pipefail
tag="${1:-architect-bot/sandbox:bookworm}"
suite="${2:-bookworm}"
packages="python3,python3-pip,python3-venv,python3-pytest,git,ca-certificates"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "build-offline-image: $tag already present, nothing to do"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "build-offline-image: debootstrap needs root; run as root or pull an image with python3 instead" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  else
    echo "build-offline-image: debootstrap is missing and apt-get is not available" >&2
    exit 1
  fi
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/architect-rootfs.XXXXXX")"
trap 'rm -rf "$root"' EXIT
echo "build-offline-image: debootstrap $suite into $root (about a minute)"
debootstrap --variant=minbase --include="$packages" "$suite" "$root" >"$root.log" 2>&1 || {
  echo "build-offline-image: debootstrap failed; last lines of its log:" >&2
  tail -n 20 "$root.log" >&2
  exit 1
}
rm -f "$root.log"
# A non-root user the sandbox runs tests as; home under /tmp-like writable space.
chroot "$root" /usr/sbin/useradd --uid 1000 --create-home --shell /bin/sh sandbox
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'LABEL org.architect-bot.offline=1' \
  --change 'CMD ["/bin/sh"]' \
  - "$tag" >/dev/null
echo "build-offline-image: built $tag"
