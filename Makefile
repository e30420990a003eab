# Latent Space: every task is one command. `make help` lists them.
# The course lives in a local virtual environment, .venv/, made from requirements.txt.
# Python 3.11, 3.12 or 3.13 (the pinned numpy, scipy and scikit-learn need 3.11+; 3.14 is untested).
# A new venv is made with PYTHON= if given, else with the newest of CANDIDATES on the PATH that is one
# of those versions (`make help` says which).
SUPPORTED  := 3.11 3.12 3.13
CANDIDATES := python3.13 python3.12 python3.11 python3 python
PY_MINOR   := import sys; print("%d.%d" % sys.version_info[:2])
PYTHON ?= $(firstword $(foreach p,$(CANDIDATES),$(if $(filter $(SUPPORTED),$(shell $(p) -c '$(PY_MINOR)' 2>/dev/null)),$(p))))
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NB     ?=
# CPU=1: CPU-only torch and torchvision from PyTorch's CPU wheel index (a venv of about 1.8 GB instead of
# 6.3 GB): the lines of binder/requirements.txt that Binder uses. Linux only: on macOS and Windows,
# PyPI's torch is already CPU-only. It applies when the venv is made (after `make clean`).
CPU    ?=
# the installer the set-up puts into each venv first (scripts/install.py)
UV     := uv==0.13.9
TORCH_CPU := $(if $(filter Darwin,$(shell uname -s 2>/dev/null)),,$(filter 1 yes true,$(CPU)))
TORCH_CPU_LINES := ^(--extra-index-url|torch==|torchvision==)
# The course's JupyterLab settings (news pop-up off), the same file Binder installs (binder/postBuild)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
INSTALLED    := $(STAMP) $(LAB_SETTINGS) check-venv
# the same pytest arguments for every run of the whole suite (README: "Without make")
PYTEST_ARGS := tests notebooks --nbval-lax --nbval-current-env --nbval-cell-timeout=600 -p no:cacheprovider -ra
# `make test` runs in TEST_JOBS pytest-xdist workers (TEST_JOBS=0: in one process): two take the browser
# tests, in two streams of about equal time, the third everything else (tests/support/streams.py)
TEST_JOBS ?= 3
JOBS_ARGS := $(if $(filter-out 0,$(TEST_JOBS)),-n $(TEST_JOBS) --streams)
# JupyterLab refuses to run as root unless told; root is common in containers
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)
export OMP_NUM_THREADS ?= 2
export MKL_NUM_THREADS ?= 2
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The tests write Python's bytecode caches (the gitignored __pycache__/ folders) even where PYTHONDONTWRITEBYTECODE
# is set: without them every pytest worker compiles the course's modules and rewrites the asserts of every test
# file again (about 4 s of processor time a worker), and so does each Python a test starts
test test-py test-fast test-notebook: export PYTHONDONTWRITEBYTECODE :=
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help python setup check-venv lab test test-py test-fast test-notebook execute benchmark checkpoints instructor student slides nbgrader book clean

help:
	@echo "make lab        install (first time) and open the course in JupyterLab on 00_start_here"
	@echo "make test       install (first time) and run the whole test suite"
	@echo "make lab CPU=1  the same with CPU-only torch (a smaller install, for machines without an NVIDIA GPU)"
	@echo "make test-py PYTHON=python3.12 VENV=.venv-py312   unit and notebook tests (no browser) on another Python"
	@echo "make test-notebook NB=notebooks/01_compression.ipynb   test one notebook with nbval (OTHER=1: as on another processor)"
	@echo "make test-fast  the unit tests of latent_helpers only (tests/unit: no notebooks, no browser)"
	@echo "make execute    build every notebook from its source (notebooks/src/), run it in a fresh kernel, fill its prose, save it"
	@echo "make benchmark  time and measure each notebook: benchmarks/results.json and RESULTS.md"
	@echo "make checkpoints  retrain the pretrained checkpoints (scripts/make_checkpoints.py)"
	@echo "make instructor   the instructor edition: the committed notebooks with runnable solutions (build/instructor/)"
	@echo "make student      build the student edition: no solutions, no Think-first answers (build/student/)"
	@echo "make slides       build an offline reveal.js slide deck per notebook (build/slides/)"
	@echo "make nbgrader     install nbgrader (requirements-teach.txt) and build an nbgrader course, one assignment per notebook (build/nbgrader/)"
	@echo "make book         build the course's website from the committed notebooks (build/book/; its own venv, .venv-book/)"
	@echo "Python for a new $(VENV)/: $(or $(PYTHON),none found; the course needs $(SUPPORTED))"

# Install only when requirements.txt or pyproject.toml changed since the last install. pip installs uv into the
# venv, and uv installs the rest (scripts/install.py: pip's arguments, with pip's own settings such as a
# machine's index or folder of wheels): it writes torch's 6 GB in about a quarter of pip's time, and a second venv
# hard-links the files it unpacked into its cache. Nothing compiles bytecode for every file (40 s of processor
# time); scripts/warm_bytecode.py imports what the course imports, so Python compiles those files once (about a
# third of them; 21-25 s with the imports themselves).
# A new venv: check the interpreter (3.11-3.13), say which it is, and keep the venv out of git.
$(STAMP): requirements.txt pyproject.toml
	@if [ -x $(PY) ]; then echo "Updating $(VENV)/ ($$($(PY) --version 2>&1))"; else \
	  py='$(PYTHON)'; v=$$($${py:-false} -c '$(PY_MINOR)' 2>/dev/null); \
	  case " $(SUPPORTED) " in \
	    *" $$v "*) echo "Creating $(VENV)/ with $$py ($$($$py --version 2>&1))";; \
	    *) if [ -z "$$py" ]; then echo "No Python 3.11, 3.12 or 3.13 found on the PATH (looked for $(CANDIDATES))."; \
	       else what=$${v:+Python $$v}; echo "$$py is $${what:-not a working Python}, but the course needs Python 3.11, 3.12 or 3.13."; fi; \
	       echo "Install one (python.org, your package manager or pyenv), or name it: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
	       exit 1;; \
	  esac; \
	  $$py -m venv $(VENV) && printf '*\n' > $(VENV)/.gitignore; fi
	$(PY) -m pip install --quiet --disable-pip-version-check $(UV)
	$(if $(filter 1 yes true,$(CPU)),$(if $(TORCH_CPU),,@echo "CPU=1 changes nothing on macOS: PyPI's torch has no CUDA there"))
	$(if $(TORCH_CPU),grep -E '$(TORCH_CPU_LINES)' binder/requirements.txt > $(VENV)/torch-cpu.txt)
	$(if $(TORCH_CPU),$(PY) scripts/install.py -r $(VENV)/torch-cpu.txt)
	$(PY) scripts/install.py -r requirements.txt
	$(PY) scripts/install.py --no-deps -e .
	$(PY) scripts/warm_bytecode.py
	touch $(STAMP)

# The course's own JupyterLab defaults (a learner's own settings still win): no news pop-up
$(LAB_SETTINGS): binder/overrides.json | $(STAMP)
	mkdir -p $(dir $@)
	cp binder/overrides.json $@

# The lecturer's kit: nbgrader and what it adds (requirements-teach.txt: requirements.txt plus nbgrader's pins),
# installed into the same venv only by `make nbgrader` and the test targets (they test nbgrader's round
# trip), so `make lab` installs requirements.txt alone
TEACH_STAMP := $(VENV)/.installed-teach
$(TEACH_STAMP): requirements-teach.txt requirements.txt | $(STAMP)
	$(PY) scripts/install.py -r requirements-teach.txt
	touch $(TEACH_STAMP)

# PYTHON= on the command line only shapes a new venv: stop if $(VENV)/ was made with another Python
# (no commas in the $(if) below: they would split its arguments)
check-venv: | $(STAMP)
	$(if $(filter command line,$(origin PYTHON)),@want=$$($(PYTHON) -c '$(PY_MINOR)' 2>/dev/null); \
	  have=$$($(PY) -c '$(PY_MINOR)'); [ "$$want" = "$$have" ] || { \
	  echo "$(VENV)/ has Python $$have but $(PYTHON) is $${want:-not a working Python}: run 'make clean' first or keep both with VENV=.venv-py$$(echo $$want | tr -d .)"; \
	  exit 1; })

setup: $(INSTALLED)

# the Python a new $(VENV)/ would be made with (.ci/run picks its second Python before .venv/ exists)
python:
	@echo $(PYTHON)

lab: $(INSTALLED)
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) --LabApp.default_url=/lab/tree/00_start_here.ipynb notebooks/00_start_here.ipynb

test: $(INSTALLED) $(TEACH_STAMP)
	$(PY) -m pytest $(PYTEST_ARGS) $(JOBS_ARGS)

# CI runs this on a second Python (.ci/run), as on another processor (scripts/other_cpu.py: torch's generic
# kernels, numpy's SIMD off, older BLAS code paths, one thread); the browser tests run once, in `make test`,
# and so do the checks of files, builds and tools that do not depend on the venv's Python (marked once: nbgrader's
# round trip among them, so this venv needs no lecturer's kit)
# (NOTEBOOKS=0: without the notebooks, which CI runs on this venv's Python in lane A's browser tests instead)
OTHER_CPU := $(PY) scripts/other_cpu.py --
NOTEBOOKS ?= 1
test-py: $(INSTALLED)
	$(PY) --version
	$(OTHER_CPU) $(PY) -m pytest $(PYTEST_ARGS)$(if $(filter 0,$(NOTEBOOKS)), --deselect notebooks/) $(JOBS_ARGS) -m "not browser and not student and not slow and not book and not once"

test-fast: $(INSTALLED)
	$(PY) -m pytest tests/unit -p no:cacheprovider -ra

test-notebook: $(INSTALLED)
	@test -n "$(NB)" || { echo "usage: make test-notebook NB=notebooks/NN_name.ipynb [OTHER=1]"; exit 2; }
	$(if $(OTHER),$(OTHER_CPU)) $(PY) -m pytest --nbval-lax --nbval-current-env --nbval-cell-timeout=600 -p no:cacheprovider $(NB)

execute: $(INSTALLED)
	$(PY) scripts/execute_notebooks.py $(NB)

benchmark: $(INSTALLED)
	$(PY) scripts/benchmark.py $(NB)

checkpoints: $(INSTALLED)
	$(PY) scripts/make_checkpoints.py

instructor: $(INSTALLED)
	$(PY) scripts/make_notebook.py --instructor$(if $(NB), $(NB))

# The lecturer's kit (TEACHING.md): student notebooks and offline slides, from the same sources
student: $(INSTALLED)
	$(PY) scripts/make_student.py $(NB)

slides: $(INSTALLED)
	$(PY) scripts/make_slides.py $(NB)

# An nbgrader course folder (TEACHING.md, "Graded assignments"): build/nbgrader/source/NN_name/NN_name.ipynb
nbgrader: $(INSTALLED) $(TEACH_STAMP)
	$(PY) scripts/make_nbgrader.py $(NB)

# The website (README: "The course as a website"): Sphinx + myst-nb + sphinx-book-theme render the committed
# notebooks, never run them. Its packages live in their own venv, so the learner's .venv/ does not grow.
BOOK_VENV  ?= .venv-book
BOOK_STAMP := $(BOOK_VENV)/.installed
$(BOOK_STAMP): requirements-book.txt
	@if [ ! -x $(BOOK_VENV)/bin/python ]; then \
	  py='$(PYTHON)'; [ -n "$$py" ] || { echo "No Python 3.11, 3.12 or 3.13 found on the PATH for $(BOOK_VENV)/: name one, make book PYTHON=python3.12"; exit 1; }; \
	  echo "Creating $(BOOK_VENV)/ with $$py"; $$py -m venv $(BOOK_VENV) && printf '*\n' > $(BOOK_VENV)/.gitignore; fi
	$(BOOK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BOOK_VENV)/bin/python scripts/install.py -r requirements-book.txt
	touch $(BOOK_STAMP)

book: $(BOOK_STAMP)
	$(BOOK_VENV)/bin/python scripts/make_book.py

clean:
	rm -rf $(VENV) .venv-py3* $(BOOK_VENV) .pytest_cache benchmarks/*.tmp
