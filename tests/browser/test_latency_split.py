"""Where a slider's time goes, before and after pictures were sent ahead (issue #25): the same matplotlib live
plot, course-sized (5 x 3 inches at 80 dpi, a line and a scatter), once with a slider of 101 positions (its
pictures sent ahead as a strip: the page swaps a decoded picture) and once with one of 10,001 positions (no
strip: every picture is a round trip to the kernel, as every slider was before).

Measured: in the kernel's process, drawing the figure and encoding its PNG (this test's process, the same
code); in the page, decoding that PNG (``createImageBitmap``); and the latency from a slider change to the
new picture on screen while the slider is dragged, for both paths. Transport (the comm message to the
kernel and the picture back, through JupyterLab's server) is what is left of the round trip. Recorded in
benchmarks/browser_latency.json under ``_split``; runs with ``--latency-all``, like the per-notebook sweep.
"""
from __future__ import annotations

import base64
import json
import statistics
import time

import numpy as np
from matplotlib.figure import Figure

from test_latency_browser import _record

DRAW = '''
import numpy as np, ipywidgets as W, latent_helpers as lh
xs = np.linspace(0, 6, 200)
pts = np.random.default_rng(0).normal(size=(300, 2))

def draw(fig, a):
    ax = fig.add_subplot()
    ax.plot(xs, np.sin(a * xs), lw=2)
    ax.scatter(pts[:, 0] * a, pts[:, 1], s=6, alpha=0.5)
    ax.set(xlim=(0, 6), ylim=(-3, 3), title=f"a = {a:.4f}", xlabel="x", ylabel="y")
'''
AHEAD = DRAW + '''
ahead = lh.LivePlot(draw, {"a": W.FloatSlider(value=1.0, min=0.5, max=1.5, step=0.01)}, figsize=(5, 3), dpi=80)
ahead
'''
ROUND_TRIP = '''
round_trip = lh.LivePlot(draw, {"a": W.FloatSlider(value=1.0, min=0.5, max=1.5, step=0.0001)}, figsize=(5, 3),
                         dpi=80)
round_trip   # 10,001 positions: no strip, every picture comes from the kernel
'''

DECODE = """async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const times = [];
  for (let i = 0; i < 30; i++) {
    const blob = new Blob([bytes], { type: "image/png" });
    const t = performance.now();
    const bitmap = await createImageBitmap(blob);
    times.push(performance.now() - t);
    bitmap.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def _kernel_side() -> dict:
    """Median ms of drawing the figure and of encoding it, in this process (the kernel runs the same code)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from latent_helpers.widgets.live import encode_png

    namespace: dict = {}
    exec(DRAW, namespace)
    draw_ms, encode_ms = [], []
    for a in np.linspace(0.5, 1.5, 30):
        fig = Figure(figsize=(5, 3), dpi=80)   # as LivePlot makes it
        FigureCanvasAgg(fig)
        t = time.perf_counter()
        namespace["draw"](fig, float(a))
        fig.canvas.draw()
        draw_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        png = encode_png(fig.canvas)
        encode_ms.append((time.perf_counter() - t) * 1000)
    return {"draw_ms": round(statistics.median(draw_ms), 1), "encode_ms": round(statistics.median(encode_ms), 1),
            "png_kB": round(len(png) / 1000, 1), "png": png}


def test_where_a_slider_change_spends_its_time(lab):
    kernel = _kernel_side()
    page = lab.open_scratch("scratch_split.ipynb", AHEAD, ROUND_TRIP)
    page.run_all(timeout_s=120)
    page.assert_no_errors()
    decode_ms = page.page.evaluate(DECODE, base64.b64encode(kernel["png"]).decode("ascii"))
    after = page.drag(0, 0)
    before = page.sweep(plot=1, slider=0, moves=50, pause_ms=16, settle_s=3.0)
    before_ms = np.asarray(before["latencies"], float)
    round_trip = float(np.median(before_ms))
    split = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "before (every picture from the kernel)": {
            "median_ms": round(round_trip, 1), "p95_ms": round(float(np.percentile(before_ms, 95)), 1),
            "pictures": before["pictures"], "changes": before["changes"],
            "kernel_draw_ms": kernel["draw_ms"], "png_encode_ms": kernel["encode_ms"], "png_kB": kernel["png_kB"],
            "browser_decode_ms": round(decode_ms, 1),
            "transport_and_paint_ms": round(round_trip - kernel["draw_ms"] - kernel["encode_ms"] - decode_ms, 1)},
        "after (pictures sent ahead)": {"median_ms": after["median_ms"], "p95_ms": after["p95_ms"],
                                        "pictures": after["pictures"], "changes": after["changes"],
                                        "strips_ready_s": after["strips_ready_s"]},
    }
    _record("_split", split)
    print(json.dumps(split, indent=1))
    page.assert_no_errors()
    # the figures are what they claim: pictures came back on both paths, and swapping pictures the page
    # holds beats a round trip to the kernel
    assert before["pictures"] >= 2 and after["pictures"] >= 2
    assert after["median_ms"] < round_trip, split
