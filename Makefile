# `make site` on a fresh machine sets everything up and builds _site/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CONTENT ?= content
OUT ?= _site
PORT ?= 8000

SEARCH_EVAL ?= $(firstword $(wildcard ../shared/search/search_eval.py) bench/search_eval.py)

.PHONY: site test bench eval-search eval-links serve deps clean

site: deps
	$(PY) -m generator build --content $(CONTENT) --out $(OUT)

deps: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements.lock
	touch $@

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: deps
	$(PY) -m pytest -q

bench: deps
	$(PY) -m bench

eval-search: site
	$(PY) $(SEARCH_EVAL) --engine project --site $(OUT) --queries tests/search/shared_queries.yaml --cold
	$(PY) $(SEARCH_EVAL) --engine project --site $(OUT) --queries tests/search/queries.yaml --cold

eval-links: deps
	$(PY) -m bench.eval_links

serve: site
	$(PY) -m http.server --bind 127.0.0.1 --directory $(OUT) $(PORT)

clean:
	rm -rf $(OUT) .cache
