# The README's commands. `make demo` and `make test` each set up everything they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Two stamps: the product alone (demo, serve) and the product with the test and evaluation tools.
PRODUCT := $(VENV)/.installed-product
DEV := $(VENV)/.installed-dev

.PHONY: demo serve test test-fast lint bench eval clean install

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# A plain install: the demo needs no editable checkout (and setuptools warns about one).
$(PRODUCT): pyproject.toml | $(PY)
	$(PY) -m pip install -q .
	touch $(PRODUCT)

# The development tools (tools/: Slack stub, benchmarks, evaluation) are a second, unpackaged-by-the-product
# distribution; installing it adds `copydesk eval` and `copydesk bench` through an entry-point group.
$(DEV): pyproject.toml tools/pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]' -e tools
	touch $(PRODUCT) $(DEV)

install: $(DEV)

demo: $(PRODUCT)  ## set up and analyse the sample article
	$(BIN)/copydesk analyze seeds/000_80fdf597179271c2.txt

serve: $(PRODUCT)  ## run the Slack app over HTTP on port 3000
	$(BIN)/copydesk serve --http

# The database tests run twice: on SQLite files, then on PostgreSQL (a schema per test).
TEST_PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

test: $(DEV)  ## set up and run the whole suite
	$(PY) -m pytest
	COPYDESK_TEST_DATABASE_URL=$(TEST_PG_URL) $(PY) -m pytest -m db

test-fast: $(DEV)
	$(PY) -m pytest -m "not quality and not slow"

bench: $(DEV)  ## speed and memory figures
	$(BIN)/copydesk bench analysis
	$(BIN)/copydesk bench slack
	$(BIN)/copydesk bench digest
	$(BIN)/copydesk bench ingest
	$(BIN)/copydesk bench interactive

lint: $(DEV)  ## pyflakes, pycodestyle errors and bugbear, and the import layers (configured in pyproject.toml)
	$(PY) -m pip install -q ruff
	$(BIN)/ruff check bot handlers tools tests
	$(BIN)/lint-imports

eval: $(DEV)  ## quality figures on ../shared/data
	$(BIN)/copydesk eval all

clean:
	rm -rf $(VENV) build *.egg-info
