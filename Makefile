# Two commands do all the set-up on a fresh machine:
#   make demo   install storyline and run it on the bundled sample corpus
#   make test   install storyline with its test tools and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= examples.db

.PHONY: demo test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,web,ray]"

demo: install
	$(BIN)/storyline ingest examples/ --db $(DEMO_DB)
	$(BIN)/storyline stories --db $(DEMO_DB)

test: install-test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
