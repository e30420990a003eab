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
    want = [(c.cell_type, c.source) for c in parse(src.read_text(), name=path.stem)]  # with the Colab cells
    have = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
    assert have == want, (f"{path.name} differs from {src.name}: run scripts/make_notebook.py on it, "
                          f"then `make execute NB={path.stem}`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_follows_the_course_conventions(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("you will learn", "time to run", "prerequisites", "summary", "further reading"):
        assert heading in text, f"{path.name} lacks a '{heading}' part"
    code = [c for c in nb.cells if c.cell_type == "code" and "colab" not in c.metadata.get("tags", [])]
    assert "setup(" in code[0].source, f"{path.name}: the first code cell (after the Colab cell) must call setup()"
    assert any(c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in code), f"{path.name} checks no output"
    assert path.stat().st_size < 2 * 2**20, f"{path.name} is over 2 MB: lower figure sizes or dpi"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_show_no_answer(path):
    """Solutions are folded markdown (no code a reader sees, no output); at least 3 exercises; Think-first prompts."""
    nb = nbformat.read(path, as_version=4)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 3, f"{path.name}: at least 3 checked exercises with a worked solution"
    for c in solutions:
        assert c.cell_type == "markdown", f"{path.name}: a solution is a code cell; mark it '# %% solution'"
        assert c.source.startswith("<details>") and "check_" in c.source, f"{path.name}: a folded solution runs a check"
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.metadata.get("jupyter", {}).get("source_hidden"), f"{path.name}: hidden code cell"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert text.count("think first") >= 2, f"{path.name}: put a 'Think first' question before key results"
    assert text.count("<summary>answer</summary>") >= 2, f"{path.name}: Think-first answers are folded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_measurement_plumbing_or_decode_adapters(path):
    import ast

    nb = nbformat.read(path, as_version=4)
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        assert "record_metric" not in c.source, f"{path.name}: benchmark figures go in the source's [benchmark] block"
        try:
            tree = ast.parse("\n".join(l for l in c.source.splitlines() if not l.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in tree.body:  # top-level functions: a model's own decode() method is no adapter
            if isinstance(node, ast.FunctionDef) and node.name.startswith("decode"):
                raise AssertionError(f"{path.name} defines {node.name}(): pass the decoder itself (decode contract)")
    src = ROOT / "notebooks" / "src" / f"{path.stem}.py"
    from make_notebook import benchmark_figures
    assert nb.metadata.get("latent_space", {}).get("benchmark", {}) == benchmark_figures(src.read_text()), (
        f"{path.name}: its benchmark metadata differs from its source; rebuild it")


def test_readme_syllabus_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README's syllabus does not link {path.name}"
