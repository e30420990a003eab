"""Build the notebooks of the course from their sources: the one place a source becomes a notebook.

A source, ``notebooks/src/NN_name.py``, is a jupytext percent script (``scripts/notebook_source.py``
describes its cell roles). From it come:

- the **course notebook** ``notebooks/NN_name.ipynb`` (what learners open and GitHub shows): the title
  cell carries the "Open in Colab" badge, a folded cell after it sets the course up on Colab (and does
  nothing elsewhere), each solution is a folded ``<details>`` block under its exercise, and benchmark and
  claims cells are left out. ``make execute`` builds it, runs it in a fresh kernel and fills the prose's
  placeholders with that run's figures (``scripts/execute_notebooks.py``);
- the **instructor edition** (``make instructor``, ``build/instructor/``): the committed course
  notebook, outputs and all, with each solution as a code cell that runs and asserts its check;
- the **test edition** (:func:`edition_for_tests`, built in memory by the test suite): the instructor edition
  plus cells that check, in the same kernel, that every placeholder names a value and that every claim
  of the prose holds. nbval runs it, so each notebook is executed once to test its checked outputs,
  its solutions and its claims.

    python scripts/make_notebook.py --instructor [NN_name ...]     # build/instructor/NN_name.ipynb
"""
from __future__ import annotations

import copy
import hashlib
import sys
from pathlib import Path

import nbformat

import colab
from notebook_source import (ROOT, SOURCES, Cell, benchmark_figures, claims, evaluation_code,
                             placeholders, read, render, source_path, sources)

NOTEBOOKS = ROOT / "notebooks"
INSTRUCTOR_DIR = ROOT / "build" / "instructor"
SOLUTION_SUMMARY = "Solution (try it yourself first: the check above tells you what is off)"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: Where a markdown cell keeps the figures its placeholders were filled with (cell metadata).
FILLED = "latent_space"


class StaleNotebook(ValueError):
    """The committed notebook is not what its source builds: re-run ``make execute NB=...``."""


def solution_markdown(code: str) -> str:
    """A solution as the course notebook shows it: folded, to be opened on purpose."""
    return f"<details><summary>{SOLUTION_SUMMARY}</summary>\n\n```python\n{code}\n```\n\n</details>"


def _with_badge(title: str, stem: str) -> str:
    """The title cell with the "Open in Colab" badge under its first line (the heading)."""
    head, _, rest = title.partition("\n")
    return f"{head}\n\n{colab.badge_markdown(stem)}\n{rest}" if rest else f"{head}\n\n{colab.badge_markdown(stem)}"


def without_badge(title: str, stem: str) -> str:
    """The title cell's text without the Colab badge (for editions that are not opened on Colab)."""
    return title.replace(f"\n\n{colab.badge_markdown(stem)}", "", 1)


def colab_cell() -> nbformat.NotebookNode:
    """The set-up cell that follows the title: folded in JupyterLab and Colab, does nothing elsewhere."""
    cell = nbformat.v4.new_code_cell(colab.cell_source())
    cell.metadata["tags"] = ["colab"]
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["cellView"] = "form"   # Colab shows the cell's title and folds its code
    return cell


def course_cells(stem: str, cells: list[Cell] | None = None) -> list:
    """The course notebook's cells, before it runs: placeholders still in the prose."""
    cells = read(source_path(stem)) if cells is None else cells
    out = []
    for cell in cells:
        if cell.role in ("benchmark", "claims"):
            continue
        if cell.role == "markdown":
            nb_cell = nbformat.v4.new_markdown_cell(cell.source)
        elif cell.role == "solution":
            nb_cell = nbformat.v4.new_markdown_cell(solution_markdown(cell.source))
            nb_cell.metadata["tags"] = ["solution"]
        else:
            nb_cell = nbformat.v4.new_code_cell(cell.source)
            if cell.role == "export":
                nb_cell.metadata["tags"] = ["export"]
        if cell.slide:
            nb_cell.metadata["slideshow"] = {"slide_type": cell.slide}
        out.append(nb_cell)
    if not out or out[0].cell_type != "markdown" or not out[0].source.startswith("# "):
        raise ValueError(f"{stem}: a notebook opens with a markdown cell whose first line is its '# ' title")
    out[0].source = _with_badge(out[0].source, stem)
    out[0].metadata["tags"] = ["title"]
    return [out[0], colab_cell(), *out[1:]]


def stable_ids(cells: list) -> None:
    """Give each cell an id made from its type and text, so re-running an unchanged source changes no id
    (nbformat's random ids made every re-execution rewrite every cell's id in the diff)."""
    seen: dict[str, int] = {}
    for cell in cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell["id"] = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def course_notebook(stem: str) -> nbformat.NotebookNode:
    """The course notebook of ``stem`` as built from its source, not yet executed."""
    cells = read(source_path(stem))
    nb = nbformat.v4.new_notebook()
    nb.cells = course_cells(stem, cells)
    stable_ids(nb.cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    figures = benchmark_figures(cells)
    if figures:
        nb.metadata["latent_space"] = {"benchmark": figures}
    nbformat.validate(nb)
    return nb


def filled_values(cell) -> dict[str, str]:
    """The figures a committed markdown cell's placeholders were filled with."""
    return cell.metadata.get(FILLED, {}).get("filled", {})


def aligned(stem: str, notebook: nbformat.NotebookNode | None = None) -> list[tuple]:
    """``[(committed cell, built cell)]`` for the committed notebook of ``stem``; raises StaleNotebook when
    the committed notebook is not what the source builds (filled with the figures it stores)."""
    committed = notebook if notebook is not None else nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    built = course_cells(stem)
    hint = f"notebooks/{stem}.ipynb is not what notebooks/src/{stem}.py builds: run `make execute NB={stem}`"
    if len(built) != len(committed.cells):
        raise StaleNotebook(f"{hint} ({len(committed.cells)} cells, the source builds {len(built)})")
    for index, (have, want) in enumerate(zip(committed.cells, built)):
        source = want.source
        if want.cell_type == "markdown" and placeholders(source):
            try:
                source = render(source, filled_values(have))
            except KeyError as e:
                raise StaleNotebook(f"{hint} (cell {index}: {e.args[0]})") from None
        if (have.cell_type, have.source) != (want.cell_type, source):
            raise StaleNotebook(f"{hint} (cell {index} differs: {have.source[:60]!r}...)")
    return list(zip(committed.cells, built))


# ---------------------------------------------------------------- instructor and test editions
def instructor_notebook(stem: str) -> nbformat.NotebookNode:
    """The committed notebook with every solution as a code cell that runs and asserts its check."""
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    aligned(stem, nb)
    solutions = iter(c.source for c in read(source_path(stem)) if c.role == "solution")
    cells = []
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            code = nbformat.v4.new_code_cell(next(solutions))
            code.metadata["tags"] = ["solution"]
            cell = code
        cells.append(cell)
    out = copy.deepcopy(nb)
    out.cells = cells
    out.metadata.setdefault("latent_space", {})["edition"] = "instructor"
    return out


#: The first cell of a test edition: helpers of the checks below (names that cannot clash with a notebook's).
_TEST_HELPERS = '''\
def __course_placeholders(items, namespace):
    """Each placeholder of the prose below names a value of this run."""
    wrong = []
    for text, code in items:
        try:
            eval(code, namespace)
        except Exception as e:
            wrong.append(f"{{{{{text}}}}}: {type(e).__name__}: {e}")
    assert not wrong, "placeholders that name nothing in this run:\\n" + "\\n".join(wrong)


def __course_claims(items, namespace):
    """Every claim of the prose holds in this run."""
    wrong = []
    for line, expression, quote in items:
        try:
            ok = bool(eval(expression, namespace))
        except Exception as e:
            ok, expression = False, f"{expression} (raised {type(e).__name__}: {e})"
        if not ok:
            wrong.append(f'line {line}: `{expression}` is false; it guards "{quote}"')
    assert not wrong, f"{len(wrong)} claim(s) of the text fail in this run:\\n" + "\\n".join(wrong)


def __course_random_state():
    import random, numpy, torch
    return random.getstate(), numpy.random.get_state(), torch.get_rng_state()


def __course_restore_random_state(state):
    import random, numpy, torch
    random.setstate(state[0]); numpy.random.set_state(state[1]); torch.set_rng_state(state[2])'''


def _test_cell(source: str, role: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [f"course-test-{role}"]
    return cell


def edition_for_tests(stem: str) -> nbformat.NotebookNode:
    """The instructor edition plus the checks of placeholders (before each filled cell, where the text
    reads them) and claims (at the end). Solutions run with the random state kept, so a solution that
    draws random numbers does not change what the cells after it print."""
    nb = instructor_notebook(stem)
    source_cells = read(source_path(stem))
    out = []
    for cell, built in zip(nb.cells, course_cells(stem, source_cells)):
        tags = cell.metadata.get("tags", [])
        if built.cell_type == "markdown" and placeholders(built.source):
            items = [(p.text, evaluation_code(p)) for p in placeholders(built.source)]
            out.append(_test_cell(f"__course_placeholders({items!r}, globals())", "placeholders"))
        if "solution" in tags:
            cell = copy.deepcopy(cell)
            cell.source = ("__course_state = __course_random_state()\n" + cell.source
                           + "\n__course_restore_random_state(__course_state)")
        out.append(cell)
        if "colab" in tags:
            out.append(_test_cell(_TEST_HELPERS, "helpers"))
    items = [(c.line, c.expression, c.quote) for c in claims(source_cells)]
    if items:
        out.append(_test_cell(f"__course_claims({items!r}, globals())", "claims"))
    nb.cells = out
    return nb


def write_instructor(stems: list[str], out_dir: Path = INSTRUCTOR_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem in stems:
        path = out_dir / f"{stem}.ipynb"
        nbformat.write(instructor_notebook(stem), path)
        written.append(path)
    return written


def stems(names: list[str] | None = None) -> list[str]:
    """Every notebook's stem ('00_start_here'), or the named ones (a stem, a path, or a number)."""
    if not names:
        return [p.stem for p in sources()]
    out = []
    for name in names:
        stem = Path(name).stem
        match = sorted(p.stem for p in SOURCES.glob(f"{stem}*.py") if p.stem == stem or p.stem.startswith(f"{stem}_"))
        if len(match) != 1:
            raise SystemExit(f"no single notebook source matches {name!r} in {SOURCES.relative_to(ROOT)}")
        out.append(match[0])
    return out


def main(argv: list[str]) -> int:
    if "--instructor" not in argv:
        raise SystemExit(__doc__)
    for path in write_instructor(stems([a for a in argv if a != "--instructor"])):
        print("wrote", path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
