"""Every course notebook with sliders, in a real browser: run all, move a slider of each live plot.

Notebooks with a dedicated browser test (tests/browser/test_NN_browser.py) are left to it.
"""
from __future__ import annotations

import statistics
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


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_sliders_redraw_in_the_browser(lab, path):
    nb = lab.open(path.name)
    nb.run_all(timeout_s=300)
    plots = nb.liveplots()
    assert plots.count() >= 1, f"{path.name} stores widget outputs but no live plot appeared"
    times = []
    for i in range(plots.count()):
        if plots.nth(i).locator(".widget-slider .noUi-handle").count() == 0:
            continue  # a live plot driven by a dropdown only
        times.append(nb.move_slider(plot=i, slider=0, presses=2))
    assert times, f"{path.name}: no live plot has a slider"
    nb.assert_no_errors()
    print(f"{path.name}: {len(times)} sliders, round trip median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms")
