"""How ``make test`` shares the suite among its pytest-xdist workers (``-n 3 --streams``).

A worker takes a unit of work whole, in collection order. The browser tests form two units, the two
*streams*, balanced by their measured times (MEASURED_S; a unit not measured yet counts its notebook's
run from benchmarks/results.json), so two workers drive Chromium while the third runs everything else.
The workers put the browser tests first, then the notebooks under nbval, longest first, so the long
units start at once.

Every other test file is one unit (its module fixtures are made once), and so are a notebook's nbval cells
(they run one after another in one kernel). A browser test file and the test file of the same name
elsewhere (``tests/browser/test_book_browser.py`` and ``tests/course/test_book.py``) are one unit: they
build into the same folder (build/book/, build/slides/).

The browser tests time the sliders, so they must not wait for the processor: a worker that has finished its
browser stream, and the worker that never had one, lower their priority (``NICE``) before their first other
test, and the kernels they start inherit it (also against other sessions: SESSION_PRIORITY). Units are
handed out in collection order, browser streams first, so a worker never drives Chromium after it has
lowered its priority.

The scheduler works on test ids alone (pytest-xdist's controller sees no test objects), and is pytest-xdist's
own scope scheduler with these units as its scopes. (pytest-xdist's ``--dist loadgroup`` would read groups
from marks, but under pytest 9.2 the group it writes into a test's id is lost.)
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STREAMS = 2
NICE = 10   # the priority of a worker's tests other than the browser tests (Linux: weight 110 against 1024)
# Seconds each browser unit took in a run beside the second-Python lane (2026-12-02, 2 cores); test_book scaled by
# its browser file's own time once each notebook page was opened once (97 s -> 62 s alone, 2026-12-03)
MEASURED_S = {
    "test_book": 80, "notebook:07": 106, "notebook:06": 93, "notebook:10": 84, "test_widgets": 70,
    "notebook:03": 61, "notebook:09": 61, "notebook:04": 43, "notebook:01": 40, "notebook:05": 37,
    "notebook:02": 33, "notebook:00": 28, "notebook:08": 24, "test_slides": 25, "test_topic_mixer": 19,
    "test_fallback": 3, "test_latency": 0, "test_latency_split": 0, "test_notebooks": 0,
}
# Seconds the longest other units took alone in one process (2026-12-03): with the notebooks under nbval
# they start first, longest first, so that no long unit is left to run alone at the end
OTHER_MEASURED_S = {
    "test_nbgrader": 52, "test_checkpoint_reproduce": 18, "test_binder_packages": 17, "test_install": 15,
    "test_torch_compiler_standin": 14, "test_sweep": 10, "test_taught": 7, "test_streams": 7,
}
EXTRA_S, OTHER_S = 25.0, 20.0   # beyond a notebook's run (strips, sweeps, server); a browser file not measured

# Linux shares the processor among sessions first, and Jupyter starts each kernel in a session of its own: a
# Python started in its own session by a process of this run keeps the priority it was started with, against
# other sessions too (session_priority/sitecustomize.py), so a kernel started at NICE leaves the processor to
# the browser tests' kernels and Chromium. The tests' processes inherit PYTHONPATH.
SESSION_PRIORITY = str(Path(__file__).resolve().parent / "session_priority")
if SESSION_PRIORITY not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (SESSION_PRIORITY, os.environ.get("PYTHONPATH")) if p)

_BROWSER_FILE = re.compile(r"tests/browser/(test_\w+?)(?:_browser)?\.py$")
_NOTEBOOK_FILE = re.compile(r"tests/browser/test_(\d\d)_browser\.py$")
_NOTEBOOK_PARAM = re.compile(r"\[(\d\d)_\w+\]$")


def _notebook_seconds() -> dict[str, float]:
    """``{"NN": seconds}``: each notebook's measured run (make benchmark)."""
    try:
        runs = json.loads((ROOT / "benchmarks" / "results.json").read_text())["notebooks"]
    except (OSError, ValueError, KeyError):
        return {}
    return {stem[:2]: float(row.get("wall_seconds") or 0) for stem, row in runs.items()}


def unit_of(nodeid: str) -> str:
    """The unit of work test ``nodeid`` belongs to: ``notebook:NN`` for a browser test that runs notebook NN
    (tests/browser/test_NN_browser.py, or test_notebooks_browser.py's case NN_name), ``nbval:NN`` for a
    notebook's cells under nbval, otherwise its file's name without ``_browser``."""
    path = nodeid.split("::", 1)[0]
    if match := _NOTEBOOK_FILE.search(path):
        return f"notebook:{match.group(1)}"
    if path.endswith("tests/browser/test_notebooks_browser.py") and (match := _NOTEBOOK_PARAM.search(nodeid)):
        return f"notebook:{match.group(1)}"
    name = Path(path).name
    if name.endswith(".ipynb") or nodeid.split("::")[1:2] == ["ipynb"]:   # pytest may show a notebook as name::ipynb
        return f"nbval:{name[:2]}"
    return Path(path).stem.removesuffix("_browser")


def is_browser(nodeid: str) -> bool:
    return bool(_BROWSER_FILE.search(nodeid.split("::", 1)[0]))


def estimate(unit: str, notebook_seconds: dict[str, float]) -> float:
    """Seconds a browser unit is expected to take (MEASURED_S, else from its notebook's run)."""
    if unit in MEASURED_S:
        return float(MEASURED_S[unit])
    if unit.startswith("notebook:"):
        return notebook_seconds.get(unit.split(":", 1)[1], 30.0) + EXTRA_S
    return OTHER_S


def groups(nodeids, seconds: dict[str, float] | None = None) -> dict[str, str]:
    """``{unit: group}``: the units holding a browser test split into ``browser-1`` .. ``browser-<STREAMS>``
    by longest first onto the lightest stream; every other unit is its own group."""
    seconds = _notebook_seconds() if seconds is None else seconds
    units = list(dict.fromkeys(unit_of(n) for n in nodeids))
    browser = {unit_of(n) for n in nodeids if is_browser(n)}
    load = [0.0] * STREAMS
    out = {unit: unit for unit in units}
    for unit in sorted(browser, key=lambda u: (-estimate(u, seconds), u)):
        stream = min(range(STREAMS), key=lambda s: (load[s], s))
        load[stream] += estimate(unit, seconds)
        out[unit] = f"browser-{stream + 1}"
    return out


def pytest_addoption(parser):
    parser.addoption("--streams", action="store_true", default=False,
                     help="with -n (pytest-xdist): two workers take the browser tests in two streams of about "
                          "equal time, the others every other test file or notebook whole "
                          "(tests/support/streams.py); what make test does")


def order_key(nodeid: str, notebook_seconds: dict[str, float]) -> tuple:
    """Where test ``nodeid`` comes in a worker's order: the browser tests first, then the notebooks under nbval
    and the other long units (``OTHER_MEASURED_S``), longest first, then the rest."""
    unit = unit_of(nodeid)
    if is_browser(nodeid):
        return (0, 0.0)
    if unit.startswith("nbval:"):
        return (1, -notebook_seconds.get(unit.split(":", 1)[1], 30.0))
    if unit in OTHER_MEASURED_S:
        return (1, -float(OTHER_MEASURED_S[unit]))
    return (2, 0.0)


@pytest.hookimpl(trylast=True)   # on the items left after deselection
def pytest_collection_modifyitems(config, items):
    """In a worker under ``--streams``: the tests in :func:`order_key`'s order, each test file in its own
    order (a stable sort). The workers report this order and the scheduler hands out units in it, so the
    long units start first and none is left to run alone at the end."""
    if not (config.getoption("streams") and os.environ.get("PYTEST_XDIST_WORKER")):
        return
    seconds = _notebook_seconds()
    items.sort(key=lambda item: order_key(item.nodeid, seconds))


@pytest.hookimpl(tryfirst=True)   # before nbval's kernel starts, so that the kernel inherits the priority
def pytest_runtest_setup(item):
    """In a worker under ``--streams``: before its first test outside the browser tests, the worker lowers its
    priority to ``NICE`` (once: a process cannot raise it again without privileges)."""
    if not (item.config.getoption("streams") and os.environ.get("PYTEST_XDIST_WORKER")) or is_browser(item.nodeid):
        return
    if hasattr(os, "nice") and os.nice(0) < NICE:
        os.nice(NICE - os.nice(0))


def pytest_xdist_make_scheduler(config, log):
    if not config.getoption("streams"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class StreamScheduling(LoadScopeScheduling):
        """pytest-xdist's scope scheduler, whose scopes are the units above, in collection order."""

        table: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.table is None:
                self.table = groups(self.collection)
            return self.table[unit_of(nodeid)]

    config.option.loadscopereorder = False   # keep collection order: the streams first
    return StreamScheduling(config, log)
