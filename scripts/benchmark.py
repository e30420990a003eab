"""Benchmark every notebook in a fresh kernel: wall seconds, peak memory, slider latency, quality figures.

    make benchmark                     # all notebooks
    make benchmark NB=03_chairs_and_desks

Writes benchmarks/results.json (stable keys, for tools) and benchmarks/RESULTS.md (for people).
The latency in the browser (slider change -> new picture on screen, in Chromium) is measured by the
browser tests (tests/browser/test_latency_browser.py), which write benchmarks/browser_latency.json; this
script folds that file in (``browser_latency`` per notebook): it does not start a browser itself.
Budgets: 90 s and 700 MB of peak anonymous memory (of the kernel's process tree: Pss_Anon summed, RssAnon where there is no sharing) per notebook
on 2 CPU cores; plain RSS is reported too. Quality figures are the ones each notebook's
source declares in its ``# %% [benchmark]`` block, read from the finished kernel by
``scripts/benchmark_hooks.py``: no measurement code in any cell.
"""
from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil

from benchmark_hooks import kernel_code
from nbtools import ROOT, notebook_paths, run_notebook

BUDGET_SECONDS = 90
BUDGET_ANON_MB = 700
OUT = ROOT / "benchmarks"
BROWSER = OUT / "browser_latency.json"
BROWSER_MEDIAN_MS, BROWSER_P95_MS = 33.0, 100.0


def fold_browser(results: dict) -> None:
    """Put the browser tests' latency (worst slider of each notebook) beside the kernel-side figures."""
    if not BROWSER.exists():
        return
    measured = json.loads(BROWSER.read_text())
    for name, row in results["notebooks"].items():
        if name in measured:
            m = measured[name]
            row["browser_latency"] = {"median_ms": m["median_ms"], "p95_ms": m["p95_ms"], "date": m["date"],
                                      "sliders": len(m["sliders"])}
    if "_split" in measured:   # tests/browser/test_latency_split.py: where a slider's time goes
        results["latency_split"] = measured["_split"]


def bench(path: Path) -> dict:
    figures = nbformat.read(path, as_version=4).metadata.get("latent_space", {}).get("benchmark", {})
    result = run_notebook(path, after=kernel_code(figures), measure=True)
    lines = result["after"].strip().splitlines()
    if not lines:
        raise SystemExit(f"{path.name}: the benchmark hook printed nothing")
    hooks = json.loads(lines[-1])
    row = {
        "wall_seconds": round(result["seconds"], 2),
        "peak_mb": round(result["peak_mb"], 1),
        "peak_anon_mb": round(result["peak_anon_mb"], 1),
        "slider_latency": hooks["slider_latency"],
        "quality": hooks["quality"],
    }
    row["within_budget"] = row["wall_seconds"] < BUDGET_SECONDS and row["peak_anon_mb"] <= BUDGET_ANON_MB
    return row


def kernel_floor_mb() -> tuple[float, float]:
    """Peak (RSS, anonymous) MB of a kernel that only imports torch and latent_helpers: every notebook starts there."""
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "floor.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("%matplotlib inline\nimport torch, numpy, latent_helpers")]
        nbformat.write(nb, path)
        result = run_notebook(path, measure=True)
        return round(result["peak_mb"], 1), round(result["peak_anon_mb"], 1)


def write_markdown(results: dict, path: Path) -> None:
    lines = ["# Benchmark results", "",
             f"Made by `make benchmark` on {results['machine']['date']}: {results['machine']['cpus']} CPU cores, "
             f"Python {results['machine']['python']}, torch {results['machine']['torch']}. Each notebook runs "
             f"top to bottom in a fresh kernel. Budgets: {BUDGET_SECONDS} s and {BUDGET_ANON_MB} MB of peak "
             f"anonymous memory per notebook. Anon MB is the anonymous resident memory of the kernel's process "
             f"tree (pages a forked child shares with the kernel counted once: Pss_Anon), what a Binder or laptop limit bites on; RSS MB also counts the "
             f"shared-library pages torch maps. A kernel that only imports torch and latent_helpers already "
             f"takes {results['machine']['kernel_floor_mb'][1]:.0f} MB anonymous, "
             f"{results['machine']['kernel_floor_mb'][0]:.0f} MB RSS here (this machine's torch is the CUDA "
             f"build; Binder's CPU-only build is smaller).", "",
             "| notebook | wall s | peak anon MB | peak RSS MB | kernel slider median ms | kernel slider p95 ms "
             "| browser median ms | browser p95 ms | within budget |",
             "|---|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    fmt = lambda v: "-" if v is None else f"{v:.1f}"  # noqa: E731
    mb = lambda v: "-" if v is None else f"{v:.0f}"  # noqa: E731
    for name, r in results["notebooks"].items():
        lat = r["slider_latency"]
        # rows of an older run may lack a figure measured since: shown as "-", never a crash
        lines.append(f"| {name} | {r['wall_seconds']:.1f} | {mb(r.get('peak_anon_mb'))} | {mb(r.get('peak_mb'))} | "
                     f"{fmt(lat['median_ms'])} | "
                     f"{fmt(lat['p95_ms'])} | {fmt(r.get('browser_latency', {}).get('median_ms'))} | "
                     f"{fmt(r.get('browser_latency', {}).get('p95_ms'))} | {'yes' if r.get('within_budget') else '**no**'} |")
    split = results.get("latency_split")
    if split:
        lines += ["", f"## Where a slider's time goes ({split['date']})", "",
                  "One matplotlib live plot of course size (tests/browser/test_latency_split.py), dragged in Chromium; "
                  "ms from a slider change to the new picture on screen.", "",
                  "| path | median ms | p95 ms | split |", "|---|---:|---:|---|"]
        for path_name, f in split.items():
            if isinstance(f, dict):
                parts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in f.items()
                                  if k not in ("median_ms", "p95_ms"))
                lines.append(f"| {path_name} | {fmt(f['median_ms'])} | {fmt(f['p95_ms'])} | {parts} |")
    quality = [(n, k, v) for n, r in results["notebooks"].items() for k, v in r["quality"].items()]
    if quality:
        lines += ["", "## Quality figures", "", "| notebook | key | value |", "|---|---|---:|"]
        lines += [f"| {n} | `{k}` | {v:.4g} |" for n, k, v in quality]
    arrays = sorted((OUT / "out").glob("*.npy"))
    if arrays:
        lines += ["", "Arrays the notebooks' `[benchmark]` blocks saved (not committed; score them with your own tools): "
                  + ", ".join(f"`benchmarks/out/{a.name}`" for a in arrays) + "."]
    lines += ["", "Kernel slider latency is the kernel-side time from a control's new value to a new picture, "
              "over every live widget in the notebook (8 values per control). Browser latency is measured in "
              "Chromium by tests/browser/test_latency_browser.py (benchmarks/browser_latency.json): every slider "
              "of every live plot dragged across its track, from each slider change to the new picture painted; "
              f"the worst slider's median and 95th percentile (budget {BROWSER_MEDIAN_MS:.0f} and "
              f"{BROWSER_P95_MS:.0f} ms); '-' where the browser tests have not run."]
    path.write_text("\n".join(lines) + "\n")


def main(argv: list[str]) -> int:
    import torch

    OUT.mkdir(exist_ok=True)
    json_path = OUT / "results.json"
    results = json.loads(json_path.read_text()) if (argv and json_path.exists()) else {"notebooks": {}}
    results["machine"] = {"cpus": psutil.cpu_count(), "python": platform.python_version(),
                          "torch": torch.__version__.split("+")[0], "date": time.strftime("%Y-%m-%d"),
                          "kernel_floor_mb": kernel_floor_mb()}
    failed = False
    for path in notebook_paths(argv):
        print(f"benchmarking {path.name} ...", flush=True)
        row = bench(path)
        results["notebooks"][path.stem] = row
        failed |= not row["within_budget"]
        print(f"  {row['wall_seconds']:.1f} s, {row['peak_anon_mb']:.0f} MB anonymous ({row['peak_mb']:.0f} MB RSS), sliders {row['slider_latency']}, "
              f"quality {row['quality']}", flush=True)
    results["notebooks"] = dict(sorted(results["notebooks"].items()))
    fold_browser(results)
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    write_markdown(results, OUT / "RESULTS.md")
    print(f"wrote {json_path.relative_to(ROOT)} and benchmarks/RESULTS.md")
    if failed:
        print("some notebook is over budget (see RESULTS.md)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    sys.exit(main(sys.argv[1:]))
