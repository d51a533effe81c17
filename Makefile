# Two commands for a newcomer: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test test-full lint lock docker-ready clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) scripts/check-python.py
	$(PYTHON) -m venv $(VENV)
	# uv (pinned, hash-checked) installs in about a tenth of pip's time; pip stays the fallback.
	# Bytecode is compiled now, in parallel: a run then starts without compiling what it imports
	# (seconds for the model SDKs), also where PYTHONDONTWRITEBYTECODE keeps Python from caching it.
	$(BIN)/python -m pip install -q --require-hashes -r requirements/uv.txt && \
	  $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]' || \
	  $(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: install
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/architect-bot demo

docker-ready:
	bash scripts/ensure-docker.sh

test: install docker-ready
	PATH="$(abspath $(BIN)):$$PATH" bash scripts/test

# Everything, including the slow variants CI samples (tests marked `full`): about twice CI's test time.
test-full: install docker-ready
	ARCHITECT_FULL_SUITE=1 PATH="$(abspath $(BIN)):$$PATH" bash scripts/test

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy bot

# The action's pinned, hashed dependencies (requirements/), after a change to pyproject.toml.
lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
