#!/usr/bin/env bash
# Builds the project's Debian images without any container registry: ONE debootstrap of a minimal
# Debian, then `docker import` of that root filesystem under each wanted tag with its own metadata.
#   - the sandbox's fallback image (tests run in it; used when the configured image can be neither
#     found nor pulled): python3 + pip + venv + pytest, git, CA certificates, user `sandbox` (uid 1000);
#   - the job image `act` runs workflows in (`-P ubuntu-latest=<image>`, the end-to-end tier):
#     the same plus what act and the action need in a job (bash, tar, node for JavaScript actions,
#     curl, archivers, ps) and GitHub's tool cache folder. The Docker engine is reached through the
#     host socket act mounts, so no docker client: WITH_DOCKER_CLI=1 adds Debian's docker.io.
# With both tags, debootstrap installs the union once; the runner is imported first, then the
# runner-only packages are purged (apt autoremove, offline) so the sandbox stays as small as before.
# Idempotent: an existing tag is kept; only missing tags are built (still one debootstrap).
# Usage: build-offline-image.sh [SANDBOX_TAG] [SUITE]          (the sandbox image only)
#        build-offline-image.sh [--sandbox TAG] [--runner TAG] [--suite SUITE]   ('' skips an image)
set -euo pipefail
me="build-offline-image"
sandbox_tag="architect-bot/sandbox:bookworm"
runner_tag=""
suite="bookworm"
usage() { echo "usage: $0 [SANDBOX_TAG] [SUITE] | [--sandbox TAG] [--runner TAG] [--suite SUITE]" >&2; exit 2; }
if [[ "${1:-}" != -* ]]; then
  sandbox_tag="${1:-$sandbox_tag}"
  suite="${2:-$suite}"
else
  while [ "$#" -gt 0 ]; do
    [ "$#" -ge 2 ] || usage
    case "$1" in
      --sandbox) sandbox_tag="$2" ;;
      --runner) runner_tag="$2" ;;
      --suite) suite="$2" ;;
      *) usage ;;
    esac
    shift 2
  done
fi

# Packages debootstrap adds to minbase (Priority: required, and apt) for each image.
sandbox_packages="python3,python3-pip,python3-venv,python3-pytest,git,ca-certificates"
runner_packages="python3,python3-venv,python3-pip,git,nodejs,curl,ca-certificates,xz-utils,zstd,unzip,procps"
if [ "${WITH_DOCKER_CLI:-0}" = 1 ]; then runner_packages="$runner_packages,docker.io"; fi

missing() { [ -n "$1" ] && ! docker image inspect "$1" >/dev/null 2>&1; }
build_sandbox=0
build_runner=0
if missing "$sandbox_tag"; then build_sandbox=1; elif [ -n "$sandbox_tag" ]; then present="$sandbox_tag"; fi
if missing "$runner_tag"; then build_runner=1; elif [ -n "$runner_tag" ]; then present="${present:+$present, }$runner_tag"; fi
if [ -n "${present:-}" ]; then echo "$me: $present already present, kept"; fi
if [ "$build_sandbox$build_runner" = 00 ]; then exit 0; fi

if [ "$(id -u)" != 0 ]; then
  echo "$me: debootstrap needs root; run as root, or tag an image you have (Debian/Ubuntu with bash," \
    "python3>=3.11, pip, git) as ${sandbox_tag:-$runner_tag}" >&2
  exit 1
fi
# mmdebstrap (apt resolves and unpacks in one pass) takes about half of debootstrap's time; either
# gives the same minbase system. ARCHITECT_BOOTSTRAP=debootstrap forces the classic one.
tool="${ARCHITECT_BOOTSTRAP:-}"
if [ -z "$tool" ]; then
  tool=debootstrap
  if command -v mmdebstrap >/dev/null 2>&1; then tool=mmdebstrap; fi
fi
if ! command -v "$tool" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
  else
    echo "$me: $tool is missing and apt-get is not available; install debootstrap (or mmdebstrap)" >&2
    exit 1
  fi
fi

packages=""
if [ "$build_sandbox" = 1 ]; then packages="$sandbox_packages"; fi
if [ "$build_runner" = 1 ]; then packages="${packages:+$packages,}$runner_packages"; fi
packages="$(tr ',' '\n' <<<"$packages" | sort -u | paste -sd, -)"

start=$(date +%s)
root="$(mktemp -d "${TMPDIR:-/tmp}/architect-rootfs.XXXXXX")"
trap 'rm -rf "$root" "$root.log"' EXIT
echo "$me: $tool $suite into $root (a minute or two): $packages"
"$tool" --variant=minbase --include="$packages" "$suite" "$root" >"$root.log" 2>&1 || {
  echo "$me: $tool failed; last lines of its log:" >&2
  tail -n 20 "$root.log" >&2
  exit 1
}
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

# import_as TAG CHANGE...: the root filesystem as it is now, under TAG, with Dockerfile-style changes.
import_as() {
  local tag="$1" change=()
  shift
  for c in 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' "$@"; do
    change+=(--change "$c")
  done
  tar -C "$root" -c . | docker import "${change[@]}" - "$tag" >/dev/null
  echo "$me: built $tag ($(( $(date +%s) - start )) s so far)"
}

if [ "$build_runner" = 1 ]; then
  # GitHub's runners ship a user-writable tool cache; some actions expect the folder.
  mkdir -p "$root/opt/hostedtoolcache"
  import_as "$runner_tag" 'ENV RUNNER_TOOL_CACHE=/opt/hostedtoolcache' \
    'LABEL org.architect-bot.act-runner=1' 'CMD ["/bin/bash"]'
  rmdir "$root/opt/hostedtoolcache"
fi
if [ "$build_sandbox" = 1 ]; then
  # Keep minbase (required + Essential + apt) and the sandbox's packages with their dependencies,
  # purge everything else the runner brought (nodejs, curl, ...): the set debootstrap would have
  # installed for the sandbox alone (it ignores Recommends too). Offline: apt reads dpkg's status.
  # shellcheck disable=SC2086 # the package list splits into words on purpose
  chroot "$root" /bin/sh -es -- ${sandbox_packages//,/ } <<'EOF' || {
dpkg-query -W -f '${Package}\n' | xargs apt-mark auto >/dev/null
dpkg-query -W -f '${Package} ${Priority} ${Essential}\n' |
  awk '$2 == "required" || $3 == "yes" { print $1 }' | xargs apt-mark manual >/dev/null
apt-mark manual apt "$@" >/dev/null
apt-get autoremove --purge -y -qq -o APT::AutoRemove::RecommendsImportant=false \
  -o APT::AutoRemove::SuggestsImportant=false -o Dpkg::Use-Pty=0 >/dev/null
rm -f /var/lib/apt/extended_states /var/cache/apt/*.bin /var/log/apt/*
EOF
    echo "$me: could not purge the job image's extra packages for the sandbox image (apt's errors above);" \
      "build the sandbox image alone: $0 --sandbox $sandbox_tag" >&2
    exit 1
  }
  # A non-root user the sandbox runs tests as.
  chroot "$root" /usr/sbin/useradd --uid 1000 --create-home --shell /bin/sh sandbox
  import_as "$sandbox_tag" 'LABEL org.architect-bot.offline=1' 'CMD ["/bin/sh"]'
fi
