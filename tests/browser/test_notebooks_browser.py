"""Every course notebook with sliders, in a real browser: run its test edition (checked as nbval would), drag a
slider of each live plot.

Notebooks with a dedicated browser test (tests/browser/test_NN_browser.py) are left to it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
DEDICATED = {p.name.split("_")[1] for p in HERE.glob("test_[0-9][0-9]_browser.py")}
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             if p.name[:2] not in DEDICATED]


def _has_live_plots(path: Path) -> bool:
    return "application/vnd.jupyter.widget-view+json" in path.read_text()


CASES = [p for p in NOTEBOOKS if _has_live_plots(p)]


def test_there_are_notebooks_with_sliders_to_move():
    """An empty parameter list would make the test below skip silently: fail instead."""
    assert CASES, ("no committed notebook without a dedicated browser test stores widget outputs: are the "
                   "notebooks executed (make execute)?")


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.runs_notebook(p.stem)) for p in CASES],
                         ids=lambda p: p.stem)
def test_sliders_answer_within_two_frames_in_the_browser(lab, path):
    """Run the notebook's test edition (checked as nbval would: it takes the notebook's place in nbval), then
    drag the first slider of each live plot: every change gets its picture, within the budgets of issue #25
    (tests/browser/test_latency_browser.py drags every slider, with --latency-all)."""
    nb = lab.open_course(path.stem)
    nb.run_all(timeout_s=300)
    plots = nb.liveplots()
    assert plots.count() >= 1, f"{path.name} stores widget outputs but no live plot appeared"
    rows = [nb.drag(i, 0) for i in range(plots.count())
            if plots.nth(i).locator(".widget-slider .noUi-handle").count()]   # not a live plot with menus only
    nb.assert_no_errors()
    print(json.dumps(rows))
    nb.assert_within_two_frames(rows)
