"""The committed notebooks are what the current sources produce, executed top to bottom, error-free,
with every figure of the prose filled from that run and every claim tied to a sentence."""
from __future__ import annotations

import json

import nbformat
import pytest

from support import ROOT
from make_notebook import FILLED, StaleNotebook, aligned, course_cells, course_notebook
from notebook_source import SourceError, claims, placeholders, read, read_cells, source_path, unquoted_claims

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
    """Cell by cell, the committed notebook is what its source builds, its prose filled with the figures it
    stores (so a hand edit, a changed source or a stale figure fails here)."""
    assert source_path(path.stem).is_file(), f"{path.name} has no source notebooks/src/{path.stem}.py"
    aligned(path.stem)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_cell_ids_come_from_the_source(path):
    """Each cell's id is made from its text, so re-running an unchanged source rewrites no id in the diff."""
    built = [c.id for c in course_notebook(path.stem).cells]
    committed = [c["id"] for c in json.loads(path.read_text())["cells"]]
    assert len(set(built)) == len(built)
    assert committed == built, f"{path.name}: cell ids differ from its source's; re-run `make execute NB={path.stem}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_placeholder_was_filled_by_the_run(path):
    committed = nbformat.read(path, as_version=4)
    for have, want in aligned(path.stem, committed):
        if want.cell_type != "markdown":
            continue
        expected = {p.text for p in placeholders(want.source)}
        stored = set(have.metadata.get(FILLED, {}).get("filled", {}))
        assert stored == expected, f"{path.name}: a cell stores figures for {sorted(stored)}, its source quotes {sorted(expected)}"
        assert "{{" not in have.source, f"{path.name}: a markdown cell still shows a placeholder"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_claim_quotes_a_sentence_of_the_prose(path):
    cells = read(source_path(path.stem))
    lost = unquoted_claims(cells)
    assert not lost, (f"{path.name}: claims quote words that are in no markdown cell: "
                      + "; ".join(f'line {c.line}: "{c.quote}"' for c in lost))


def test_a_stale_figure_is_caught(tmp_path, monkeypatch):
    """The check above is not vacuous: a notebook whose prose shows another figure than it stores fails."""
    import make_notebook

    src = tmp_path / "98_tiny.py"
    src.write_text('# %% [markdown]\n# # 98 Tiny\n\n# %%\nacc = 0.875\n\n# %% [markdown]\n'
                   '# The accuracy is {{acc:.0%}}.\n')
    monkeypatch.setattr(make_notebook, "source_path", lambda stem: src)
    nb = nbformat.v4.new_notebook(cells=make_notebook.course_cells("98_tiny"))
    cell = nb.cells[-1]
    cell.source, cell.metadata[FILLED] = "The accuracy is 88%.", {"filled": {"acc:.0%": "88%"}}
    aligned("98_tiny", nb)                                   # as make execute writes it: fine
    cell.metadata[FILLED]["filled"]["acc:.0%"] = "93%"       # the stored figure is not the one shown
    with pytest.raises(StaleNotebook, match="make execute"):
        aligned("98_tiny", nb)
    cell.metadata[FILLED] = {}                               # no figure stored at all
    with pytest.raises(StaleNotebook, match="no value"):
        aligned("98_tiny", nb)


def test_the_source_format_is_checked():
    with pytest.raises(SourceError, match="tags"):
        read_cells('# %% tags=["export", "solution"]\nx = 1\n')
    with pytest.raises(SourceError, match="raw"):
        read_cells('# %% tags=["claims"]\nx > 0  # "x"\n')
    with pytest.raises(SourceError, match="quoting"):
        claims(read_cells('# %% [raw] tags=["claims"]\n# x > 0\n'))
    with pytest.raises(SourceError, match="format spec"):
        placeholders("{{x:not a spec}}")
    assert [(p.expression, p.spec) for p in placeholders("a {{d['k:v']:.2f}} b {{n}} c {{x[1:3].mean():.0%}}")] == [
        ("d['k:v']", ".2f"), ("n", ""), ("x[1:3].mean()", ".0%")]


@pytest.mark.parametrize("src", sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py")), ids=lambda p: p.stem)
def test_sources_are_what_jupytext_writes(src):
    """Opening a source in JupyterLab (jupytext) or VS Code and saving it changes nothing."""
    import jupytext

    text = src.read_text()
    assert jupytext.writes(jupytext.reads(text, fmt="py:percent"), fmt="py:percent") == text, (
        f"{src.name} is not in jupytext's canonical percent format: read and write it once with jupytext")
    course_cells(src.stem)  # and it builds


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_follows_the_course_conventions(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("you will learn", "time to run", "prerequisites", "summary", "further reading"):
        assert heading in text, f"{path.name} lacks a '{heading}' part"
    assert nb.cells[0].source.startswith("# ") and "you will learn" in nb.cells[0].source.lower(), (
        f"{path.name}: a notebook opens with its title and what you will learn, not with code")
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
        if c.cell_type == "code" and "colab" not in c.metadata.get("tags", []):  # only the Colab set-up is folded
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
    from notebook_source import benchmark_figures
    assert nb.metadata.get("latent_space", {}).get("benchmark", {}) == benchmark_figures(read(source_path(path.stem))), (
        f"{path.name}: its benchmark metadata differs from its source; rebuild it")


def test_readme_syllabus_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README's syllabus does not link {path.name}"
