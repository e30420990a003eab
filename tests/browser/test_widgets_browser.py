"""The live plots' front end in a real browser, on small widgets built in a scratch notebook: dragging a
slider swaps pictures the kernel sent ahead (latency within two frames), the picture follows the pointer
and ends on the values on screen, and the kernel path still works for values no strip holds."""
from __future__ import annotations

import json

import nbformat
import numpy as np

SETUP = '''
import ipywidgets as W, numpy as np, torch
import latent_helpers as lh
torch.manual_seed(0)
decoder = torch.nn.Sequential(torch.nn.Linear(3, 64), torch.nn.ReLU(), torch.nn.Linear(64, 784), torch.nn.Sigmoid())
sliders = lh.LatentSliders(decoder, np.zeros(3, np.float32), ranges=(-3, 3), title="sliders")
sliders
'''
BARS = '''
def draw(fig, a, colour):
    if not fig.axes:
        ax = fig.add_subplot(); ax.bar([0], [a], color=colour); ax.set_ylim(0, 1.1)
    bar = fig.axes[0].patches[0]; bar.set_height(a); bar.set_color(colour)
bars = lh.LivePlot(draw, {"a": W.FloatSlider(value=0.5, min=0, max=1, step=0.02),
                          "colour": W.Dropdown(options=["tab:blue", "tab:red"])},
                   figsize=(4, 2.5), persistent=True, title="bars")
bars
'''


def _stats(ms):
    a = np.asarray(ms, float)
    return float(np.median(a)), float(np.percentile(a, 95))


def _scratch():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(BARS)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_dragging_swaps_pictures_in_the_page_within_two_frames(lab):
    nb = lab.open("scratch_widgets.ipynb", _scratch())
    nb.run_all(timeout_s=180)
    nb.assert_no_errors()
    assert nb.liveplots().count() == 2
    report = {}
    for plot, name, every in ((0, "LatentSliders", 3 * 101), (1, "LivePlot", 51 + 2)):
        frames = nb.wait_for_strips(plot)
        assert frames == every, f"{name}: {frames} pictures sent ahead, not one per position ({every})"
        for slider in range(1 if plot else 3):
            out = nb.sweep(plot=plot, slider=slider, moves=60, pause_ms=16)
            med, p95 = _stats(out["latencies"])
            report[f"{name} slider {slider}"] = (round(med, 1), round(p95, 1), out["changes"], out["pictures"])
            print(name, slider, report[f"{name} slider {slider}"], flush=True)
            assert out["changes"] >= 20, f"{name}: the sweep moved the slider only {out['changes']} times"
            assert med <= 33 and p95 <= 100, f"{name} slider {slider}: median {med:.0f} ms, p95 {p95:.0f} ms"
            # the picture stopped with the pointer, on the values on screen
            state = nb.view_state(plot)
            shown = float(out["readout"].replace("\u2212", "-"))   # the readout writes a minus sign
            assert abs(state[slider] - shown) <= 0.0051 * (6 if plot == 0 else 1), (state, out)
            assert out["unanswered"] == 0
    print(json.dumps(report))
    nb.assert_no_errors()
