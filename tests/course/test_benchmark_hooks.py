"""The benchmark reads figures and times widgets from a finished kernel, with nothing in the notebook's cells."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pytest

import benchmark_hooks as bh
from latent_helpers.widgets import LivePlot
from notebook_source import benchmark_figures, read
from support import ROOT


def _plot():
    s = W.FloatSlider(value=0.0, min=0.0, max=1.0)
    d = W.Dropdown(options=["a", "b"], value="a")
    return LivePlot(lambda fig, x, m: fig.add_subplot().plot([0, x]), {"x": s, "m": d})


def test_finds_live_plots_in_variables_lists_and_outputs_once():
    a, b, c = _plot(), _plot(), _plot()
    ns = {"a": a, "pair": [b, a], "Out": {3: c, 4: a}, "other": 3}
    found = bh.find_live_plots(ns)
    assert len(found) == 3 and {id(p) for p in found} == {id(a), id(b), id(c)}


def test_measure_latency_moves_every_control_and_restores_it():
    p = _plot()
    renders = p.renders
    times = bh.measure_latency([p], steps=3)
    assert len(times) == 3 + 1  # three slider values, and the one dropdown option that is new
    assert all(t > 0 for t in times) and p.renders > renders
    assert p.controls["x"].value == 0.0 and p.controls["m"].value == "a"


def test_read_figures_evaluates_declared_expressions(tmp_path, monkeypatch):
    monkeypatch.setattr(bh, "OUT_DIR", tmp_path)
    ns = {"mse": {"pca": 2.0, "ae": 1.0}, "samples": np.zeros((3, 2, 2), np.uint8)}
    got = bh.read_figures(ns, {"ratio": "mse['ae'] / mse['pca']", "s.npy": "samples"})
    assert got == {"ratio": 0.5}
    assert np.load(tmp_path / "s.npy").shape == (3, 2, 2)


@pytest.mark.parametrize("expr", ["missing_name", "float('nan')", "'text'"])
def test_read_figures_fails_loudly(expr):
    with pytest.raises((RuntimeError, ValueError)):
        bh.read_figures({}, {"key": expr})


def test_every_notebook_declares_figures_its_source_defines():
    """Each benchmark expression only uses names the notebook's source assigns (or builtins)."""
    import ast
    import builtins

    for src in sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py")):
        cells = read(src)
        figures = benchmark_figures(cells)
        code = "\n".join(l for c in cells if c.role in ("code", "export", "solution")
                         for l in c.source.splitlines() if not l.lstrip().startswith(("%", "!")))
        assigned = {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        assigned |= {n.name for n in ast.walk(ast.parse(code)) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        assigned |= {a.asname or a.name.split(".")[0] for n in ast.walk(ast.parse(code))
                     if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        for key, expr in figures.items():
            names = {n.id for n in ast.walk(ast.parse(expr, mode="eval")) if isinstance(n, ast.Name)}
            unknown = names - assigned - set(dir(builtins))
            assert not unknown, f"{src.name}: benchmark {key!r} uses {sorted(unknown)}, which the notebook never assigns"


def test_the_benchmark_folds_in_the_browser_tests_latency(tmp_path, monkeypatch):
    import json

    import benchmark

    measured = {"04_autoencoders": {"date": "2026-12-02 12:00", "median_ms": 6.5, "p95_ms": 41.0,
                                    "sliders": [{"slider": 0}, {"slider": 1}]}}
    monkeypatch.setattr(benchmark, "BROWSER", tmp_path / "browser_latency.json")
    (tmp_path / "browser_latency.json").write_text(json.dumps(measured))
    row = {"wall_seconds": 50.0, "peak_anon_mb": 400.0, "peak_mb": 900.0, "quality": {}, "within_budget": True,
           "slider_latency": {"n": 8, "median_ms": 40.0, "p95_ms": 60.0}}
    results = {"machine": {"date": "d", "cpus": 2, "python": "3.11", "torch": "2.14", "kernel_floor_mb": [300, 200]},
               "notebooks": {"04_autoencoders": dict(row), "05_variational_autoencoders": dict(row)}}
    benchmark.fold_browser(results)
    assert results["notebooks"]["04_autoencoders"]["browser_latency"] == {
        "median_ms": 6.5, "p95_ms": 41.0, "date": "2026-12-02 12:00", "sliders": 2}
    assert "browser_latency" not in results["notebooks"]["05_variational_autoencoders"]
    monkeypatch.setattr(benchmark, "OUT", tmp_path)
    benchmark.write_markdown(results, tmp_path / "RESULTS.md")
    table = (tmp_path / "RESULTS.md").read_text()
    assert "| 04_autoencoders | 50.0 | 400 | 900 | 40.0 | 60.0 | 6.5 | 41.0 | yes |" in table
    assert "| 05_variational_autoencoders | 50.0 | 400 | 900 | 40.0 | 60.0 | - | - | yes |" in table


def test_the_benchmark_reports_where_a_sliders_time_goes(tmp_path, monkeypatch):
    import json

    import benchmark

    split = {"date": "2026-12-02 15:00",
             "before (every picture from the kernel)": {"median_ms": 61.0, "p95_ms": 90.5, "kernel_draw_ms": 21.0},
             "after (pictures sent ahead)": {"median_ms": 7.5, "p95_ms": 15.0, "pictures": 40}}
    monkeypatch.setattr(benchmark, "BROWSER", tmp_path / "browser_latency.json")
    (tmp_path / "browser_latency.json").write_text(json.dumps({"_split": split}))
    results = {"machine": {"date": "d", "cpus": 2, "python": "3.11", "torch": "2.14", "kernel_floor_mb": [300, 200]},
               "notebooks": {}}
    benchmark.fold_browser(results)
    assert results["latency_split"] == split
    monkeypatch.setattr(benchmark, "OUT", tmp_path)
    benchmark.write_markdown(results, tmp_path / "RESULTS.md")
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## Where a slider's time goes (2026-12-02 15:00)" in text
    assert "| before (every picture from the kernel) | 61.0 | 90.5 | kernel draw ms 21.0 |" in text
    assert "| after (pictures sent ahead) | 7.5 | 15.0 | pictures 40 |" in text
