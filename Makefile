# The README's commands. `make demo` and `make test` each set up everything they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: demo serve test test-fast lint bench eval clean install

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## set up and analyse the sample article
	$(BIN)/copydesk analyze seeds/000_80fdf597179271c2.txt

serve: $(STAMP)  ## run the Slack app over HTTP on port 3000
	$(BIN)/copydesk serve --http

# The database tests run twice: on SQLite files, then on PostgreSQL (a schema per test).
TEST_PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

test: $(STAMP)  ## set up and run the whole suite
	$(PY) -m pytest
	COPYDESK_TEST_DATABASE_URL=$(TEST_PG_URL) $(PY) -m pytest -m db

test-fast: $(STAMP)
	$(PY) -m pytest -m "not quality and not slow"

bench: $(STAMP)  ## speed and memory figures
	$(BIN)/copydesk bench analysis
	$(BIN)/copydesk bench slack
	$(BIN)/copydesk bench digest

lint: $(STAMP)  ## pyflakes, pycodestyle errors and bugbear (configured in pyproject.toml)
	$(PY) -m pip install -q ruff
	$(BIN)/ruff check bot handlers tests

eval: $(STAMP)  ## quality figures on ../shared/data
	$(BIN)/copydesk eval all

clean:
	rm -rf $(VENV) build *.egg-info
