"""The committed notebooks are what the current sources produce, executed top to bottom, error-free."""
from __future__ import annotations

import json
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from make_notebook import parse  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def _code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_top_to_bottom_without_errors(path):
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..N; re-run it with `make execute NB={path.stem}`")
    for c in _code_cells(path):
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: a cell's stored output is an error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr" and "Traceback" in out["text"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_matches_its_source(path):
    src = ROOT / "notebooks" / "src" / f"{path.stem}.py"
    assert src.is_file(), f"{path.name} has no source {src.relative_to(ROOT)}"
    want = [(c.cell_type, c.source) for c in parse(src.read_text())]
    have = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
    assert have == want, (f"{path.name} differs from {src.name}: run scripts/make_notebook.py on it, "
                          f"then `make execute NB={path.stem}`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_follows_the_course_conventions(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("you will learn", "time to run", "prerequisites", "summary", "further reading"):
        assert heading in text, f"{path.name} lacks a '{heading}' part"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "setup(" in code[0].source, f"{path.name}: the first code cell must call setup()"
    assert any(c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in code), f"{path.name} checks no output"
    solutions = [c for c in code if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert solutions and all("check_" in c.source for c in solutions), f"{path.name}: hidden solutions run checks"
    assert path.stat().st_size < 2 * 2**20, f"{path.name} is over 2 MB: lower figure sizes or dpi"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_solutions_pass_their_checks(path):
    """Each hidden solution's check printed a green 'Correct' box when the notebook was executed."""
    nb = nbformat.read(path, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden"):
            shown = json.dumps(c.outputs)
            assert "Correct" in shown and "Not yet" not in shown, f"{path.name}: a solution cell fails its check"


def test_readme_syllabus_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README's syllabus does not link {path.name}"
