# The two commands a newcomer needs: `make run` and `make test`.
PY      := .venv/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8050
RAW     ?= $(or $(OBSERVATORY_RAW),../shared/data/raw)
STORE   ?= $(or $(OBSERVATORY_STORE),data/store)
export OBSERVATORY_RAW := $(RAW)
export OBSERVATORY_STORE := $(STORE)

.PHONY: setup system store run test bench bench-pages lint clean

.venv/.installed: requirements.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

setup: .venv/.installed

# Debian packages the browser tests and PDF checks need (root on CI; skipped when present).
system:
	@bash scripts/install_system_packages.sh

store: setup
	$(PY) -m data.ingest --if-stale

run: store
	HOST=$(HOST) PORT=$(PORT) $(PY) app.py

test: setup system node_modules/.installed
	$(PY) -m pytest

bench: store
	$(PY) -m bench.run

# each page in Chromium, cold and warm: time to content, KiB, layout shift, blocking time, libraries fetched
bench-pages: store
	$(PY) -m bench.pages

lint: setup
	$(PY) -m ruff check .

clean:
	rm -rf data/store .pytest_cache
