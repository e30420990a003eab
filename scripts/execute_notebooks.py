"""Build each course notebook from its source, run it in a fresh kernel, fill its prose, save it.

    make execute                       # every notebook, in course order
    make execute NB=01_compression     # one (a name, a number such as 01, or a path)

For each notebook: the course notebook is built from ``notebooks/src/NN_name.py``
(``scripts/make_notebook.py``) and executed top to bottom. When the run reaches a markdown cell, the
placeholders of its prose (``{{name:.2f}}``) are evaluated in the kernel, at that point, and the cell
is written with the figures (the figures are also kept in the cell's metadata, so a test can tell
the committed prose from what its source renders). Once every cell ran, every claim of the source's
claims cells is evaluated; if one is false, the notebook is not saved and the sentence it guards is
named. Committed outputs and prose are exactly what the current code prints: run this after changing
a helper.
"""
from __future__ import annotations

import sys
import time

import nbformat

from make_notebook import FILLED, NOTEBOOKS, ROOT, course_notebook, stems
from nbtools import kernel_values, run_notebook
from notebook_source import claims, evaluation_code, placeholders, read, render, source_path


class ProseError(RuntimeError):
    """A placeholder names nothing, or a claim of the prose is false, in this run."""


def fill_placeholders(client, index: int, cell) -> None:
    """Evaluate the placeholders of one markdown cell in the kernel; write the figures into the cell."""
    found = placeholders(cell.source)
    if not found:
        return
    values = kernel_values(client, {p.text: evaluation_code(p) for p in found})
    wrong = [f"{{{{{name}}}}}: {value}" for name, (ok, value) in values.items() if not ok]
    if wrong:
        raise ProseError(f"markdown cell {index}: placeholders that name nothing at this point of the run:\n  "
                         + "\n  ".join(wrong))
    filled = {name: value for name, (_, value) in values.items()}
    cell.source = render(cell.source, filled)
    cell.metadata[FILLED] = {"filled": filled}


def check_claims(stem: str):
    """A function that evaluates every claim of ``stem``'s source in the finished kernel."""
    found = claims(read(source_path(stem)))

    def at_end(client) -> None:
        values = kernel_values(client, {f"c{i}": f"bool({c.expression})" for i, c in enumerate(found)})
        wrong = []
        for i, claim in enumerate(found):
            ok, value = values[f"c{i}"]
            if not (ok and value is True):
                why = "is false" if ok else f"raised {value}"
                wrong.append(f'line {claim.line}: `{claim.expression}` {why}; it guards "{claim.quote}"')
        if wrong:
            raise ProseError(f"{len(wrong)} claim(s) of notebooks/src/{stem}.py fail in this run:\n  "
                             + "\n  ".join(wrong))
        print(f"  {len(found)} claims hold", flush=True)

    return at_end


def execute(stem: str) -> nbformat.NotebookNode:
    """Build, run and fill the course notebook of ``stem``; returns it (not yet saved)."""
    nb = course_notebook(stem)
    result = run_notebook(nb, cwd=NOTEBOOKS, before_markdown=fill_placeholders, at_end=check_claims(stem))
    return result["nb"]


def main(argv: list[str]) -> int:
    for stem in stems(argv):
        start = time.perf_counter()
        print(f"executing {stem} ...", flush=True)
        try:
            nb = execute(stem)
        except ProseError as e:
            print(f"{stem}: not saved.\n{e}", file=sys.stderr)
            return 1
        path = NOTEBOOKS / f"{stem}.ipynb"
        nbformat.write(nb, path)
        print(f"  saved {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 2**20:.2f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
