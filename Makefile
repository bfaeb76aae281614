# `make run` sets up and serves Mindscope; `make test` sets up and runs every test.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STATIC := server/mindscope/static/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts \
	frontend/precompress.ts frontend/tsconfig.json -type f 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup lint protocol lock bench load explore audit clean

run: $(VENV)/.runtime $(STATIC)
	$(BIN)/mindscope serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev $(STATIC) /usr/bin/chromium /usr/share/datasets/fashion-mnist
	$(BIN)/ruff check server tests
	$(BIN)/mypy
	cd frontend && npm test
	AUDIT_OFFLINE=warn $(BIN)/python .ci/audit.py
	$(BIN)/pytest

# Known vulnerabilities in the locked dependencies (pip-audit, npm audit --omit=dev): fails
# on any, and when the advisory services cannot be reached (`make test` only warns then).
audit: $(VENV)/.dev frontend/node_modules/.package-lock.json
	$(BIN)/python .ci/audit.py

setup: $(VENV)/.dev frontend/node_modules/.package-lock.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.dev: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@ $(VENV)/.runtime

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

$(STATIC): frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	cd frontend && npm run build

# Browser tests drive Debian's Chromium (never a downloaded browser).
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# The images lab's tests read the real Fashion-MNIST (`make run` needs it not: the lab
# offers it where it is installed).
/usr/share/datasets/fashion-mnist:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq dataset-fashion-mnist

# Regenerate the frontend's TypeScript types and constants from the server's pydantic models.
protocol: $(VENV)/.runtime frontend/node_modules/.package-lock.json
	$(BIN)/mindscope schema | (cd frontend && npm run --silent gen:protocol) \
		> frontend/src/protocol/messages.ts
	$(BIN)/mindscope constants > frontend/src/protocol/constants.ts

# Measure on this machine: the engine alone, then a real server streaming to 1 client
# and to 20 sessions at once.
bench: $(VENV)/.runtime
	$(BIN)/mindscope bench engine
	$(BIN)/mindscope bench stream

# The soak: 50 sessions streaming for 10 minutes, with control latency and server memory
# over time (`mindscope bench load --sessions N --seconds S` for other sizes).
load: $(VENV)/.runtime
	$(BIN)/mindscope bench load --sessions 50 --seconds 600

# Exploring: 3 sessions change a random setting every 2 s each for 10 minutes, timed to the
# frame that shows it, with the server's memory, memory maps and XLA compilations.
explore: $(VENV)/.runtime
	$(BIN)/mindscope bench explore --sessions 3 --seconds 600

lint: $(VENV)/.dev
	$(BIN)/ruff check server tests
	$(BIN)/mypy
	cd frontend && npm run typecheck

# Refresh requirements.lock from a clean environment.
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet '.[dev]'
	(echo "# Exact versions for 'pip install -c requirements.lock'; refresh with 'make lock'."; \
		build/lock-venv/bin/pip freeze --exclude-editable | grep -v '^mindscope' | sort -f) \
		> requirements.lock

clean:
	rm -rf $(VENV) frontend/node_modules server/mindscope/static build
