"""Settings for every test: a headless matplotlib backend, two threads for numpy's and torch's maths, and the
book's builds (session fixtures).

The tests are sorted by layer (ARCHITECTURE.md): ``unit/`` (latent_helpers), ``course/`` (the notebooks,
their sources and editions), ``install/`` (make, Binder), ``browser/`` (JupyterLab in Chromium). What they
share is in ``support/``.
"""
from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")

os.environ.setdefault("OMP_NUM_THREADS", "2")


if os.environ.get("PYTEST_XDIST_WORKER"):
    # `make test` runs three workers on the cores (tests/support/streams.py), so each worker and the kernels it
    # starts (nbval's, JupyterLab's) compute on one thread (lh.setup reads LATENT_SPACE_THREADS): on a busy
    # machine a second thread only adds the cost of waking it. The committed outputs were made with two
    # threads (make execute), so the checked outputs are compared across thread counts. Waiting stays
    # passive (OMP_WAIT_POLICY=PASSIVE) for anything that still starts two threads: with OpenMP's spinning
    # wait, two threads wait for each other whenever another worker holds a core, and notebook 06 ran in
    # 932 s beside a one-thread load instead of 47 s alone.
    os.environ.setdefault("LATENT_SPACE_THREADS", "1")
    os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = os.environ["LATENT_SPACE_THREADS"]
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


# Checks of files, builds and tools that do not depend on the Python of the course's venv: they run once per
# CI run, in make test (marked ``once``; make test-py, the second Python's lane, skips them)
ONCE = ("tests/install/", "tests/course/test_nbgrader.py", "tests/course/test_slides.py",
        "tests/course/test_nbcompare.py", "tests/course/test_streams.py", "tests/course/test_notebooks_committed.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(ONCE):
            item.add_marker(pytest.mark.once)
    if not config.getoption("--latency-all"):
        skip = pytest.mark.skip(reason="the per-notebook latency sweep and the latency split run with --latency-all")
        for item in items:
            if item.nodeid.startswith(("tests/browser/test_latency_browser.py::test_every_slider_",
                                       "tests/browser/test_latency_split.py")):
                item.add_marker(skip)


def pytest_addoption(parser):
    parser.addoption("--latency-all", action="store_true", default=False,
                     help="time every slider of every notebook in Chromium (tests/browser/test_latency_browser.py: "
                          "each notebook runs in JupyterLab once more, about a minute a notebook) and where a "
                          "slider's time goes (test_latency_split.py), into benchmarks/browser_latency.json; "
                          "without it the budgets are asserted on the first slider of each live plot")
    parser.addoption("--nbgrader-all", action="store_true", default=False,
                     help="run the nbgrader autograde round trip (tests/course/test_nbgrader.py) on every notebook, "
                          "not only on 00_start_here")
    parser.addoption("--slides-redraw-all", action="store_true", default=False,
                     help="check the figures redrawn for slides (tests/browser/test_slides_browser.py) on every "
                          "lecture deck, not only on 00_start_here's: runs every notebook once (cached in "
                          "build/slides/.runs/)")


@pytest.fixture(scope="session")
def course_book():
    """``make book``, once per session (tests/support/bookbuild.py): build/book/ and the build's output."""
    from support import bookbuild

    return bookbuild.build_course_book()


@pytest.fixture(scope="session")
def synthetic_book(tmp_path_factory):
    """A book of one synthetic notebook whose widget output carries a static fallback (tests/support/bookbuild.py)."""
    from support import bookbuild

    folder = tmp_path_factory.mktemp("synthetic-notebooks")
    bookbuild.write_synthetic_notebook(folder)
    return bookbuild.build_book(folder, tmp_path_factory.mktemp("synthetic-book") / "book")
