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


_BROWSER_DONE = os.environ.get("LATENT_SPACE_BROWSER_DONE_FILE")


def pytest_runtest_logstart(nodeid, location):
    """CI (.ci/run) starts its second, CPU-heavy lane only once the browser tests, which run first and time
    the sliders, are over: the first test outside tests/browser/ writes the file CI waits for.

    From then on the two lanes share the two cores, and the kernels this lane starts get
    ``OMP_WAIT_POLICY=PASSIVE``: with OpenMP's default, spinning wait, torch's two threads wait for each
    other whenever the other lane takes a core, and notebook 06 ran in 932 s beside a one-thread load
    instead of 47 s alone (83 s with passive waiting; alone, passive waiting costs about a third more, so it
    is not the default). The wait policy changes no number a notebook prints."""
    if _BROWSER_DONE and not nodeid.startswith("tests/browser/") and not os.path.exists(_BROWSER_DONE):
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
        open(_BROWSER_DONE, "w").close()


def pytest_sessionfinish(session, exitstatus):
    if _BROWSER_DONE and not os.path.exists(_BROWSER_DONE):
        open(_BROWSER_DONE, "w").close()


def pytest_collection_modifyitems(config, items):
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
