# `make site` on a fresh machine sets everything up and builds _site/; `make test` sets up what the
# tests need (scripts/test-deps) and runs them, printing the suite's time and its ten slowest tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CONTENT ?= content
OUT ?= _site
PORT ?= 8000

SEARCH_EVAL ?= $(firstword $(wildcard ../shared/search/search_eval.py) bench/search_eval.py)

.PHONY: site test test-deps golden messages bench bench-catalog bench-mkdocs eval-search eval-links serve deps clean

site: deps
	$(PY) -m generator build --content $(CONTENT) --out $(OUT)

deps: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements.lock
	touch $@

# node_modules may be a link to a copy shared by several checkouts (a git worktree): npm ci would
# empty the copy every checkout uses and put a folder of its own in place of the link, so a link
# is only checked (npm ls) against package.json, never reinstalled through
$(NODE_STAMP): package-lock.json
	@if [ -L node_modules ]; then \
	  npm ls --depth=0 >/dev/null || { echo "node_modules links to $$(readlink node_modules), which does not match package.json: run npm ci there" >&2; exit 1; }; \
	else \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	fi

test: deps test-deps
	$(PY) -m pytest -q --durations=10

# Debian's chromium, Java and the CJK fonts: installed with apt as root, else the command to run
test-deps:
	scripts/test-deps

# the seed's export as tests/golden/ keeps it (tests/test_golden.py compares every build with it):
# run after an intended change of the export and review the diff before committing it
GOLDEN_SLUG := shuozhou-education-14th
GOLDEN_SITE := .cache/golden/_site

golden: deps
	rm -rf $(GOLDEN_SITE)
	$(PY) -m generator build --content content --out $(GOLDEN_SITE) --no-cache --quiet
	cp $(GOLDEN_SITE)/data/$(GOLDEN_SLUG).json $(GOLDEN_SITE)/data/$(GOLDEN_SLUG)-indicators.csv tests/golden/
	git --no-pager diff --stat -- tests/golden/

# the Chinese message catalog: msgids of generator/ (msg("…") calls) into
# generator/locale/zh_CN/LC_MESSAGES/plansite.po (new ones empty), then compiled to plansite.mo;
# lists what is left to translate (docs/editing.md, "The build's language")
messages: deps
	$(PY) scripts/messages.py

MKDOCS_VENV ?= /tmp/plansite-mkdocs
ZENSICAL_VENV ?= /tmp/plansite-zensical
BENCH_ENV := MKDOCS_VENV=$(MKDOCS_VENV) ZENSICAL_VENV=$(ZENSICAL_VENV)

bench: deps
	$(PY) -m bench
	$(PY) -m bench.costs
	$(BENCH_ENV) $(PY) -m bench.catalog_bench

# catalogs of 1 to 100 plans, rebuilds, the seed against Material and Zensical (BENCH_MAX_PLANS caps the catalogs)
bench-catalog: deps
	$(BENCH_ENV) $(PY) -m bench.catalog_bench

# Material for MkDocs with jieba (its search cuts Chinese with it), and Zensical, each in a
# throwaway venv, for the benchmark only (never a project dependency)
bench-mkdocs:
	$(MKDOCS_VENV)/bin/python -c "import material, jieba" 2>/dev/null || ($(PYTHON) -m venv $(MKDOCS_VENV) && \
		$(MKDOCS_VENV)/bin/pip install --disable-pip-version-check --quiet mkdocs-material jieba)
	test -x $(ZENSICAL_VENV)/bin/zensical || ($(PYTHON) -m venv $(ZENSICAL_VENV) && \
		$(ZENSICAL_VENV)/bin/pip install --disable-pip-version-check --quiet zensical)

# held-out queries (docs/search-evaluation.md): a site of the seed alone and a catalog of five plans,
# built in $(EVAL); the sealed third is reported apart and never read while tuning
EVAL := .cache/eval
SEED_SLUG := shuozhou-education-14th
REALPLANS ?= $(firstword $(wildcard ../shared/realplans /work/shared/realplans))
EVAL_CATALOG := content/$(SEED_SLUG) $(REALPLANS)/zhijiao $(wildcard tests/fixtures/realplans/*/)
# the second held-out set (tests/search/heldout2_*.yaml): each plan's queries on a site of that plan
# alone (on the catalog, another plan's clause may answer them too: 1+X证书, 集采, and gold is one plan's)
HELDOUT2_OTHERS := zhijiao wufei-city sanji-hospital-kpi zhengfu-wangzhan

eval-search: site
	$(PY) $(SEARCH_EVAL) --engine project --site $(OUT) --queries tests/search/shared_queries.yaml --cold
	$(PY) $(SEARCH_EVAL) --engine project --site $(OUT) --queries tests/search/queries.yaml --cold
	@test -d "$(REALPLANS)/zhijiao" || (echo "eval-search: error: zhijiao not found (set REALPLANS=…/realplans)" >&2; exit 2)
	rm -rf $(EVAL) && mkdir -p $(EVAL)/seed-content $(EVAL)/catalog-content
	cp -R content/$(SEED_SLUG) $(EVAL)/seed-content/
	cp -R $(EVAL_CATALOG:%/=%) $(EVAL)/catalog-content/
	$(PY) -m generator build --content $(EVAL)/seed-content --out $(EVAL)/seed-site --no-cache --quiet
	$(PY) -m generator build --content $(EVAL)/catalog-content --out $(EVAL)/catalog-site --no-cache --quiet
	$(PY) -m bench.heldout_queries --plan $(SEED_SLUG) tests/search/heldout_open.yaml $(EVAL)/open-seed.yaml
	$(PY) -m bench.heldout_queries --plan $(SEED_SLUG) tests/search/heldout_sealed.yaml $(EVAL)/sealed-seed.yaml
	@echo; echo "== held-out, OPEN two-thirds: the seed's queries on a site of the seed (tests/search/heldout_open.yaml)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/seed-site --queries $(EVAL)/open-seed.yaml --label held-out-open
	@echo; echo "== held-out, SEALED third: the seed's queries on a site of the seed (tests/search/heldout_sealed.yaml)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/seed-site --queries $(EVAL)/sealed-seed.yaml --label held-out-sealed
	@echo; echo "== catalog of five plans: tests/search/catalog_queries.yaml (open queries of every plan)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/catalog-site --queries tests/search/catalog_queries.yaml --label catalog
	$(PY) -m bench.heldout_queries --plan $(SEED_SLUG) tests/search/heldout2_open.yaml $(EVAL)/open2-$(SEED_SLUG).yaml
	$(PY) -m bench.heldout_queries --plan $(SEED_SLUG) tests/search/heldout2_sealed.yaml $(EVAL)/sealed2-$(SEED_SLUG).yaml
	@echo; echo "== held-out 2, OPEN half: the seed's queries on a site of the seed (tests/search/heldout2_open.yaml)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/seed-site --queries $(EVAL)/open2-$(SEED_SLUG).yaml --label held-out-2-open
	@echo; echo "== held-out 2, SEALED half: the seed's queries on a site of the seed (tests/search/heldout2_sealed.yaml)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/seed-site --queries $(EVAL)/sealed2-$(SEED_SLUG).yaml --label held-out-2-sealed
	$(PY) -m bench.heldout_queries --plan $(SEED_SLUG) tests/search/heldout3_sealed.yaml $(EVAL)/sealed3-$(SEED_SLUG).yaml
	@echo; echo "== held-out 3, all SEALED: the seed's queries on a site of the seed (tests/search/heldout3_sealed.yaml)"
	$(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/seed-site --queries $(EVAL)/sealed3-$(SEED_SLUG).yaml --label held-out-3-sealed
	@set -e; for plan in $(HELDOUT2_OTHERS); do \
	  mkdir -p $(EVAL)/$$plan-content && cp -R $(EVAL)/catalog-content/$$plan $(EVAL)/$$plan-content/; \
	  $(PY) -m generator build --content $(EVAL)/$$plan-content --out $(EVAL)/$$plan-site --no-cache --quiet; \
	  $(PY) -m bench.heldout_queries --plan $$plan tests/search/heldout2_open.yaml $(EVAL)/open2-$$plan.yaml; \
	  $(PY) -m bench.heldout_queries --plan $$plan tests/search/heldout2_sealed.yaml $(EVAL)/sealed2-$$plan.yaml; \
	  echo; echo "== held-out 2, OPEN half: $$plan's queries on a site of $$plan alone (tests/search/heldout2_open.yaml)"; \
	  $(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/$$plan-site --queries $(EVAL)/open2-$$plan.yaml --label held-out-2-open-$$plan; \
	  echo; echo "== held-out 2, SEALED half: $$plan's queries on a site of $$plan alone (tests/search/heldout2_sealed.yaml)"; \
	  $(PY) $(SEARCH_EVAL) --engine project --site $(EVAL)/$$plan-site --queries $(EVAL)/sealed2-$$plan.yaml --label held-out-2-sealed-$$plan; \
	done

eval-links: deps
	$(PY) -m bench.eval_links

serve: site
	$(PY) -m http.server --bind 127.0.0.1 --directory $(OUT) $(PORT)

clean:
	rm -rf $(OUT) .cache
