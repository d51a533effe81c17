#!/usr/bin/env bash
# Installs architect-bot for the composite action: a venv made with the runner's python3 (GitHub's
# Ubuntu runners ship 3.12), reused while its key is unchanged. The key hashes pyproject.toml, the
# package sources and the interpreter version, so an updated action or runner gets a fresh venv.
# Where: $RUNNER_TOOL_CACHE/architect-bot/<key> when the runner has a tool cache (GitHub's runners and
# act set it; act keeps it in a Docker volume, self-hosted runners keep it on disk), so later jobs on
# the same runner skip the install (about a minute); else <action path>/.venv, which lives as long as
# the job. No remote actions: `actions/cache` is optional for users.
# Usage: action-setup.sh ACTION_PATH   (writes `bin=<venv>/bin` to $GITHUB_OUTPUT when set)
#        action-setup.sh --key ACTION_PATH   (only prints the venv's key)
set -euo pipefail
only_key=false
if [ "${1:-}" = "--key" ]; then
  only_key=true
  shift
fi
action_path="${1:?usage: action-setup.sh [--key] ACTION_PATH}"
python="${ARCHITECT_PYTHON:-python3}"

fail() {
  echo "::error title=architect-bot setup::$1"
  exit 1
}

command -v "$python" >/dev/null 2>&1 ||
  fail "no $python on the runner; architect-bot needs Python >= 3.11 (use an ubuntu-22.04 or newer runner, or add actions/setup-python before this action)"
version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
  fail "architect-bot needs Python >= 3.11, the runner's $python is $version (add actions/setup-python with python-version 3.12 before this action)"

key="$(
  cd "$action_path"
  {
    echo "python $version"
    cat pyproject.toml
    find bot -type f ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-16
)"
if $only_key; then
  echo "$key"
  exit 0
fi
if [ -n "${RUNNER_TOOL_CACHE:-}" ] && mkdir -p "$RUNNER_TOOL_CACHE/architect-bot" 2>/dev/null &&
  [ -w "$RUNNER_TOOL_CACHE/architect-bot" ]; then
  venv="$RUNNER_TOOL_CACHE/architect-bot/$key"
else
  venv="$action_path/.venv"
fi
stamp="$venv/.architect-key"

if [ -x "$venv/bin/architect-bot" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
  echo "architect-bot: reusing $venv (key $key)"
else
  start=$(date +%s)
  rm -rf "$venv"
  # Without pip inside: seeding pip into a venv (ensurepip) costs seconds; the runner's own pip
  # can install into the venv with --python (pip >= 22.3). Otherwise seed it after all.
  "$python" -m venv --without-pip "$venv" ||
    fail "$python -m venv failed: install the venv module (Debian/Ubuntu: apt-get install python3-venv)"
  if "$python" -m pip --python "$venv/bin/python" --version >/dev/null 2>&1; then
    pip=("$python" -m pip --python "$venv/bin/python")
  else
    "$venv/bin/python" -m ensurepip --default-pip >/dev/null ||
      fail "no pip for $python and ensurepip failed (Debian/Ubuntu: apt-get install python3-venv python3-pip)"
    pip=("$venv/bin/python" -m pip)
  fi
  # --no-compile: byte-compiling every dependency up front costs more than compiling what one run imports.
  "${pip[@]}" install --quiet --disable-pip-version-check --no-input --no-compile "$action_path" ||
    fail "pip could not install architect-bot from $action_path (see the log above)"
  echo "$key" >"$stamp"
  echo "architect-bot: installed into $venv in $(($(date +%s) - start)) s (key $key)"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "bin=$venv/bin" >>"$GITHUB_OUTPUT"
fi
