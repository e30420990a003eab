# Latent Space: every task is one command. `make help` lists them.
# The course lives in a local virtual environment, .venv/, made from requirements.txt.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NB     ?=
# JupyterLab refuses to run as root unless told; root is common in containers
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)
export OMP_NUM_THREADS ?= 2
export MKL_NUM_THREADS ?= 2
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help setup lab test test-fast test-notebook execute benchmark clean

help:
	@echo "make lab        install (first time) and open the course in JupyterLab"
	@echo "make test       install (first time) and run the whole test suite"
	@echo "make test-notebook NB=notebooks/01_compression.ipynb   test one notebook with nbval"
	@echo "make test-fast  unit tests only (no notebooks, no browser)"
	@echo "make execute    re-run every notebook in order in a fresh kernel and save its outputs"
	@echo "make benchmark  time and measure each notebook: benchmarks/results.json and RESULTS.md"

# Install only when requirements.txt or pyproject.toml changed since the last install.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install it, or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) notebooks/00_start_here.ipynb

test: $(STAMP)
	$(PY) -m pytest tests notebooks --nbval-lax --nbval-current-env --nbval-cell-timeout=600 -p no:cacheprovider -ra

test-fast: $(STAMP)
	$(PY) -m pytest tests -m "not browser" -p no:cacheprovider -ra

test-notebook: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make test-notebook NB=notebooks/NN_name.ipynb"; exit 2; }
	$(PY) -m pytest --nbval-lax --nbval-current-env --nbval-cell-timeout=600 -p no:cacheprovider $(NB)

execute: $(STAMP)
	$(PY) scripts/execute_notebooks.py $(NB)

benchmark: $(STAMP)
	$(PY) scripts/benchmark.py $(NB)

clean:
	rm -rf $(VENV) .pytest_cache benchmarks/*.tmp
