"""The benchmark's hooks into a finished notebook's kernel: everything measurement needs, none of it in a cell.

After ``scripts/benchmark.py`` has run a notebook top to bottom, it runs :func:`report` in the
same kernel. ``report`` reads the quality figures the notebook's source declares in its
``# %% [benchmark]`` block (``stable_key = expression``, evaluated in the notebook's namespace; a
key ending in ``.npy`` saves the array to ``benchmarks/out/`` instead), finds the notebook's live
widgets by looking through its variables and outputs, and times their redraws. The learner sees
none of this: no ``record_metric`` lines, no registry of widgets.
"""
from __future__ import annotations

import json
import math
import statistics
import time
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "out"


def find_live_plots(namespace: dict) -> list:
    """Every LivePlot (sliders, interpolators, demos...) held by a variable or shown as a cell's result."""
    from latent_helpers.widgets import LivePlot

    found, seen = [], set()
    candidates = list(namespace.values()) + list((namespace.get("Out") or {}).values())
    for value in candidates:
        items = value if isinstance(value, (list, tuple)) else [value]
        for v in items:
            if isinstance(v, LivePlot) and id(v) not in seen:
                seen.add(id(v))
                found.append(v)
    return found


def _probe_values(control, steps: int) -> list:
    lo, hi = getattr(control, "min", None), getattr(control, "max", None)
    if lo is not None and hi is not None:
        vals = [lo + (hi - lo) * (i + 1) / (steps + 1) for i in range(steps)]
        return [int(round(v)) for v in vals] if isinstance(control.value, int) else vals
    options = getattr(control, "options", None)
    if options:
        return [o[1] if isinstance(o, tuple) else o for o in options][:steps]
    return []


def measure_latency(plots, steps: int = 8) -> list[float]:
    """Move every control of ``plots`` through ``steps`` values and back; the ms each redraw took."""
    times: list[float] = []
    for plot in plots:
        for control in plot.controls.values():
            original = control.value
            for value in _probe_values(control, steps):
                before = plot.renders
                start = time.perf_counter()
                control.value = value
                if plot.renders > before:
                    times.append((time.perf_counter() - start) * 1000)
            control.value = original
    return times


def read_figures(namespace: dict, figures: dict[str, str]) -> dict[str, float]:
    """Evaluate each declared ``expression`` in the notebook's namespace; ``.npy`` keys are saved to OUT_DIR."""
    import numpy as np

    values = {}
    for key, expression in figures.items():
        try:
            value = eval(expression, namespace)  # the notebook's own source declared it
        except Exception as exc:
            raise RuntimeError(f"benchmark figure {key!r} = {expression!r} failed: {type(exc).__name__}: {exc}") from exc
        if key.endswith(".npy"):
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            np.save(OUT_DIR / key, np.asarray(value))
            continue
        number = float(value)
        if not math.isfinite(number):
            raise RuntimeError(f"benchmark figure {key!r} = {expression!r} is {number}")
        values[key] = round(number, 6)
    return values


def report(namespace: dict, figures: dict[str, str], steps: int = 8) -> str:
    """One JSON line: the quality figures and the slider latency of the notebook that just ran."""
    times = sorted(measure_latency(find_live_plots(namespace), steps))
    latency = {"n": len(times), "median_ms": statistics.median(times) if times else None,
               "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))] if times else None}
    return json.dumps({"quality": read_figures(namespace, figures), "slider_latency": latency})


def kernel_code(figures: dict[str, str]) -> str:
    """The code the benchmark runs in the notebook's kernel once the notebook has finished."""
    scripts = str(Path(__file__).resolve().parent)
    return (f"import sys as _s; _s.path.insert(0, {scripts!r})\n"
            f"import benchmark_hooks as _bh\n"
            f"print(_bh.report(globals(), {figures!r}))")
