#!/usr/bin/env bash
# Makes sure a Docker engine answers and the offline images exist: the sandbox's and the job image
# of the end-to-end tier (act), both from one debootstrap; ARCHITECT_ACT_IMAGE='' skips the latter.
# Installs docker.io when there is no engine and we may (root + apt), starts dockerd detached.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
image="${ARCHITECT_SANDBOX_IMAGE:-architect-bot/sandbox:bookworm}"
runner_image="${ARCHITECT_ACT_IMAGE-architect-bot/act-runner:bookworm}"

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

if ! engine_answers; then
  if ! command -v dockerd >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "ensure-docker: installing docker.io"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io mmdebstrap debootstrap >/dev/null
    else
      echo "ensure-docker: no Docker engine and cannot install one (need root and apt-get)" >&2
      exit 1
    fi
  fi
  echo "ensure-docker: starting dockerd (log: /tmp/architect-dockerd.log)"
  setsid dockerd >/tmp/architect-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_answers && break
    sleep 1
  done
  if ! engine_answers; then
    echo "ensure-docker: dockerd did not answer within 60 s; last log lines:" >&2
    tail -n 20 /tmp/architect-dockerd.log >&2
    exit 1
  fi
fi
echo "ensure-docker: engine answers ($(docker version --format '{{.Server.Version}}'))"
bash "$here/bot/sandbox/scripts/build-offline-image.sh" --sandbox "$image" --runner "$runner_image"
