# Two entry points, each complete on a fresh clone (Python >= 3.10, the package index reachable):
#   make demo   install into .venv and write a report on the bundled sample speech
#   make test   install the test extras into .venv and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

demo: $(BIN)/python
	$(PIP) install .
	$(BIN)/stance report --out reports/sample

test: $(BIN)/python
	$(PIP) install ".[test]"
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(PIP) install ".[test]"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) build dist reports/sample
