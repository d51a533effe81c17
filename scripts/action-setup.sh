#!/usr/bin/env bash
# Installs architect-bot for the composite action: a venv made with the runner's python3 (GitHub's
# Ubuntu runners ship 3.12), reused while its key is unchanged. The key hashes pyproject.toml, the
# lock files, the package sources and the interpreter version, so an updated action or runner gets a
# fresh venv.
# How: the dependencies come from requirements/action.txt (exact versions with hashes: no resolving,
# nothing unverified) and are installed by uv (pinned and hash-checked in requirements/uv.txt; a uv
# already on PATH or in $ARCHITECT_UV is used as it is), which installs in parallel: about 10 s cold
# where pip took 30-40 s. Without uv (no wheel for the platform, or ARCHITECT_UV=none), pip installs
# the same lock.
# Where: $RUNNER_TOOL_CACHE/architect-bot/<key> when the runner has a tool cache (GitHub's runners and
# act set it; act keeps it in a Docker volume, self-hosted runners keep it on disk), so later jobs on
# the same runner skip the install; else <action path>/.venv, which lives as long as the job. Venvs of
# other keys unused for ARCHITECT_VENV_MAX_AGE_DAYS (default 7) are removed after an install, so a
# self-hosted runner does not collect one per release. No remote actions: `actions/cache` is optional.
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
lock="$action_path/requirements/action.txt"
uv_lock="$action_path/requirements/uv.txt"

fail() {
  echo "::error title=architect-bot setup::$1"
  exit 1
}

command -v "$python" >/dev/null 2>&1 ||
  fail "no $python on the runner; architect-bot needs Python >= 3.11 (use an ubuntu-22.04 or newer runner, or add actions/setup-python before this action)"
version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
  fail "architect-bot needs Python >= 3.11, the runner's $python is $version (add actions/setup-python with python-version 3.12 before this action)"
[ -f "$lock" ] || fail "$lock is missing: the action's checkout is incomplete"

key="$(
  cd "$action_path"
  {
    echo "python $version"
    cat pyproject.toml requirements/*.txt
    find bot -type f ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-16
)"
if $only_key; then
  echo "$key"
  exit 0
fi
cache_root=""
if [ -n "${RUNNER_TOOL_CACHE:-}" ] && mkdir -p "$RUNNER_TOOL_CACHE/architect-bot" 2>/dev/null &&
  [ -w "$RUNNER_TOOL_CACHE/architect-bot" ]; then
  cache_root="$RUNNER_TOOL_CACHE/architect-bot"
  venv="$cache_root/$key"
else
  venv="$action_path/.venv"
fi
stamp="$venv/.architect-key"

# uv reads its own settings, not pip's: carry a mirror configured for pip over.
if [ -n "${PIP_INDEX_URL:-}" ] && [ -z "${UV_DEFAULT_INDEX:-}${UV_INDEX_URL:-}" ]; then
  export UV_DEFAULT_INDEX="$PIP_INDEX_URL"
fi
if [ -n "${PIP_EXTRA_INDEX_URL:-}" ] && [ -z "${UV_INDEX:-}${UV_EXTRA_INDEX_URL:-}" ]; then
  export UV_INDEX="$PIP_EXTRA_INDEX_URL"
fi
if [ -n "$cache_root" ] && [ -z "${UV_CACHE_DIR:-}" ]; then
  # Next to the venvs (same file system: uv hard-links), so a new key on this runner installs warm.
  export UV_CACHE_DIR="$cache_root/uv-cache"
fi

# Installs into the venv with uv; returns 1 when uv cannot be had (the caller falls back to pip).
install_with_uv() {
  local uv="${ARCHITECT_UV:-}"
  [ "$uv" != none ] || return 1
  if [ -z "$uv" ] && command -v uv >/dev/null 2>&1; then
    uv="$(command -v uv)"
  fi
  if [ -z "$uv" ]; then
    "${pip[@]}" install --quiet --disable-pip-version-check --no-input --no-compile --no-deps \
      --require-hashes -r "$uv_lock" || return 1
    uv="$venv/bin/uv"
  fi
  # --compile-bytecode: what each install adds is compiled now, in parallel, so the run starts
  # without compiling what it imports (seconds for the model SDKs), and later jobs reusing the venv too
  "$uv" pip install --quiet --compile-bytecode --python "$venv/bin/python" --no-deps --require-hashes -r "$lock" ||
    fail "uv could not install requirements/action.txt (see the log above)"
  "$uv" pip install --quiet --compile-bytecode --python "$venv/bin/python" --no-deps "$action_path" ||
    fail "uv could not install architect-bot from $action_path (see the log above)"
  tool=uv
}

install_with_pip() {
  # pip compiles bytecode as it installs (its default): the run then starts without compiling
  # what it imports, seconds for the model SDKs, and later jobs reusing the venv gain it again.
  local quiet=(--quiet --disable-pip-version-check --no-input --no-deps)
  "${pip[@]}" install "${quiet[@]}" --require-hashes -r "$lock" ||
    fail "pip could not install requirements/action.txt (see the log above)"
  "${pip[@]}" install "${quiet[@]}" "$action_path" ||
    fail "pip could not install architect-bot from $action_path (see the log above)"
  tool=pip
}

prune_other_venvs() {
  [ -n "$cache_root" ] || return 0
  local days="${ARCHITECT_VENV_MAX_AGE_DAYS:-7}"
  find "$cache_root" -mindepth 2 -maxdepth 2 -name .architect-key -mtime +"$days" -print0 |
    while IFS= read -r -d '' old; do
      local dir
      dir="$(dirname "$old")"
      [ "$dir" = "$venv" ] && continue
      rm -rf "$dir" "$dir.lock" && echo "architect-bot: removed $dir (unused for more than $days days)"
    done
}

install() {
  if [ -x "$venv/bin/architect-bot" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
    touch "$stamp" # last use, for pruning
    echo "architect-bot: reusing $venv (key $key)"
    return 0
  fi
  local start
  tool=""
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
  if ! install_with_uv; then
    echo "architect-bot: uv is not available here; installing with pip (slower)"
    install_with_pip
  fi
  echo "$key" >"$stamp"
  echo "architect-bot: installed into $venv with $tool in $(($(date +%s) - start)) s (key $key)"
  prune_other_venvs
}

# Two jobs on one self-hosted runner may set up the same key at once: one installs, the other waits.
if [ -n "$cache_root" ] && command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/$key.lock"
  flock 9
fi
install
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "bin=$venv/bin" >>"$GITHUB_OUTPUT"
fi
