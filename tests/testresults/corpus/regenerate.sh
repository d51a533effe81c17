#!/bin/sh
# Regenerates outputs/ by really running each runner on the fixture projects beside this script, the
# way bot/testresults/instrument.py has the sandbox run them. Each project is copied to $WORK, the
# root the parser tests strip from absolute paths, and the reports land in $REPORT.
#
# Needs: this repository's .venv (its pytest), Docker with architect-bot/sandbox:bookworm (pytest 7.2),
# go (apt-get install golang-go), node + npm (jest and vitest are installed into the copy, or linked
# from $NODE_MODULES when set), cargo. CI needs none of them: it reads the committed outputs only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out="$here/outputs"
WORK=/tmp/architect-corpus/work
REPORT=/tmp/architect-corpus/report
ADDOPTS='--junitxml=$ARCHITECT_REPORT_DIR/pytest.xml -o junit_family=xunit1'
mkdir -p "$out"

fresh() {
    rm -rf "$WORK" "$REPORT"
    mkdir -p "$WORK" "$REPORT"
    cp -r "$here/$1/." "$WORK/"
}

# A module with a syntax error is written into the copy only, so no linter of this repository sees it.
pytest_project() {
    fresh pytest-project
    printf 'def test_broken(:\n    pass\n' > "$WORK/tests/test_syntax_error.py"
}

# pytest of the venv; --continue-on-collection-errors so every kind of outcome is in one report.
pytest_project
(cd "$WORK" && ARCHITECT_REPORT_DIR=$REPORT PYTEST_ADDOPTS=$ADDOPTS \
    "$repo/.venv/bin/python" -m pytest -q -p no:cacheprovider --continue-on-collection-errors) || true
cp "$REPORT/pytest.xml" "$out/pytest9.xml"
# pytest's own node ids, which the ids rebuilt from the XML must equal.
(cd "$WORK" && "$repo/.venv/bin/python" -m pytest --collect-only -q -p no:cacheprovider \
    --continue-on-collection-errors | grep '::' > "$out/pytest9-node-ids.txt") || true

# The same, plain: collection errors interrupt the session before any test runs.
pytest_project
(cd "$WORK" && ARCHITECT_REPORT_DIR=$REPORT PYTEST_ADDOPTS=$ADDOPTS \
    "$repo/.venv/bin/python" -m pytest -q -p no:cacheprovider) || true
cp "$REPORT/pytest.xml" "$out/pytest9-interrupted.xml"

# pytest 7.2 of the offline sandbox image (Debian bookworm's python3-pytest).
pytest_project
docker run --rm --network none --user "$(id -u)" -v "$WORK:/work" -v "$REPORT:/report" -w /work \
    -e ARCHITECT_REPORT_DIR=/report -e PYTEST_ADDOPTS="$ADDOPTS" architect-bot/sandbox:bookworm \
    python3 -m pytest -q -p no:cacheprovider --continue-on-collection-errors || true
cp "$REPORT/pytest.xml" "$out/pytest7.xml"

# go test -json: passes, a failure, a skip, subtests, a panic, a package that does not build.
fresh go-project
(cd "$WORK" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go test -json ./... > "$out/go-test.jsonl" 2>&1) || true
# As instrument() rewrites `go test ./...`: the events go to a report file, stderr stays the output.
fresh go-project
(cd "$WORK" && ARCHITECT_REPORT_DIR=$REPORT GOTOOLCHAIN=local \
    sh -c 'go test -json ./... >> "$ARCHITECT_REPORT_DIR/go-test.jsonl"' > "$out/go-test-report.out" 2>&1) || true
cp "$REPORT/go-test.jsonl" "$out/go-test-report.jsonl"

# jest and vitest, with the reporters instrument() adds.
fresh node-project
if [ -n "${NODE_MODULES:-}" ]; then
    ln -s "$NODE_MODULES" "$WORK/node_modules"
else
    (cd "$WORK" && npm install --no-audit --no-fund --silent jest vitest)
fi
(cd "$WORK" && npx jest --json --outputFile="$REPORT/jest.json" test/) || true
cp "$REPORT/jest.json" "$out/jest.json"
(cd "$WORK" && npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORT/vitest.json" vt) || true
cp "$REPORT/vitest.json" "$out/vitest.json"
node_tools="jest $(cd "$WORK" && npx jest --version), $(cd "$WORK" && npx vitest --version)"

# cargo test (stdout and stderr in one stream, as the sandbox captures them): the default stops after
# the first failing test binary; --no-fail-fast also runs the integration tests and doc-tests.
fresh cargo-project
(cd "$WORK" && cargo test --offline > "$out/cargo-test.txt" 2>&1) || true
(cd "$WORK" && cargo test --offline --no-fail-fast > "$out/cargo-test-no-fail-fast.txt" 2>&1) || true

# Versions, for whoever reads the outputs later.
{
    echo "pytest (venv): $("$repo/.venv/bin/python" -m pytest --version 2>&1)"
    echo "pytest (image): $(docker run --rm architect-bot/sandbox:bookworm python3 -m pytest --version 2>&1)"
    echo "go: $(go version)"
    echo "node: $node_tools"
    echo "cargo: $(cargo --version)"
    echo "workdir: $WORK"
} > "$out/VERSIONS.txt"
