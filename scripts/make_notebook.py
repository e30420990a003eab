"""Write a notebook from a plain-text source: how the course's notebooks are authored.

A source file (``notebooks/src/NN_name.py``) is a sequence of cells separated by lines that
start with ``# %%``:

    # %% [markdown]        a Markdown cell (each line's leading "# " is removed)
    # %%                   a code cell
    # %% hidden            a code cell whose source is collapsed in JupyterLab (exercise solutions)

    python scripts/make_notebook.py notebooks/src/00_start_here.py   # writes notebooks/00_start_here.ipynb

The written notebook has no outputs; ``make execute NB=00_start_here`` runs it and stores them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def parse(text: str) -> list:
    cells = []
    kind, lines = None, []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(body))
        else:
            cell = nbformat.v4.new_code_cell(body)
            if kind == "hidden":
                cell.metadata["jupyter"] = {"source_hidden": True}
                cell.metadata["tags"] = ["solution"]
            cells.append(cell)

    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            tag = line[4:].strip()
            kind = "markdown" if tag == "[markdown]" else "hidden" if tag == "hidden" else "code"
            lines = []
        else:
            lines.append(line)
    flush()
    return cells


def build(src: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(src.read_text())
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    out = ROOT / "notebooks" / (src.stem + ".ipynb")
    nbformat.validate(nb)
    nbformat.write(nb, out)
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for arg in sys.argv[1:]:
        print("wrote", build(Path(arg)))
