#!/usr/bin/env bash
# Writes the action's lock files from pyproject.toml: requirements/action.txt (every runtime
# dependency at an exact version, with the hashes of all its files, for any platform and Python >= 3.11)
# and requirements/uv.txt (the uv that installs it). scripts/action-setup.sh installs from them;
# tests/events/test_action_lock.py checks they still satisfy pyproject.toml.
# Run after changing dependencies:  bash scripts/lock.sh [UV_VERSION]   (default: the pinned one)
set -euo pipefail
cd "$(dirname "$0")/.."
pinned="$(sed -n 's/^uv==\([0-9.]*\).*/\1/p' requirements/uv.txt 2>/dev/null || true)"
version="${1:-${pinned:-0.13.9}}"
tools="$(mktemp -d "${TMPDIR:-/tmp}/architect-lock.XXXXXX")"
trap 'rm -rf "$tools"' EXIT
python3 -m venv --without-pip "$tools/venv"
python3 -m pip --python "$tools/venv/bin/python" install --quiet --disable-pip-version-check "uv==$version"
uv="$tools/venv/bin/uv"
export UV_CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh"
"$uv" pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet \
  -o requirements/action.txt
echo "uv==$version" >"$tools/uv.in"
"$uv" pip compile "$tools/uv.in" --universal --generate-hashes --quiet --no-header -o requirements/uv.txt
echo "lock: requirements/action.txt ($(grep -c '==' requirements/action.txt) packages), requirements/uv.txt (uv $version)"
