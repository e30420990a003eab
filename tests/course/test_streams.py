"""How make test's pytest-xdist workers share the suite (tests/support/streams.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import streams

ROOT = Path(__file__).resolve().parents[2]


def test_a_test_id_names_its_unit():
    assert streams.unit_of("tests/browser/test_03_browser.py::test_03_interpolator") == "notebook:03"
    assert streams.unit_of("tests/browser/test_notebooks_browser.py::test_sliders[06_gans]") == "notebook:06"
    assert streams.unit_of("tests/browser/test_notebooks_browser.py::test_there_are") == "test_notebooks"
    assert streams.unit_of("notebooks/05_variational_autoencoders.ipynb::Cell 3") == "nbval:05"
    assert streams.unit_of("notebooks/05_variational_autoencoders::ipynb::Cell 3") == "nbval:05"
    # a browser test file and the course test of the same name build into one folder: one unit
    assert streams.unit_of("tests/browser/test_book_browser.py::test_x[index.html]") == "test_book"
    assert streams.unit_of("tests/course/test_book.py::test_y") == "test_book"
    assert streams.unit_of("tests/unit/test_sweep.py::test_z[nb02.check_sgd_step]") == "test_sweep"
    assert streams.is_browser("tests/browser/test_book_browser.py::test_x")
    assert not streams.is_browser("tests/course/test_book.py::test_y")


def test_browser_units_go_longest_first_to_the_lighter_stream():
    ids = [f"tests/browser/test_{nn}_browser.py::test_{nn}" for nn in ("91", "92", "93", "94")]
    seconds = {"91": 75, "92": 55, "93": 35, "94": 25}   # plus EXTRA_S each: 100, 80, 60, 50
    table = streams.groups(ids + ["tests/unit/test_x.py::a", "tests/unit/test_x.py::b",
                                  "notebooks/95_e.ipynb::Cell 0", "notebooks/95_e.ipynb::Cell 1"], seconds)
    # 100 -> 1; 80 -> 2; 60 -> 2 (80 < 100); 50 -> 1 (100 < 140): 150 and 140
    assert table == {"notebook:91": "browser-1", "notebook:92": "browser-2", "notebook:93": "browser-2",
                     "notebook:94": "browser-1", "test_x": "test_x", "nbval:95": "nbval:95"}


def test_workers_order_browser_tests_then_long_units_longest_first_then_the_rest():
    ids = ["tests/unit/test_core.py::a", "tests/course/test_nbgrader.py::b", "notebooks/06_gans.ipynb::Cell 0",
           "tests/unit/test_sweep.py::c", "tests/browser/test_03_browser.py::d", "notebooks/00_start_here.ipynb::Cell 0"]
    seconds = {"06": 60.0, "00": 9.0}
    ordered = sorted(ids, key=lambda n: streams.order_key(n, seconds))
    assert ordered == ["tests/browser/test_03_browser.py::d", "notebooks/06_gans.ipynb::Cell 0",
                       "tests/course/test_nbgrader.py::b", "tests/unit/test_sweep.py::c",
                       "notebooks/00_start_here.ipynb::Cell 0", "tests/unit/test_core.py::a"]
    assert streams.OTHER_MEASURED_S["test_nbgrader"] < 60 and streams.OTHER_MEASURED_S["test_sweep"] > 9


def test_an_unmeasured_unit_is_estimated_from_its_notebook_or_a_default():
    assert streams.estimate("notebook:99", {"99": 12.0}) == 12.0 + streams.EXTRA_S
    assert streams.estimate("notebook:99", {}) == 30.0 + streams.EXTRA_S
    assert streams.estimate("test_brand_new", {}) == streams.OTHER_S
    assert streams.estimate("test_book", {}) == streams.MEASURED_S["test_book"]


def test_a_worker_lowers_its_priority_before_its_first_test_outside_the_browser_tests():
    """In a fresh process (a priority, once lowered, stays low): a browser test leaves it, any other test
    lowers it to NICE, a second one leaves it there; outside a worker, or without --streams, nothing changes."""
    script = """
import os, types
from support import streams
def item(nodeid, streams_on=True):
    return types.SimpleNamespace(nodeid=nodeid, config=types.SimpleNamespace(getoption=lambda name: streams_on))
start = os.nice(0)
streams.pytest_runtest_setup(item("notebooks/01_compression.ipynb::Cell 0"))
print(os.nice(0) - start)
os.environ["PYTEST_XDIST_WORKER"] = "gw0"
streams.pytest_runtest_setup(item("notebooks/01_compression.ipynb::Cell 0", streams_on=False))
streams.pytest_runtest_setup(item("tests/browser/test_03_browser.py::test_03_interpolator"))
print(os.nice(0) - start)
streams.pytest_runtest_setup(item("notebooks/01_compression.ipynb::Cell 0"))
print(os.nice(0))
streams.pytest_runtest_setup(item("tests/unit/test_core.py::test_setup"))
print(os.nice(0))
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT / "tests", capture_output=True, text=True,
                         timeout=60, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0", "0", str(max(streams.NICE, os.nice(0))), str(max(streams.NICE, os.nice(0)))]


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="Linux's autogroups are off here")
@pytest.mark.parametrize("nice", [0, streams.NICE])
def test_a_python_in_its_own_session_keeps_the_priority_it_was_started_with(nice):
    """As Jupyter starts a kernel (a session of its own), from a process at priority `nice`: the new session's
    group gets that priority, so it yields to the browser tests' sessions as the process itself would."""
    base = os.nice(0)
    out = subprocess.run([sys.executable, "-c", "print(open('/proc/self/autogroup').read())"],
                         preexec_fn=lambda: os.nice(max(nice - base, 0)), start_new_session=True,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-2:] == ["nice", str(max(nice, base))]


def _collect(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "pytest", *args, "--collect-only", "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    return [line for line in out.stdout.splitlines() if "::" in line]


def test_the_course_suite_splits_into_two_streams_of_about_equal_time():
    """On the real browser tests: the streams' estimates within the largest unit of each other, every course
    notebook in one browser test, each notebook's nbval cells in one unit."""
    ids = _collect("tests/browser", "tests/course/test_book.py", "tests/course/test_slides.py")
    table = streams.groups(ids)
    browser = {streams.unit_of(n) for n in ids if streams.is_browser(n)}
    assert browser and all(table[u].startswith("browser-") for u in browser)
    seconds = streams._notebook_seconds()
    load = {g: sum(streams.estimate(u, seconds) for u in browser if table[u] == g) for g in ("browser-1", "browser-2")}
    largest = max(streams.estimate(u, seconds) for u in browser)
    assert min(load.values()) > 0 and abs(load["browser-1"] - load["browser-2"]) <= largest, load
    notebooks = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert {u.split(":", 1)[1] for u in browser if u.startswith("notebook:")} == notebooks
    cells = _collect("notebooks/00_start_here.ipynb", "--nbval-lax")
    assert len(cells) > 5 and {streams.unit_of(n) for n in cells} == {"nbval:00"}
