# Tacitus: two commands set everything up on a fresh machine.
#   make demo   install into .venv and extract events from the bundled sample corpus
#   make test   install (with test extras) and run the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test test-fast eval baseline bench clean lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tacitus extract samples/articles.jsonl --format table
	rm -f demo.duckdb
	$(VENV)/bin/tacitus ingest samples/articles.jsonl --db demo.duckdb -q
	$(VENV)/bin/tacitus dyad USA IRN --db demo.duckdb --by month

test: $(STAMP)
	$(PY) -m pytest -q -x --durations=10

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

eval: $(STAMP)
	$(VENV)/bin/tacitus eval $(SHARED)/examples/kim-putin-2023.gold.jsonl
	$(VENV)/bin/tacitus eval $(SHARED)/eval/dev.jsonl --by-type

baseline: $(STAMP)
	$(PY) scripts/update_baseline.py

bench: $(STAMP)
	$(PY) bench/run.py --out bench/report.md

clean:
	rm -rf $(VENV) build *.egg-info bench/out demo.duckdb
