# Two commands for a fresh Debian machine with Python 3.11 (see README.md):
#   make site   build the demo site into site/ (make serve previews it)
#   make test   install what the tests need and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# The system packages come first: vnu-jar's install step looks for Java and would otherwise try
# to download a JDK. npm ci installs the pinned axe-core and vnu-jar of package-lock.json.
$(TEST_STAMP): $(STAMP) pyproject.toml package.json package-lock.json | browser
	$(BIN)/pip install --quiet -e '.[test,properdocs]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/kanalregister check

# Debian packages for the quality gates: Chromium for the browser tests (Playwright cannot
# download its own browser here) and a Java runtime for the Nu Html Checker (vnu-jar).
browser:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; fi

test: $(TEST_STAMP) browser
	$(BIN)/pytest

# make bench BENCH_ARGS="--output dev/leistung.md" also updates the developer page.
# It needs the test set-up: Lighthouse (npm) runs on the system Chromium at 100 and 1,000 channels.
# Then a Verbund of 400 synthetic members (about 20,000 channels): fetch from 127.0.0.1,
# verbund-check and build, against a single city's build per channel.
bench: $(TEST_STAMP)
	$(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)
	$(BIN)/python tests/benchmarks/verbund_bench.py $(VERBUND_BENCH_ARGS)

# The demo Verbund's site (verbund/site/), from the fetched verbund/daten/ only (no network).
.PHONY: verbund
verbund: $(STAMP)
	cd verbund && ../$(BIN)/mkdocs build --strict

# The demo Verbund's fetched data (verbund/daten/), refreshed with the real fetch from a server
# on 127.0.0.1 that publishes the demo's own kanaele.json and verbund/quellen/*.json.
.PHONY: verbund-daten
verbund-daten: $(STAMP)
	$(BIN)/python tests/verbund/demo_data.py

clean:
	rm -rf site $(VENV) node_modules
