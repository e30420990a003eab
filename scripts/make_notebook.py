"""Write a notebook from a plain-text source: how the course's notebooks are authored.

A source file (``notebooks/src/NN_name.py``) is a sequence of cells separated by lines that
start with ``# %%``:

    # %% [markdown]        a Markdown cell (each line's leading "# " is removed)
    # %%                   a code cell
    # %% export            a code cell that is also exported: the models and losses a notebook
                           teaches, which scripts/train_*.py and later notebooks import through
                           ``latent_helpers.taught("NN_name")`` (one source, never a copy)
    # %% solution          an exercise's worked solution (``# %% hidden`` is the old name)
    # %% [benchmark]       not a cell: lines ``# stable_key = expression`` naming the quality
                           figures the benchmark reads from the executed notebook's variables
                           (a key ending in .npy: an array saved to benchmarks/out/)

A markdown or plain code cell's marker may end with a slide word, ``slide``, ``subslide`` or
``fragment`` (``# %% [markdown] slide``, ``# %% fragment``): it sets the cell's
``metadata.slideshow.slide_type``, which ``scripts/make_slides.py`` turns into a reveal.js deck (only
the marked cells go on slides) and which JupyterLab's slideshow tools read. The cell's text does not
change. Export and solution cells take no slide word (``lh.taught`` reads ``# %% export`` as it is).

Every built notebook opens with two cells that are not in the source, both written by
``latent_helpers/colab.py``: the "Open in Colab" badge (tagged ``colab-badge``) and a code cell
(tagged ``colab``) that installs the course on Google Colab and does nothing anywhere else.

Two builds come from one source:

- the **course notebook** ``notebooks/NN_name.ipynb`` (what learners open and GitHub shows): each
  solution is a folded ``<details>`` block under its exercise, so nobody sees it without asking,
  and it carries no solution output;
- the **instructor notebook** (``--instructor``, into ``build/instructor/``): the solutions are
  code cells that run and assert their checks. ``tests/test_solutions.py`` executes it, so every
  solution keeps passing its check.

    python scripts/make_notebook.py notebooks/src/00_start_here.py   # writes notebooks/00_start_here.ipynb
    python scripts/make_notebook.py --all                             # every source
    python scripts/make_notebook.py --instructor [--all | SRC ...]    # build/instructor/NN_name.ipynb

The written course notebook has no outputs; ``make execute NB=00_start_here`` runs it and stores them.
"""
from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "notebooks" / "src"
INSTRUCTOR_DIR = ROOT / "build" / "instructor"
SOLUTION_SUMMARY = "Solution (try it yourself first: the check above tells you what is off)"
_KINDS = {"[markdown]": "markdown", "": "code", "export": "export", "solution": "solution", "hidden": "solution",
          "[benchmark]": "benchmark"}
#: The slide words a marker may end with, and the kinds of cell that take one.
SLIDE_TYPES = ("slide", "subslide", "fragment")
_SLIDE_KINDS = ("markdown", "code")
_METRIC = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.npy)?)\s*=\s*(.+)$")


def _markdown(body: str) -> str:
    return "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in body.splitlines())


def split(text: str) -> list[tuple[str, str]]:
    """The source's blocks as ``(kind, body)``, kind one of markdown, code, export, solution, benchmark."""
    return [(kind, body) for kind, body, _ in split_cells(text)]


def split_cells(text: str) -> list[tuple[str, str, str | None]]:
    """The source's blocks as ``(kind, body, slide_type)``; slide_type is None for an unmarked cell."""
    blocks, kind, slide, lines = [], None, None, []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# %%"):
            if kind is not None:
                blocks.append((kind, "\n".join(lines).strip("\n"), slide))
            tag, slide = line[4:].strip(), None
            words = tag.rsplit(None, 1)
            if words and words[-1] in SLIDE_TYPES:
                tag, slide = (words[0] if len(words) == 2 else ""), words[-1]
            if tag not in _KINDS:
                raise ValueError(f"line {number}: unknown cell marker {line!r}; use one of "
                                 + ", ".join(f"'# %% {k}'".replace("  ", " ") for k in _KINDS)
                                 + f", optionally followed by one of {', '.join(SLIDE_TYPES)}")
            kind, lines = _KINDS[tag], []
            if slide and kind not in _SLIDE_KINDS:
                raise ValueError(f"line {number}: {line!r}: a slide word goes after '# %% [markdown]' or a plain "
                                 f"'# %%' only, not after '# %% {tag}'")
        else:
            lines.append(line)
    if kind is not None:
        blocks.append((kind, "\n".join(lines).strip("\n"), slide))
    return blocks


def benchmark_figures(text: str) -> dict[str, str]:
    """``{stable_key: expression}`` from the source's ``# %% [benchmark]`` blocks."""
    figures = {}
    for kind, body in split(text):
        if kind != "benchmark":
            continue
        for line in _markdown(body).splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = _METRIC.match(line)
            if not m:
                raise ValueError(f"benchmark line {line!r} must read 'stable_key = expression'")
            if m.group(1) in figures:
                raise ValueError(f"benchmark key {m.group(1)!r} is declared twice")
            figures[m.group(1)] = m.group(2).strip()
    return figures


def solution_markdown(code: str) -> str:
    """A solution as the course notebook shows it: folded, to be opened on purpose."""
    return f"<details><summary>{SOLUTION_SUMMARY}</summary>\n\n```python\n{code}\n```\n\n</details>"


@functools.cache
def _colab():
    """latent_helpers/colab.py on its own (importing the package would load torch for nothing)."""
    spec = importlib.util.spec_from_file_location("_latent_helpers_colab", ROOT / "latent_helpers" / "colab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def colab_cells(name: str) -> list:
    """The two cells every notebook opens with: the "Open in Colab" badge, and the cell that sets the
    course up on Colab and does nothing elsewhere (latent_helpers/colab.py writes both)."""
    colab = _colab()
    badge = nbformat.v4.new_markdown_cell(colab.badge_markdown(name))
    badge.metadata["tags"] = ["colab-badge"]
    setup = nbformat.v4.new_code_cell(colab.cell_source())
    setup.metadata["tags"] = ["colab"]
    setup.metadata["cellView"] = "form"  # Colab shows the cell's title and folds its code
    return [badge, setup]


def parse(text: str, instructor: bool = False, name: str | None = None) -> list:
    """The notebook cells of a source (course build, or the instructor build); with the notebook's
    ``name`` ('00_start_here'), led by the Colab badge and set-up cell."""
    cells = colab_cells(name) if name else []
    for kind, body, slide in split_cells(text):
        if kind == "benchmark":
            continue
        if kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(_markdown(body)))
        elif kind == "solution" and not instructor:
            cell = nbformat.v4.new_markdown_cell(solution_markdown(body))
            cell.metadata["tags"] = ["solution"]
            cells.append(cell)
        else:
            cell = nbformat.v4.new_code_cell(body)
            if kind == "solution":
                cell.metadata["jupyter"] = {"source_hidden": True}
                cell.metadata["tags"] = ["solution"]
            elif kind == "export":
                cell.metadata["tags"] = ["export"]
            cells.append(cell)
        if slide:
            cells[-1].metadata["slideshow"] = {"slide_type": slide}
    return cells


def build(src: Path, instructor: bool = False, out_dir: Path | None = None) -> Path:
    text = src.read_text()
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(text, instructor=instructor, name=src.stem)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    figures = benchmark_figures(text)
    if figures:
        nb.metadata["latent_space"] = {"benchmark": figures}
    out_dir = out_dir or (INSTRUCTOR_DIR if instructor else ROOT / "notebooks")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (src.stem + ".ipynb")
    nbformat.validate(nb)
    nbformat.write(nb, out)
    return out


def main(argv: list[str]) -> int:
    instructor = "--instructor" in argv
    args = [a for a in argv if a != "--instructor"]
    if "--all" in args or (instructor and not args):
        srcs = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    else:
        srcs = [Path(a) for a in args]
    if not srcs:
        raise SystemExit(__doc__)
    for src in srcs:
        print("wrote", build(src, instructor=instructor).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
