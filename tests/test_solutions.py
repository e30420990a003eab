"""Every exercise's worked solution runs and passes its check.

The course notebooks show solutions folded (markdown), so nbval never runs them. Here each
notebook's instructor build (``scripts/make_notebook.py --instructor``: the solutions as code cells
that end in ``assert check_...(...)``) is executed top to bottom in a fresh kernel.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from make_notebook import SOURCES, build, split  # noqa: E402
from nbtools import run_notebook  # noqa: E402

SRCS = sorted(SOURCES.glob("[0-9][0-9]_*.py"))


def test_there_are_sources():
    assert SRCS, f"no notebook sources in {SOURCES}"


@pytest.mark.solutions
@pytest.mark.parametrize("src", SRCS, ids=lambda p: p.stem)
def test_instructor_notebook_runs_and_every_solution_passes(src, tmp_path):
    kinds = [kind for kind, _ in split(src.read_text())]
    assert kinds.count("solution") >= 3, f"{src.name}: at least 3 checked exercises with solutions"
    path = build(src, instructor=True, out_dir=tmp_path)
    nb = run_notebook(path, cwd=ROOT / "notebooks")["nb"]  # from notebooks/, as the course notebook runs
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    for cell in solutions:
        assert "check_" in cell.source, f"{src.name}: a solution that runs no check: {cell.source[:80]!r}"
        text = str(cell.outputs)
        assert "Not yet" not in text, f"{src.name}: a solution fails its check: {cell.source[:80]!r}"
